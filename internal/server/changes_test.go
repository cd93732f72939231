package server

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/testsite"
)

// changedRouter serves the fixture with an Alpha whose ORM changed twice, whose concurrency
// model changed once, and whose learning curve is still checked against its older line.
func changedRouter(t *testing.T) http.Handler {
	t.Helper()
	a := testsite.Alpha
	a.Releases = []testsite.Release{{Version: "3.0", Date: "2026-11-01", Support: "current"}, {Version: "2.0", Date: "2026-01-01", Support: "lts"}}
	a.Values = map[string]testsite.Value{
		"language": {Value: "Python", Level: "python"},
		"orm": {Value: "Built in", Level: "built-in", History: []testsite.Change{
			{Date: "2026-02-01", FromValue: "None", FromLevel: "none", ToValue: "Via a package", ToLevel: "add-on", Why: "A package arrived."},
			{Date: "2026-11-02", FromValue: "Via a package", FromLevel: "add-on", ToValue: "Built in", ToLevel: "built-in", Why: "3.0 ships an ORM."},
		}},
		"concurrency-model": {Value: "Worker processes", History: []testsite.Change{
			{Date: "2026-11-03", FromValue: "Threads", ToValue: "Worker processes", Why: "Workers are the default now."}}},
		"learning-curve": {Value: "Steep", Level: "steep", AsOf: "2.0"},
	}
	fsys := testsite.FS()
	fsys[a.Path()] = testsite.Article(a.File())
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(site, testAssets(t), Options{BaseURL: "https://versus.example"}).Handler()
}

func TestStaleCellIsMarkedAndListed(t *testing.T) {
	h := changedRouter(t)
	for _, path := range []string{"/compare/alpha-vs-beta", "/compare/alpha-vs-beta?view=full", "/compare/alpha-vs-beta/learning-curve", "/subjects/alpha"} {
		doc := getDoc(t, h, path, 200)
		if got := text(doc, ".stale"); got != "Checked against Alpha 2.0 — may be out of date" {
			t.Errorf("%s: stale mark = %q", path, got)
		}
	}
	if n := getDoc(t, h, "/compare/alpha-vs-beta", 200).Find("tr#orm .stale").Length(); n != 0 {
		t.Error("a cell checked against the latest line is marked stale")
	}
	gaps := getDoc(t, h, "/gaps", 200)
	if got := text(gaps, "#alpha h3"); got != "Alpha: 1 cell" {
		t.Errorf("gap heading = %q", got)
	}
	if got := text(gaps, "#alpha .inline-list a"); got != "Learning curve" {
		t.Errorf("stale cells listed = %q", got)
	}
	if got := text(gaps, "#alpha p"); !strings.Contains(got, "Checked against Alpha 2.0 — may be out of date: the latest line is Alpha 3.0") {
		t.Errorf("gap says %q", got)
	}
	subject := getDoc(t, h, "/subjects/alpha", 200)
	if got := cells(subject.Find(".releases li strong")); strings.Join(got, "|") != "Alpha 3.0|Alpha 2.0" {
		t.Errorf("releases = %q", got)
	}
}

// TestChangeAppearsEverywhere checks that a change is on its comparison, its subject page,
// /changes, and in each Atom feed, whose entries link to rows that exist.
func TestChangeAppearsEverywhere(t *testing.T) {
	h := changedRouter(t)
	wantRows := "Alpha, Concurrency model|Alpha, ORM and database access|Alpha, ORM and database access"
	for path, href := range map[string]string{
		"/compare/alpha-vs-beta": "#concurrency-model",
		"/subjects/alpha":        "#concurrency-model",
		"/changes":               "/subjects/alpha#concurrency-model",
	} {
		doc := getDoc(t, h, path, 200)
		if got := cells(doc.Find(".changes > li > a")); strings.Join(got, "|") != wantRows {
			t.Errorf("%s lists %q", path, got)
		}
		if got, _ := doc.Find(".changes > li > a").First().Attr("href"); got != href {
			t.Errorf("%s: the newest change links %q, want %q", path, got, href)
		}
		if got := text(doc, ".changes > li"); !strings.Contains(got, "“Threads” → “Worker processes”") || !strings.Contains(got, "Workers are the default now.") {
			t.Errorf("%s: newest change reads %q", path, got)
		}
	}
	if got := text(getDoc(t, h, "/compare/alpha-vs-beta", 200), ".changes > li:nth-child(2)"); !strings.Contains(got, "“Via a package” (Add-on) → “Built in”") {
		t.Errorf("a level change reads %q", got)
	}
	for feed, row := range map[string]string{
		"/changes.xml":                       "https://versus.example/subjects/alpha#concurrency-model",
		"/subjects/alpha/changes.xml":        "https://versus.example/subjects/alpha#concurrency-model",
		"/compare/alpha-vs-beta/changes.xml": "https://versus.example/compare/alpha-vs-beta#concurrency-model",
		"/compare/beta-vs-alpha/changes.xml": "https://versus.example/compare/beta-vs-alpha#concurrency-model",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, feed, nil))
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("%s = %d %s", feed, rec.Code, rec.Header().Get("Content-Type"))
		}
		var f atomFeed
		if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
			t.Fatalf("%s: %v", feed, err)
		}
		if len(f.Entries) != 3 || f.Entries[0].Link.Href != row || f.Updated != "2026-11-03T00:00:00Z" {
			t.Fatalf("%s: %d entries, first links %q, updated %s", feed, len(f.Entries), f.Entries[0].Link.Href, f.Updated)
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			ids[e.ID] = true
			path := strings.TrimPrefix(e.Link.Href, "https://versus.example")
			page, frag, _ := strings.Cut(path, "#")
			doc := getDoc(t, h, page, 200)
			if doc.Find("#"+frag).Length() == 0 {
				t.Errorf("%s: entry links %s, which has no #%s", feed, page, frag)
			}
		}
		if len(ids) != 3 {
			t.Errorf("%s: entry ids are not unique", feed)
		}
	}
	beta := httptest.NewRecorder()
	h.ServeHTTP(beta, httptest.NewRequest(http.MethodGet, "/subjects/beta/changes.xml", nil))
	var f atomFeed
	if err := xml.Unmarshal(beta.Body.Bytes(), &f); err != nil || len(f.Entries) != 0 {
		t.Errorf("Beta's feed: %v, %d entries", err, len(f.Entries))
	}
	doc := getDoc(t, h, "/compare/alpha-vs-beta", 200)
	if href, _ := doc.Find(`link[rel=alternate][href="/compare/alpha-vs-beta/changes.xml"]`).Attr("href"); href == "" {
		t.Error("the comparison does not announce its changes feed")
	}
}
