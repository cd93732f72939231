package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearchQuery: any query string is cut to the limits (characters, then words searched)
// and searched without error or panic, and every hit is complete.
func FuzzSearchQuery(f *testing.F) {
	ix := testIndex(f)
	for _, seed := range []string{"", "evnt lop", "djan", "<script>alert(1)</script>", "\x00\xff", strings.Repeat("a ", 5000), "\"unterminated", "+django -node", "a* ?b ~c", "日本語 並行性"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if cut, _ := CutQuery(q); utf8.RuneCountInString(cut) > MaxQueryChars {
			t.Fatalf("CutQuery(%q) = %q, over %d characters", q, cut, MaxQueryChars)
		}
		res, err := ix.Search(q, 20)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if res.Words > MaxTerms {
			t.Fatalf("Search(%q) searched %d words, over %d", q, res.Words, MaxTerms)
		}
		for _, h := range res.Hits {
			if h.URL == "" || len(h.Title) == 0 {
				t.Fatalf("Search(%q) gave an incomplete hit %+v", q, h)
			}
		}
	})
}
