package content

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/problem"
	"github.com/versus-dev/versus/internal/testsite"
)

// validFS is the shared fixture: two subjects, one source and three articles (one published).
func validFS() fstest.MapFS { return testsite.FS() }

func load(t *testing.T, fsys fstest.MapFS) (*Site, problem.List) {
	t.Helper()
	site, err := LoadSite(fsys, Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		return site, nil
	}
	probs, ok := err.(problem.List)
	if !ok {
		t.Fatalf("LoadSite returned %T %v, want a problem.List", err, err)
	}
	return nil, probs
}

func TestLoadValidSite(t *testing.T) {
	site, probs := load(t, validFS())
	if probs != nil {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	if len(site.Subjects) != 2 || len(site.Aspects) != 4 || len(site.Sources) != 1 {
		t.Fatalf("got %d subjects, %d aspects, %d sources", len(site.Subjects), len(site.Aspects), len(site.Sources))
	}
	if got := len(site.Published()); got != 1 {
		t.Errorf("published articles = %d, want 1 (draft and future article hidden)", got)
	}
	a, ok := site.Article("hello")
	if !ok {
		t.Fatal("article hello missing")
	}
	if len(a.Sources) != 1 || a.Sources[0].Slug != "src" {
		t.Errorf("article sources = %v, want [src] from its link", a.Sources)
	}
	if len(a.Tags) != 1 || a.Tags[0].Slug != "intro" {
		t.Errorf("tags = %+v", a.Tags)
	}
	beta, _ := site.Subject("beta")
	if beta.Values["orm"].Disputed == "" {
		t.Error("disputed explanation lost")
	}
	if !strings.Contains(string(beta.Values["orm"].NoteHTML), "<code>models</code>") {
		t.Errorf("note not rendered inline: %q", beta.Values["orm"].NoteHTML)
	}
}

func TestLoadDraftsOption(t *testing.T) {
	site, err := LoadSite(validFS(), Options{Drafts: true, Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := site.Article("drafted"); !ok {
		t.Error("draft not served with Drafts option")
	}
}

func TestFeatureTableClaims(t *testing.T) {
	site, probs := load(t, validFS())
	if probs != nil {
		t.Fatal(probs)
	}
	src, _ := site.Source("src")
	type claim struct {
		subject, aspect, text string
		line                  int
	}
	var got []claim
	for _, c := range src.Claims {
		got = append(got, claim{c.Subject.Slug, c.Aspect.ID, c.Text, c.Line})
	}
	want := []claim{
		{"alpha", "language", "Python too", 16},
		{"beta", "language", "JavaScript", 16},
		{"alpha", "orm", "Has one", 17},
		{"beta", "orm", "Has one too", 18},
	}
	if len(got) != len(want) {
		t.Fatalf("claims = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	beta, _ := site.Subject("beta")
	if n := len(beta.Values["orm"].Claims); n != 1 {
		t.Errorf("beta/orm has %d claims, want 1", n)
	}
}

func TestOrdinaryTableIsNotAFeatureTable(t *testing.T) {
	fsys := validFS()
	fsys["articles/table.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\n---\n| Tool | Use |\n| --- | --- |\n| Unknown thing | x |\n")}
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	a, _ := site.Article("table")
	if len(a.Claims) != 0 {
		t.Errorf("ordinary table produced claims: %+v", a.Claims)
	}
}

// aspectsEnd is the line an aspect appended to the fixture's vocabulary starts on.
var aspectsEnd = strings.Count(testsite.Aspects, "\n") + 1

// TestLoadProblems feeds one broken document per kind of problem and checks the line.
func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             string // "path:line: substring"
	}{
		{"front matter not closed", "articles/x.md", "---\ntitle: X\n\nbody\n", "articles/x.md:1: front matter is not closed"},
		{"no front matter", "articles/x.md", "# Title\n", "articles/x.md:1: front matter missing"},
		{"yaml syntax", "articles/x.md", "---\ntitle: X\ntags: [a, b\n---\nbody\n", "articles/x.md:3: YAML"},
		{"unknown key with suggestion", "articles/x.md", "---\ntitle: X\ndescripton: y\n---\n", `articles/x.md:3: unknown key "descripton" (did you mean "description"?)`},
		{"missing title", "articles/x.md", "---\ndescription: y\n---\n", `articles/x.md:2: missing required key "title"`},
		{"wrong type", "articles/x.md", "---\ntitle: X\ndraft: [1]\n---\n", "articles/x.md:3: wrong type"},
		{"invalid date", "articles/x.md", "---\ntitle: X\ndate: 2026-13-40\n---\n", `articles/x.md:3: invalid date "2026-13-40"`},
		{"bad slug", "articles/Bad_Name.md", "---\ntitle: X\n---\n", `articles/Bad_Name.md:1: file name "Bad_Name" is not a valid slug`},
		{"vs in slug", "articles/a-vs-b.md", "---\ntitle: X\n---\n", `articles/a-vs-b.md:1: file name "a-vs-b" is not a valid slug`},
		{"unknown subject", "articles/x.md", "---\ntitle: X\nsubjects:\n  - alpha\n  - alpah\n---\n", `articles/x.md:5: unknown subject "alpah" (did you mean "alpha"?)`},
		{"broken internal link", "articles/x.md", "---\ntitle: X\n---\n\nSee [nothing](/articles/nope).\n", "articles/x.md:5: link to /articles/nope: no such page"},
		{"broken fragment", "articles/x.md", "---\ntitle: X\n---\n## One\n\n[two](#two)\n", "articles/x.md:6: link to #two: no such heading"},
		{"broken row fragment", "articles/x.md", "---\ntitle: X\n---\n[m](/compare/alpha-vs-beta#speed)\n", "articles/x.md:4: link to /compare/alpha-vs-beta#speed"},
		{"not utf-8", "articles/x.md", "---\ntitle: X\n---\nok\n\xff\xfe bad\n", "articles/x.md:5: file is not valid UTF-8"},
		{"empty file", "articles/x.md", "  \n", "articles/x.md:1: file is empty"},
		{"unknown aspect in table", "articles/x.md", "---\ntitle: X\n---\n\n| Aspect | Alpha | Beta |\n| --- | --- | --- |\n| Langauge | a | b |\n", `articles/x.md:7: feature table row names unknown aspect "Langauge" (did you mean "Language"?)`},
		{"unknown subject column", "articles/x.md", "---\ntitle: X\n---\n| Aspect | Alpha | Beta | Gamma |\n| --- | --- | --- | --- |\n| Language | a | b | c |\n", `articles/x.md:4: feature table column "Gamma" names no known subject`},
		{"subject missing aspect", "subjects/gamma.md", "---\nname: Gamma\nkind: runtime\nlanguage: Go\nwebsite: https://g.example/\naspects:\n  language:\n    value: Go\n    refs: [{title: D, url: https://g.example/d}]\n    asof: \"1\"\n---\n", "subjects/gamma.md:6: missing values for 3 aspect(s): orm, concurrency-model, learning-curve"},
		{"subject unknown aspect", "subjects/gamma.md", "---\nname: Gamma\nkind: runtime\nlanguage: Go\nwebsite: https://g.example/\naspects:\n  speed:\n    value: fast\n    refs: [{title: D, url: https://g.example/d}]\n    asof: \"1\"\n---\n", `subjects/gamma.md:7: unknown aspect "speed"`},
		{"subject unknown kind", "subjects/gamma.md", "---\nname: Gamma\nkind: runtme\nlanguage: Go\nwebsite: https://g.example/\n---\n", `subjects/gamma.md:3: unknown kind "runtme" (did you mean "runtime"?)`},
		{"value without refs", "subjects/gamma.md", "---\nname: Gamma\nkind: runtime\nlanguage: Go\nwebsite: https://g.example/\naspects:\n  language:\n    value: Go\n    asof: \"1\"\n  orm:\n    value: none\n    refs: [{source: nope}]\n    asof: \"1\"\n---\n", `subjects/gamma.md:7: aspect "language" needs at least one reference`},
		{"unknown source ref", "subjects/gamma.md", "---\nname: Gamma\nkind: runtime\nlanguage: Go\nwebsite: https://g.example/\naspects:\n  language:\n    value: Go\n    refs: [{title: D, url: https://g.example/d}]\n    asof: \"1\"\n  orm:\n    value: none\n    refs:\n      - source: srx\n    asof: \"1\"\n---\n", `subjects/gamma.md:14: unknown source "srx" (did you mean "src"?)`},
		{"duplicate aspect id", "aspects.yaml", testsite.Aspects + "  - id: orm\n    label: Other\n    group: basics\n    description: d\n", fmt.Sprintf(`aspects.yaml:%d: aspect "orm" is defined twice`, aspectsEnd)},
		{"aspect in unknown group", "aspects.yaml", testsite.Aspects + "  - id: speed\n    label: Speed\n    group: basic\n    description: d\n", fmt.Sprintf(`aspects.yaml:%d: aspect "speed": unknown group "basic" (did you mean "basics"?)`, aspectsEnd+2)},
		{"duplicate subject name", "subjects/gamma.md", "---\nname: Alpha\nkind: runtime\nlanguage: Go\nwebsite: https://g.example/\n---\n", `name "Alpha" is also used by subject alpha`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS()
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.data)}
			_, probs := load(t, fsys)
			if probs == nil {
				t.Fatalf("no problems reported, want %q", tt.want)
			}
			for _, p := range probs {
				if strings.Contains(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("want a problem containing %q, got:\n%v", tt.want, probs)
		})
	}
}

func TestAllProblemsReportedAtOnce(t *testing.T) {
	fsys := validFS()
	fsys["articles/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nfoo: 1\nbar: 2\n---\n")}
	fsys["articles/b.md"] = &fstest.MapFile{Data: []byte("---\ndate: nope\n---\n")}
	_, probs := load(t, fsys)
	want := []string{`articles/a.md:3: unknown key "foo"`, `articles/a.md:4: unknown key "bar"`, `articles/b.md:2: missing required key "title"`, `articles/b.md:2: invalid date`}
	for _, w := range want {
		found := false
		for _, p := range probs {
			found = found || strings.Contains(p.String(), w)
		}
		if !found {
			t.Errorf("missing %q in:\n%v", w, probs)
		}
	}
}

