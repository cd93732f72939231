package markdown

import (
	"flag"

	"fmt"
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// TestGolden renders each testdata/*.md and compares HTML, TOC, tables and links with
// testdata/*.golden. Run with -update after an intended change, and review the diff.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.md")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Render(src)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(string(doc.HTML))
			b.WriteString("\n-- toc --\n")
			for _, h := range doc.TOC {
				fmt.Fprintf(&b, "h%d #%s %s\n", h.Level, h.ID, h.Text)
			}
			b.WriteString("-- tables --\n")
			for _, tb := range doc.Tables {
				fmt.Fprintf(&b, "line %d: %v\n", tb.Line, tb.Header)
				for _, r := range tb.Rows {
					fmt.Fprintf(&b, "  %v\n", r)
				}
			}
			b.WriteString("-- links --\n")
			for _, l := range doc.Links {
				fmt.Fprintf(&b, "line %d: %s\n", l.Line, l.Dest)
			}
			golden := strings.TrimSuffix(in, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from %s; got:\n%s", in, golden, b.String())
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	doc, err := Render([]byte("## A\n\n## A\n\n## A\n\n## ***\n\n## 並行性\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "a-2", "a-3", "section", "並行性"}
	if strings.Join(doc.IDs, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %v, want %v", doc.IDs, want)
	}
}

func TestUnsafeContentNeutralised(t *testing.T) {
	src, _ := os.ReadFile("testdata/unsafe.md")
	doc, err := Render(src)
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	for _, bad := range []string{"<script", "onclick", "javascript:", "<iframe", "data:text/html"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML contains %q", bad)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;") && !strings.Contains(html, "&lt;</span><span") {
		t.Errorf("HTML shown as code should stay visible, escaped:\n%s", html)
	}
	if !strings.Contains(html, `<a href="https://example.org/" rel="noopener">`) {
		t.Error("external link lacks rel=noopener")
	}
	if strings.Contains(html, `href="/articles/x" rel`) {
		t.Error("internal link got rel=noopener")
	}
}

func TestRenderRejectsHugeAndInvalid(t *testing.T) {
	if _, err := Render(make([]byte, maxSourceBytes+1)); err == nil {
		t.Error("oversized document accepted")
	}
	if _, err := Render([]byte("ok \xff")); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func TestChromaCSSIsCurrent(t *testing.T) {
	css, err := ChromaCSS()
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../../static/chroma.css")
	if err != nil {
		t.Fatal(err)
	}
	if string(shipped) != css {
		t.Error("static/chroma.css is stale: run go generate ./static")
	}
	if !strings.Contains(css, "prefers-color-scheme: dark") {
		t.Error("no dark style")
	}
}

func TestInline(t *testing.T) {
	got, err := Inline("Use `x` and *y* <b>raw</b>")
	if err != nil {
		t.Fatal(err)
	}
	if got != "Use <code>x</code> and <em>y</em> <!-- raw HTML omitted -->raw<!-- raw HTML omitted -->" {
		t.Errorf("Inline = %q", got)
	}
}

func BenchmarkRender(b *testing.B) {
	src, _ := os.ReadFile("testdata/code.md")
	for b.Loop() {
		if _, err := Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDeepNestingRefused(t *testing.T) {
	var deep strings.Builder
	for i := 0; i < 2000; i++ {
		deep.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	for name, src := range map[string]string{
		"indented lists": deep.String(),
		"inline markers": strings.Repeat("- ", 20000) + "x",
		"quotes":         "ok\n\n" + strings.Repeat("> ", 40) + "x",
	} {
		_, err := Render([]byte(src))
		if err == nil || !strings.Contains(err.Error(), "levels deep") {
			t.Errorf("%s: err = %v, want a nesting error", name, err)
		}
	}
	if _, err := Render([]byte("- a\n  - b\n    - c\n      > d\n\n1. one\n2. two\n\n```py\n" + strings.Repeat(" ", 120) + "deep_code()\n```\n")); err != nil {
		t.Errorf("ordinary nesting refused: %v", err)
	}
}

func TestCodeColoursMeetContrast(t *testing.T) {
	for _, name := range []string{LightStyle, DarkStyle} {
		style, err := accessibleStyle(styles.Get(name))
		if err != nil {
			t.Fatal(err)
		}
		bg := style.Get(chroma.Background).Background
		for _, tt := range style.Types() {
			if c := style.Get(tt).Colour; c.IsSet() && contrast(c, bg) < 4.5 {
				t.Errorf("%s: %v colour %v on %v = %.2f:1", name, tt, c, bg, contrast(c, bg))
			}
		}
	}
}

func TestPlainTextHasCharactersNotEntities(t *testing.T) {
	doc, err := Render([]byte("## Django's \"MTV\"\n\n| Aspect | A | B |\n| --- | --- | --- |\n| x | Chrome's engine | y |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.TOC[0].Text; got != "Django’s “MTV”" {
		t.Errorf("TOC text = %q", got)
	}
	if got := doc.Tables[0].Rows[0][1].Text; got != "Chrome’s engine" {
		t.Errorf("cell text = %q", got)
	}
}
