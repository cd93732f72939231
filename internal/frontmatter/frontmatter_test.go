package frontmatter

import (
	"strings"
	"testing"

	"github.com/versus-dev/versus/internal/problem"
)

type testDoc struct {
	Title string   `yaml:"title"`
	Tags  []string `yaml:"tags"`
	Items []struct {
		Name string `yaml:"name"`
	} `yaml:"items"`
}

func split(t *testing.T, raw string) (File, problem.List) {
	t.Helper()
	var probs problem.Collector
	f, _ := Split("doc.md", []byte(raw), &probs)
	return f, probs.List()
}

func TestSplit(t *testing.T) {
	f, probs := split(t, "---\ntitle: A\ntags: [x]\n---\n## Body\n")
	if probs != nil {
		t.Fatal(probs)
	}
	if f.BodyLine != 5 || string(f.Body) != "## Body\n" {
		t.Errorf("body %q at line %d, want %q at 5", f.Body, f.BodyLine, "## Body\n")
	}
	// Windows line endings and a byte order mark keep the line count.
	f, probs = split(t, "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
	if probs != nil || f.BodyLine != 4 || string(f.Body) != "Body\n" {
		t.Errorf("CRLF file: body %q at %d, problems %v", f.Body, f.BodyLine, probs)
	}
}

func TestSplitProblems(t *testing.T) {
	for _, tt := range []struct {
		name, raw, want string
	}{
		{"no front matter", "# Title\n", "doc.md:1: front matter missing"},
		{"not closed", "---\ntitle: A\n", "doc.md:1: front matter is not closed"},
		{"empty", "  \n", "doc.md:1: file is empty"},
		{"bad utf-8", "---\ntitle: A\n\xff\n---\n", "doc.md:3: file is not valid UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := split(t, tt.raw)
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tt.want) {
				t.Errorf("problems = %v, want one starting %q", probs, tt.want)
			}
		})
	}
}

func decode(t *testing.T, raw string) (testDoc, Node, bool, problem.List) {
	t.Helper()
	var probs problem.Collector
	f, ok := Split("doc.md", []byte(raw), &probs)
	if !ok {
		t.Fatalf("split: %v", probs.List())
	}
	var d testDoc
	node, ok := f.Decode(&d, &probs)
	return d, node, ok, probs.List()
}

func TestDecodeReportsAtFileLines(t *testing.T) {
	for _, tt := range []struct {
		name, raw, want string
	}{
		{"unknown key with suggestion", "---\ntitle: A\ntagz: [x]\n---\n", `doc.md:3: unknown key "tagz" (did you mean "tags"?)`},
		{"nested unknown key", "---\nitems:\n  - name: a\n  - nmae: b\n---\n", `doc.md:4: unknown key "nmae" (did you mean "name"?)`},
		{"wrong type", "---\ntitle: A\ntags: {a: 1}\n---\n", "doc.md:3: mapping was used where sequence is expected"},
		{"syntax", "---\ntitle: A\ntags: [x\n---\n", "doc.md:"},
		{"empty front matter", "---\n---\nBody\n", "doc.md:2: front matter is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ok, probs := decode(t, tt.raw)
			if ok {
				t.Error("decode reported success")
			}
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tt.want) {
				t.Errorf("problems = %v, want one starting %q", probs, tt.want)
			}
		})
	}
}

func TestNodeLines(t *testing.T) {
	d, node, ok, probs := decode(t, "---\ntitle: A\nitems:\n  - name: a\n\n  - name: b\n---\n")
	if !ok || probs != nil {
		t.Fatal(probs)
	}
	if d.Title != "A" || len(d.Items) != 2 {
		t.Fatalf("decoded %+v", d)
	}
	if got := node.KeyLine("items", 0); got != 3 {
		t.Errorf("items key on line %d, want 3", got)
	}
	if got := node.KeyLine("tags", 99); got != 99 {
		t.Errorf("absent key line = %d, want the fallback", got)
	}
	items := node.Key("items")
	if items.Len() != 2 || items.ItemLine(1, 0) != 6 || items.Item(1).KeyLine("name", 0) != 6 {
		t.Errorf("items: len %d, second on line %d", items.Len(), items.ItemLine(1, 0))
	}
	if got := items.ItemLine(5, 42); got != 42 {
		t.Errorf("missing item line = %d, want the fallback", got)
	}
	if !node.Key("nope").IsZero() || node.Key("nope").Line() != 0 {
		t.Error("an absent key is not a zero node")
	}
}

func TestDecodeWholeFileYAML(t *testing.T) {
	var probs problem.Collector
	var d testDoc
	_, ok := DecodeYAML("site.yaml", []byte("title: A\nextra: 1\n"), 1, &d, &probs)
	if ok || probs.Len() != 1 || probs.List()[0].Line != 2 {
		t.Errorf("ok=%v problems=%v, want one on line 2", ok, probs.List())
	}
}