func TestCRLFAndBOM(t *testing.T) {
	fsys := validFS()
	doc := "\xef\xbb\xbf---\r\ntitle: Windows\r\ntags: [x]\r\n---\r\n## Heading\r\n\r\nText.\r\n"
	fsys["articles/win.md"] = &fstest.MapFile{Data: []byte(doc)}
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	a, _ := site.Article("win")
	if a.Title != "Windows" || len(a.TOC) != 1 || a.TOC[0].ID != "heading" {
		t.Errorf("got title %q toc %+v", a.Title, a.TOC)
	}
	fsys["articles/win.md"] = &fstest.MapFile{Data: []byte("\xef\xbb\xbf---\r\ntitle: W\r\nbad: 1\r\n---\r\n")}
	_, probs = load(t, fsys)
	if len(probs) != 1 || probs[0].Line != 3 {
		t.Errorf("CRLF line mapping: %v", probs)
	}
}

// TestShippedContent loads the embedded content: every shipped file must be valid, and every
// subject must have every aspect with a value, a reference and an "as of".
func TestShippedContent(t *testing.T) {
	site, err := LoadSite(sitecontent.FS, Options{})
	if err != nil {
		t.Fatalf("shipped content has problems:\n%v", err)
	}
	if len(site.Subjects) < 20 || len(site.Aspects) < 20 || len(site.Sources) < 15 || len(site.Published()) < 6 {
		t.Errorf("got %d subjects, %d aspects, %d sources, %d articles; want ≥20, ≥20, ≥15, ≥6",
			len(site.Subjects), len(site.Aspects), len(site.Sources), len(site.Published()))
	}
	// A pair shows published claims when a source makes claims about both of its subjects.
	sourced := 0
	for _, c := range site.Pairs() {
		for _, src := range site.Sources {
			about := map[*Subject]bool{}
			for _, cl := range src.Claims {
				about[cl.Subject] = true
			}
			if about[c[0]] && about[c[1]] {
				sourced++
				break
			}
		}
	}
	if sourced < 7 {
		t.Errorf("%d pairs have a source with claims on both subjects, want at least 7", sourced)
	}
	for _, s := range site.Subjects {
		for _, a := range site.Aspects {
			v := s.Values[a.ID]
			if v == nil || strings.TrimSpace(v.Text) == "" || len(v.Refs) == 0 || v.AsOf == "" {
				t.Errorf("%s: aspect %s lacks a value, reference or as-of: %+v", s.Slug, a.ID, v)
			}
		}
	}
	multiLang := 0
	langRE := regexp.MustCompile(`data-lang="([a-z0-9+#-]+)"`)
	for _, a := range site.Published() {
		langs := map[string]bool{}
		body, err := a.Body()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range langRE.FindAllStringSubmatch(string(body), -1) {
			langs[m[1]] = true
		}
		if len(langs) >= 2 {
			multiLang++
		}
		if len(a.Subjects) == 0 {
			t.Errorf("article %s names no subjects, so it links to no comparison", a.Slug)
		}
	}
	if multiLang < 4 {
		t.Errorf("%d articles have code in two or more languages, want ≥ 4", multiLang)
	}
	for _, src := range site.Sources {
		if len(src.Claims) < 15 {
			t.Errorf("source %s has %d claims; every claim of the document should be recorded", src.Slug, len(src.Claims))
		}
	}
}
