package content

import (
	"errors"
	"net/url"
	"slices"
	"testing"
)

func TestComparisonPaths(t *testing.T) {
	site, _ := load(t, validFS())
	c, err := site.ResolveSubjects([]string{"beta", "alpha"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ got, want string }{
		{c.Name(), "beta-vs-alpha"},
		{c.Title(), "Beta vs Alpha"},
		{c.Path(), "/compare/beta-vs-alpha"},
		{c.Canonical().Path(), "/compare/alpha-vs-beta"},
		{c.Canonical().Title(), "Alpha vs Beta"},
		{c.RowPath(site.Aspects[1]), "/compare/beta-vs-alpha#orm"},
		{c.ViewPath(View{}), "/compare/beta-vs-alpha"},
		{c.ViewPath(View{Group: "runtime", DiffOnly: true}), "/compare/beta-vs-alpha?diff=1&group=runtime"},
		{c.FormatPath(JSON, View{DiffOnly: true}), "/compare/beta-vs-alpha.json?diff=1"},
		{c.FormatPath(Image, View{}), "/compare/beta-vs-alpha.png"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if c[0].Slug != "beta" {
		t.Error("Canonical changed the comparison it was called on")
	}
	a, _ := site.Article("hello")
	src, _ := site.Source("src")
	tag, _ := site.Tag("intro")
	for _, tt := range []struct{ got, want string }{
		{a.Path(), "/articles/hello"}, {src.Path(), "/sources/src"}, {src.claimsPath(), "/sources/src#claims"},
		{c[0].Path(), "/subjects/beta"}, {tag.Path(), "/tags/intro"}, {SearchFor("event loop"), "/search?q=event+loop"},
		{src.Claims[0].Path(), "/sources/src#claims"}, {src.Claims[0].DocumentPath(), "/sources/src"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestParseComparison(t *testing.T) {
	site, _ := load(t, validFS())
	for _, tt := range []struct {
		segment   string
		want      string // Name, or "" for an error
		format    Format
		unknown   bool // an *UnknownSubjectError
		malformed bool
	}{
		{segment: "alpha-vs-beta", want: "alpha-vs-beta"},
		{segment: "beta-vs-alpha.json", want: "beta-vs-alpha", format: JSON},
		{segment: "alpha-vs-beta.png", want: "alpha-vs-beta", format: Image},
		{segment: "alpha-vs-gamma", unknown: true},
		{segment: "alpha", want: ""},
		{segment: "alpha-vs-alpha", want: ""},
		{segment: "Alpha-vs-beta", malformed: true},
		{segment: "alpha-vs-", malformed: true},
		{segment: "alpha_x-vs-beta", malformed: true},
	} {
		c, f, err := site.ParseComparison(tt.segment)
		var unknown *UnknownSubjectError
		var bad *BadComparisonError
		switch {
		case tt.want != "":
			if err != nil || c.Name() != tt.want || f != tt.format {
				t.Errorf("%q = %q %q %v, want %q %q", tt.segment, c.Name(), f, err, tt.want, tt.format)
			}
		case tt.unknown:
			if !errors.As(err, &unknown) || unknown.Slug != "gamma" || len(unknown.Suggestions) == 0 {
				t.Errorf("%q: err %v, want an unknown subject with suggestions", tt.segment, err)
			}
		default:
			if !errors.As(err, &bad) || bad.Malformed != tt.malformed {
				t.Errorf("%q: err %v, want a bad comparison (malformed %v)", tt.segment, err, tt.malformed)
			}
		}
	}
}

func TestParseView(t *testing.T) {
	site, _ := load(t, validFS())
	c, _ := site.ResolveSubjects([]string{"alpha", "beta"})
	for _, tt := range []struct {
		query string
		want  View
		ok    bool
	}{
		{"", View{}, true},
		{"diff=1", View{DiffOnly: true}, true},
		{"diff=true&group=basics", View{DiffOnly: true, Group: "basics"}, true},
		{"diff=0&other=x", View{}, true},
		{"base=beta&view=full", View{Base: "beta", Full: true}, true},
		{"diff=yes", View{}, false},
		{"group=nope", View{}, false},
		{"base=gamma", View{}, false},
		{"view=short", View{}, false},
	} {
		q, _ := url.ParseQuery(tt.query)
		v, err := site.ParseView(c, q)
		if (err == nil) != tt.ok || (tt.ok && v != tt.want) {
			t.Errorf("ParseView(%q) = %+v, %v", tt.query, v, err)
		}
		if err != nil {
			var bad *BadComparisonError
			if !errors.As(err, &bad) || bad.Malformed {
				t.Errorf("ParseView(%q) error %T", tt.query, err)
			}
		}
	}
	if got := (View{Group: "basics", DiffOnly: true, Base: "alpha", Full: true}).Query(); got != "base=alpha&diff=1&group=basics&view=full" {
		t.Errorf("Query() = %q", got)
	}
}

// TestResolvePath checks what the link check accepts: every page the site lists, with or
// without a trailing slash, comparisons in any order and format, and nothing else.
func TestResolvePath(t *testing.T) {
	site, _ := load(t, validFS())
	for _, p := range append(site.Pages(), Documents...) {
		for _, path := range []string{p, p + "/"} {
			if _, ok := site.ResolvePath(path); !ok {
				t.Errorf("ResolvePath(%q) = false for a page the site lists", path)
			}
		}
	}
	for path, ok := range map[string]bool{
		"/compare/beta-vs-alpha": true, "/compare/alpha-vs-beta.csv": true, "/search": true,
		"/articles/nope": false, "/articles/later": false, "/articles/drafted": false, "/compare/alpha": false,
		"/compare/alpha-vs-beta/x/y": false, "/subjects/alpha/extra": false, "/tags/nope": false, "/nowhere": false,
	} {
		if _, got := site.ResolvePath(path); got != ok {
			t.Errorf("ResolvePath(%q) = %v, want %v", path, got, ok)
		}
	}
	ids, _ := site.ResolvePath("/compare/alpha-vs-beta")
	if !slices.Contains(ids, "orm") || !slices.Contains(ids, "group-basics") {
		t.Errorf("comparison ids = %v, want rows and groups", ids)
	}
	if ids, _ := site.ResolvePath("/compare/alpha-vs-beta.json"); ids == nil || len(ids) != 0 {
		t.Errorf("a data file accepts fragments: %v", ids)
	}
}

func TestPagesListEachPairOnceCanonically(t *testing.T) {
	site, _ := load(t, validFS())
	var compare []string
	for _, p := range site.Pages() {
		if len(p) > len(PickerPath)+1 && p[:len(PickerPath)+1] == PickerPath+"/" {
			compare = append(compare, p)
		}
	}
	if !slices.Equal(compare, []string{"/compare/alpha-vs-beta", "/compare/alpha-vs-beta/language", "/compare/alpha-vs-beta/orm", "/compare/alpha-vs-beta/concurrency-model", "/compare/alpha-vs-beta/learning-curve"}) {
		t.Errorf("comparison pages = %v", compare)
	}
	if slices.Contains(site.Pages(), "/articles/drafted") || slices.Contains(site.Pages(), "/articles/later") {
		t.Error("Pages lists a draft or a scheduled article")
	}
}
