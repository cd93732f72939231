package search

import (
	"html"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/versus-dev/versus/internal/testsite"
)

// testSubject is a subject of the shared fixture with its own language, concurrency model and
// overview.
func testSubject(slug, name, alias, language, concurrency, overview string) testsite.Subject {
	return testsite.Subject{Slug: slug, Name: name, Aliases: []string{alias}, Language: language,
		Description: "A framework called " + name + ".", Body: overview,
		Values: map[string]testsite.Value{"language": {Value: language}, "orm": {Value: "Built in"}, "concurrency-model": {Value: concurrency}}}
}

func testArticle(title, description, body string) string {
	return "---\ntitle: " + title + "\ndescription: " + description + "\ndate: 2026-01-02\n---\n" + body + "\n"
}

// testFS is a small fixed site: two subjects, three aspects, a source and four articles.
func testFS() fstest.MapFS {
	fsys := testsite.Files(
		testSubject("django", "Django", "django framework", "Python", "Worker processes", "Django is a Python web framework with an admin site."),
		testSubject("nodejs", "Node.js", "node", "JavaScript", "Event loop", "Node.js runs JavaScript on a server."))
	for name, f := range (fstest.MapFS{
		"sources/stack-matchup.md": {Data: []byte("---\ntitle: Stack matchup\npublisher: A blog\ndate: 2024-05-01\n---\n## Summary\n\n" +
			"A comparison of two stacks that says little about concurrency, from a blog with no sources.\n")},
		"articles/event-loop.md": {Data: []byte(testArticle("Event loop or worker processes",
			"How requests wait.", "## The loop\n\nThe event loop runs callbacks one at a time."))},
		"articles/scaling.md": {Data: []byte(testArticle("Scaling in production",
			"Running more processes.",
			"Add processes behind a balancer. "+strings.Repeat("Memory and sockets matter. ", 20)+
				"Blocking the event loop stalls every request."))},
		"articles/safety.md": {Data: []byte(testArticle(`"Escaping <em>output</em>"`,
			"Why templates escape.", "Never echo `<script>alert(1)</script>` back to a page."))},
		"articles/draft.md": {Data: []byte("---\ntitle: Unfinished zebra notes\ndraft: true\n---\nZebra.\n")},
	}) {
		fsys[name] = f
	}
	return fsys
}

func testIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Build(loadFS(t, testFS()))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func search(t *testing.T, ix *Index, q string) Results {
	t.Helper()
	res, err := ix.Search(q, 10)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// render shows segments as the search page does: escaped text, matches in <mark>.
func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

func TestSearchRanking(t *testing.T) {
	ix := testIndex(t)
	tests := []struct {
		q        string
		top      string // URL of the first result
		kind     Kind
		title    string // the first result's title, rendered
		contains []string
	}{
		{q: "event loop", top: "/articles/event-loop", kind: KindArticle,
			title: "<mark>Event</mark> <mark>loop</mark> or worker processes"},
		{q: "evnt lop", top: "/articles/event-loop", title: "<mark>Event</mark> <mark>loop</mark> or worker processes"},
		{q: "djan", top: "/subjects/django", kind: KindSubject, title: "<mark>Django</mark>"},
		{q: "djnago", top: "/subjects/django", title: "<mark>Django</mark>"},
		{q: "node", top: "/subjects/nodejs", kind: KindSubject, title: "<mark>Node</mark>.js"},
		{q: "nodejs", top: "/subjects/nodejs"},
		{q: "orm", top: "/compare/django-vs-nodejs#orm", kind: KindAspect, title: "<mark>ORM</mark> and database access"},
		{q: "concurrency", top: "/compare/django-vs-nodejs#concurrency-model", kind: KindAspect},
		{q: "matchup", top: "/sources/stack-matchup", kind: KindSource},
		{q: "python", top: "/subjects/django"},
		// A title match outranks a body that repeats the word.
		{q: "processes", top: "/articles/event-loop", contains: []string{"/articles/scaling"}},
		{q: "scaling", top: "/articles/scaling"},
		// Markup in a title is text: shown escaped, never as markup.
		{q: "escaping output", top: "/articles/safety", title: "<mark>Escaping</mark> &lt;em&gt;<mark>output</mark>&lt;/em&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res := search(t, ix, tt.q)
			if len(res.Hits) == 0 {
				t.Fatalf("no results")
			}
			top := res.Hits[0]
			if top.URL != tt.top {
				var got []string
				for _, h := range res.Hits {
					got = append(got, h.URL)
				}
				t.Fatalf("top result %s, want %s; all: %v", top.URL, tt.top, got)
			}
			if tt.kind != "" && top.Kind != tt.kind {
				t.Errorf("kind %s, want %s", top.Kind, tt.kind)
			}
			if tt.title != "" && render(top.Title) != tt.title {
				t.Errorf("title %q, want %q", render(top.Title), tt.title)
			}
			for _, want := range tt.contains {
				found := false
				for _, h := range res.Hits {
					found = found || h.URL == want
				}
				if !found {
					t.Errorf("results lack %s", want)
				}
			}
		})
	}
}

