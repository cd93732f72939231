package content

import (
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"github.com/versus-dev/versus/internal/problem"
)

// FuzzLoadArticle: any bytes as an article either load or produce path:line problems for
// that file; loading never panics.
func FuzzLoadArticle(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: X\n---\n## Hi\n\n| Aspect | Alpha | Beta |\n| --- | --- | --- |\n| Language | a | b |\n",
		"---\ntitle: [\n---\n",
		"---\n",
		"\xef\xbb\xbf---\r\ntitle: X\r\n---\r\n",
		"---\ntitle: X\ndate: 2026-02-30\nsubjects: [alpha, nope]\n---\n[x](/compare/alpha-vs-beta#orm) [y](#nope)\n",
		"---\n&a [*a, *a]\n---\n",
		"---\ntitle: !!binary aGVsbG8=\n---\n> - - - - - - deep\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := validFS()
		fsys["articles/fuzz.md"] = &fstest.MapFile{Data: data}
		_, err := LoadSite(fsys, Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
		if err == nil {
			return
		}
		var probs problem.List
		if !errors.As(err, &probs) || len(probs) == 0 {
			t.Fatalf("error is not a problem.List: %v", err)
		}
		for _, p := range probs {
			if p.Path != "articles/fuzz.md" || p.Line < 1 || p.Message == "" {
				t.Fatalf("bad problem %+v for input %q", p, data)
			}
		}
	})
}
