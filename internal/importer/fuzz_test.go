package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/markdown"
)

// FuzzImport feeds the importer arbitrary documents under each name ending. Whatever it reads,
// it must not panic, must not lose or invent text when it splits a flattened row (the row's
// label and cells put back together are the line), must report findings at lines the document
// has, and must write a draft whose claims tables have one row per mapped row and one column
// per known subject, with a valid file name.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"express-fastify.html", "django-fastapi.md", "flattened.txt", "no-table.txt", "seed-tables.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("FeatureExpressFastify\nLanguageJavaScriptJavaScript\n"), uint8(2))
	f.Add([]byte("| Django | Flask | |\n|---|---|---|\n| ORM | Built in | SQLAlchemy |\n"), uint8(1))
	f.Add([]byte("<table><th>x</th><th>Django</th><th>Rails</th><tr><td>ORM</td><td>a|b</td><td>c</td></tr></table>"), uint8(0))
	site := shipped(f)
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		name := []string{"doc.html", "doc.md", "doc.txt", "doc"}[kind%4]
		d := Import(site, name, data)
		lines := strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") + 1
		for _, fd := range d.Findings {
			if fd.Line < 1 || fd.Line > lines {
				t.Fatalf("finding at line %d of a %d-line document: %+v", fd.Line, lines, fd)
			}
		}
		src := strings.Split(strings.ReplaceAll(strings.ToValidUTF8(string(data), "\uFFFD"), "\r\n", "\n"), "\n")
		mapped := 0
		for _, tb := range d.Tables {
			known := 0
			for _, s := range tb.Subjects {
				if s != nil {
					known++
				}
			}
			for _, r := range tb.Rows {
				if r.Aspect != nil && known > 0 {
					mapped++
				}
				if !strings.HasPrefix(tb.Kind, "flattened") {
					continue
				}
				got := strings.Join(append([]string{r.Label}, r.Cells...), "")
				if squeeze(got) != squeeze(src[r.Line-1]) {
					t.Fatalf("row at line %d split into %q, which is not the line %q", r.Line, append([]string{r.Label}, r.Cells...), src[r.Line-1])
				}
			}
		}
		draft := d.Draft("2026-12-04")
		if s := d.Slug(); s != "" && !content.ValidSlug(s) {
			t.Fatalf("slug %q is not a valid file name", s)
		}
		body := draft[strings.Index(string(draft), "\n---\n")+5:]
		md, err := markdown.Parse(body)
		if err != nil {
			t.Fatalf("draft does not parse: %v", err)
		}
		var labels []string
		for _, tb := range md.Tables {
			for _, r := range tb.Rows {
				labels = append(labels, r[0].Text)
			}
		}
		var want []string
		for _, tb := range d.Tables {
			for _, r := range tb.Rows {
				if r.Aspect != nil {
					want = append(want, r.Aspect.Label)
				}
			}
		}
		if strings.Join(labels, "\n") != strings.Join(want, "\n") {
			t.Fatalf("draft rows are labelled %q, want the mapped rows' aspects %q:\n%s", labels, want, draft)
		}
		// Every table line has exactly one separator per cell boundary: no cell's text adds one.
		header := 0
		for _, line := range strings.Split(string(body), "\n") {
			switch {
			case strings.HasPrefix(line, "| Aspect |"):
				header = separators(line)
			case strings.HasPrefix(line, "| ") && separators(line) != header:
				t.Fatalf("table line %q has %d separators, its header %d:\n%s", line, separators(line), header, draft)
			}
		}
	})
}

// squeeze drops whitespace, so a split can be compared with its line.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// separators counts the pipes of a table line that are not escaped.
func separators(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			n++
		}
	}
	return n
}