func TestSearchMisses(t *testing.T) {
	ix := testIndex(t)
	for _, tt := range []struct {
		q     string
		words int
	}{
		{"", 0},
		{"   ", 0},
		{"the and of", 0},  // stop words only
		{"!!! ??? ...", 0}, // no words at all
		{"qwxzv", 1},       // a word nobody wrote
		{"zebra", 1},       // only in a draft
		{"go", 1},          // too short to match loosely: not "god", not "to"
		{"xyzzy plugh", 2}, // no page has either word
	} {
		res := search(t, ix, tt.q)
		if res.Words != tt.words || res.Total != 0 || len(res.Hits) != 0 {
			t.Errorf("Search(%q) = %d words, %d results, want %d words and none", tt.q, res.Words, res.Total, tt.words)
		}
	}
}

func TestSearchPartial(t *testing.T) {
	ix := testIndex(t)
	res := search(t, ix, "event xyzzy")
	if !res.Partial || len(res.Hits) == 0 {
		t.Fatalf("got partial=%v, %d hits; want the pages matching some words", res.Partial, len(res.Hits))
	}
	if full := search(t, ix, "event loop"); full.Partial {
		t.Error("a query every word of which matches is reported partial")
	}
}

func TestSnippets(t *testing.T) {
	ix := testIndex(t)
	tests := []struct {
		q, url string
		want   []string // substrings of the rendered snippet
		not    []string
	}{
		// The body shows both words; the description shows neither.
		{q: "event loop", url: "/articles/event-loop", want: []string{"The <mark>event</mark> <mark>loop</mark> runs callbacks"}},
		// The passage is the one near the match, cut with an ellipsis.
		{q: "stalls", url: "/articles/scaling", want: []string{"…", "<mark>stalls</mark> every request."}, not: []string{"Add processes"}},
		// Content text is escaped, never passed through as markup.
		{q: "alert", url: "/articles/safety", want: []string{"&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"}, not: []string{"<script>"}},
		{q: "escaping", url: "/articles/safety", want: []string{"Why templates <mark>escape</mark>."}},
		// A typo marks the word that was meant.
		{q: "calbacks", url: "/articles/event-loop", want: []string{"<mark>callbacks</mark>"}},
	}
	for _, tt := range tests {
		res := search(t, ix, tt.q)
		var got *Result
		for i := range res.Hits {
			if res.Hits[i].URL == tt.url {
				got = &res.Hits[i]
			}
		}
		if got == nil {
			t.Errorf("Search(%q) lacks %s", tt.q, tt.url)
			continue
		}
		s := render(got.Snippet)
		for _, w := range tt.want {
			if !strings.Contains(s, w) {
				t.Errorf("Search(%q) snippet %q lacks %q", tt.q, s, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(s, n) {
				t.Errorf("Search(%q) snippet %q contains %q", tt.q, s, n)
			}
		}
		if len(s) > 3*snippetBytes {
			t.Errorf("Search(%q) snippet is %d bytes long", tt.q, len(s))
		}
	}
}

func TestQueryEscaping(t *testing.T) {
	ix := testIndex(t)
	res := search(t, ix, `<script>alert("x")</script>`)
	if res.Query != `<script>alert("x")</script>` {
		t.Errorf("query = %q", res.Query)
	}
	if len(res.Hits) == 0 || res.Hits[0].URL != "/articles/safety" {
		t.Fatalf("markup in a query is searched as its words; got %+v", res.Hits)
	}
	for _, h := range res.Hits {
		for _, s := range append(h.Title, h.Snippet...) {
			if s.Mark && strings.ContainsAny(s.Text, "<>") {
				t.Errorf("marked text %q holds markup", s.Text)
			}
		}
	}
}

func TestLongQueryIsCut(t *testing.T) {
	ix := testIndex(t)
	for _, q := range []string{
		strings.Repeat("a", 10000),
		strings.Repeat("event loop ", 1000),
		strings.Repeat("é", 5000), // cut between characters
		"w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22", // in 200 characters
	} {
		res := search(t, ix, q)
		if !res.Cut || utf8.RuneCountInString(res.Query) > MaxQueryChars || res.Words > MaxTerms {
			t.Errorf("query of %d bytes: cut=%v, %d bytes and %d words searched", len(q), res.Cut, len(res.Query), res.Words)
		}
		if !strings.HasPrefix(q, res.Query) || !utf8.ValidString(res.Query) {
			t.Errorf("query of %d bytes cut to %q", len(q), res.Query)
		}
	}
	if res := search(t, ix, strings.Repeat("event loop ", 1000)); len(res.Hits) == 0 {
		t.Error("a long query still finds what its first words find")
	}
}

func TestOneTypo(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"event", "evnt", true},     // dropped
		{"loop", "lop", true},       // dropped
		{"django", "djnago", true},  // swapped
		{"django", "djangoo", true}, // added
		{"django", "djbngo", true},  // changed
		{"django", "django", false}, // equal is not a typo
		{"django", "dajngp", false},
		{"loop", "lp", false},
		{"événement", "évènement", true},
	} {
		if got := oneTypo(tt.a, tt.b); got != tt.want {
			t.Errorf("oneTypo(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestAspectLinksToMostDiscussedPair(t *testing.T) {
	fsys := testFS()
	fsys["articles/pair.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Pair\nsubjects: [nodejs, django]\n---\nText.\n")}
	ix, err := Build(loadFS(t, fsys))
	if err != nil {
		t.Fatal(err)
	}
	res := search(t, ix, "language")
	if len(res.Hits) == 0 || res.Hits[0].URL != "/compare/django-vs-nodejs#language" {
		t.Fatalf("hits %+v", res.Hits)
	}
	if d := res.Hits[0].Detail; !strings.Contains(d, "Django vs Node.js") {
		t.Errorf("detail %q does not say which comparison the link opens", d)
	}
}
