package markdown

import (
	"strings"
	"testing"
)

// FuzzRender: any input renders or is refused with an error; output never carries raw HTML
// from the input, and every heading gets a non-empty, unique id.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{"# a\n## a\n", "<script>x</script>", "[x](javascript:alert(1))", "| a | b |\n|---|---|\n| 1 | 2 |\n", "```js\nx\n```", "> - [ ] *a* [^1]\n\n[^1]: b", strings.Repeat("- ", 500) + "x"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Render(src)
		if err != nil {
			return
		}
		html := strings.ToLower(string(doc.HTML))
		if strings.Contains(html, "<script") || strings.Contains(html, "<iframe") || strings.Contains(html, "href=\"javascript:") {
			t.Fatalf("unsafe output for %q: %s", src, html)
		}
		seen := map[string]bool{}
		for _, id := range doc.IDs {
			if id == "" || seen[id] {
				t.Fatalf("heading ids %v for %q", doc.IDs, src)
			}
			seen[id] = true
		}
	})
}
