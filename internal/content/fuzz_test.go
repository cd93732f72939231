package content

import (
	"errors"
	"net/url"
	"testing"
	"testing/fstest"
	"time"

	"github.com/versus-dev/versus/internal/problem"
	"github.com/versus-dev/versus/internal/testsite"
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

// FuzzParseChoice: any query either is refused with a reason or parses to a choice whose
// canonical form parses back to itself and can be answered; nothing panics.
func FuzzParseChoice(f *testing.F) {
	for _, seed := range []string{"", "m-language=python&g-runtime=3", "m-orm=add-on&m-orm=none", "w-orm=2&g-basics=0",
		"m-language=javascript&m-language=python&w-learning-curve=3", "g-basics=01", "%zz", "m-=&g-=&w-=", "m-orm=unknown"} {
		f.Add(seed)
	}
	site, err := LoadSite(func() fstest.MapFS {
		fs := validFS()
		fs[testsite.Gamma.Path()] = testsite.Article(testsite.Gamma.File())
		return fs
	}(),
		Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		c, err := site.ParseChoice(q)
		if err != nil {
			var ce *ChoiceError
			if !errors.As(err, &ce) || ce.Reason == "" || ce.Param == "" {
				t.Fatalf("%q: error %v is not a ChoiceError with a reason", raw, err)
			}
			return
		}
		canon := c.Query(site)
		q2, err := url.ParseQuery(canon)
		if err != nil {
			t.Fatalf("%q: canonical %q does not parse: %v", raw, canon, err)
		}
		c2, err := site.ParseChoice(q2)
		if err != nil || c2.Query(site) != canon {
			t.Fatalf("%q: canonical %q parses to %q, %v", raw, canon, c2.Query(site), err)
		}
		ans := site.Choose(c)
		if len(ans.Ranked)+len(ans.Rejected) != len(site.Subjects) {
			t.Fatalf("%q: %d ranked and %d rejected of %d subjects", raw, len(ans.Ranked), len(ans.Rejected), len(site.Subjects))
		}
	})
}
