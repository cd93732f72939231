package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/search"
	"github.com/versus-dev/versus/internal/testsite"
	"github.com/versus-dev/versus/static"
)

// searchFor searches through srv's router and parses the page it answers with.
func searchFor(t *testing.T, srv *Server, q string) (*httptest.ResponseRecorder, *goquery.Document) {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, content.SearchFor(q), nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("search %q: status %d, want 200", q, rec.Code)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	return rec, doc
}

// searchReady waits until srv's search index is built.
func searchReady(t *testing.T, srv *Server) {
	t.Helper()
	ix, err := srv.searchIndex(time.Minute)
	if ix == nil || err != nil {
		t.Fatalf("search index not built: %v", err)
	}
}

// TestSearch searches the shipped content as a reader would, without JavaScript.
func TestSearch(t *testing.T) {
	srv := shippedSite(t).srv
	searchReady(t, srv)
	tests := []struct {
		q        string
		href     string // of the first result
		kind     string
		selector string // must exist
	}{
		{q: "event loop", href: "/articles/event-loop-and-workers", kind: "Article", selector: "ol.results li .snippet mark"},
		{q: "evnt lop", href: "/articles/event-loop-and-workers", kind: "Article", selector: "ol.results h3 mark"},
		{q: "djan", href: "/subjects/django", kind: "Subject", selector: "ol.results h3 mark"},
		{q: "orm", href: "/compare/django-vs-nodejs#orm", kind: "Aspect"},
		{q: "channels", selector: "#search-count"},
		{q: "", selector: "#search-q"},
		{q: "the", selector: "#search-none"},
		{q: "qqxqzzv", selector: "#search-none"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, doc := searchFor(t, srv, tt.q)
			first := doc.Find("ol.results > li").First()
			if tt.href != "" {
				if got, _ := first.Find("h3 a").Attr("href"); got != tt.href {
					t.Errorf("first result links to %q, want %q", got, tt.href)
				}
				if got := first.Find(".kind").Text(); got != tt.kind {
					t.Errorf("first result kind %q, want %q", got, tt.kind)
				}
			}
			if tt.selector != "" && doc.Find(tt.selector).Length() == 0 {
				t.Errorf("page lacks %s", tt.selector)
			}
			if doc.Find("ol.results > li").Length() == 0 && doc.Find("ul.pairs a").Length() == 0 {
				t.Error("a page without results suggests no comparisons")
			}
			if c, _ := doc.Find(`meta[name="robots"]`).Attr("content"); c != "noindex" {
				t.Errorf("robots = %q, want noindex", c)
			}
			if got, _ := doc.Find("#q").Attr("value"); got != tt.q {
				t.Errorf("search box holds %q, want %q", got, tt.q)
			}
		})
	}
}

func TestSearchHostileQueries(t *testing.T) {
	srv := shippedSite(t).srv
	searchReady(t, srv)

	rec, doc := searchFor(t, srv, `<script>alert(1)</script> django`)
	if strings.Contains(rec.Body.String(), "<script>alert") {
		t.Error("the query is echoed as markup")
	}
	if h1 := doc.Find("h1").Text(); !strings.Contains(h1, "<script>alert(1)</script>") {
		t.Errorf("h1 %q does not show the query as text", h1)
	}

	long := strings.Repeat("django ", 1500)
	start := time.Now()
	_, doc = searchFor(t, srv, long)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a 10,000-character query took %v", d)
	}
	if doc.Find("#search-cut").Length() == 0 {
		t.Error("a cut query is not said to be cut")
	}
	if v, _ := doc.Find("#q").Attr("value"); utf8.RuneCountInString(v) > search.MaxQueryChars {
		t.Errorf("search box echoes %d characters", utf8.RuneCountInString(v))
	}
	if doc.Find("ol.results > li").Length() == 0 {
		t.Error("the start of a long query finds nothing")
	}
}

// TestSearchWarmingUp checks that while the index is being built, search answers with a
// friendly page and the health check is not held up.
func TestSearchWarmingUp(t *testing.T) {
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	srv := New(shippedSite(t).site, assets, Options{})
	patience := searchPatience
	searchPatience = 10 * time.Millisecond
	defer func() { searchPatience = patience }()

	st := srv.searchState()
	release := make(chan struct{})
	ready := st.warm.Start(func() (*search.Index, error) {
		<-release
		return search.Build(st.site)
	})

	rec, doc := searchFor(t, srv, "django")
	if doc.Find("#search-warming").Length() == 0 {
		t.Fatal("no warming-up message while the index is being built")
	}
	if href, _ := doc.Find("#search-warming a").Attr("href"); href != "/search?q=django" {
		t.Errorf("try-again link %q", href)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("warming page Cache-Control %q, want no-store", cc)
	}
	health := httptest.NewRecorder()
	srv.Handler().ServeHTTP(health, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if health.Code != http.StatusOK {
		t.Errorf("/healthz = %d while the search index is being built", health.Code)
	}

	close(release)
	<-ready
	_, doc = searchFor(t, srv, "django")
	if href, _ := doc.Find("ol.results h3 a").First().Attr("href"); href != "/subjects/django" {
		t.Errorf("after warming up, first result %q", href)
	}
}

// TestSearchFollowsReload checks that a reloaded site is searched, not the one before it.
func TestSearchFollowsReload(t *testing.T) {
	fsys := testsite.Files(testsite.Alpha, testsite.Beta)
	load := func() *content.Site {
		site, err := content.LoadSite(fsys, content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return site
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	srv := New(load(), assets, Options{})
	searchReady(t, srv)
	if _, doc := searchFor(t, srv, "zebra"); doc.Find("#search-none").Length() == 0 {
		t.Fatal("found a zebra before there was one")
	}

	fsys["articles/zebra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Zebra crossings\n---\nStripes.\n")}
	srv.Swap(load())
	searchReady(t, srv)
	_, doc := searchFor(t, srv, "zebra")
	if href, _ := doc.Find("ol.results h3 a").First().Attr("href"); href != "/articles/zebra" {
		t.Errorf("after a reload, first result %q, want /articles/zebra", href)
	}
}

// TestSearchAnswersAreCached checks that a query is searched once and then served from the
// search cache, that white space and other parameters do not make a new answer, and that the
// cache is the search's own, bounded apart from pages.
func TestSearchAnswersAreCached(t *testing.T) {
	site, err := content.LoadSite(testsite.FS(), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := New(site, testAssets(t), Options{})
	searchReady(t, srv)
	first, _ := searchFor(t, srv, "python")
	for _, target := range []string{"/search?q=python", "/search?q=++python++", "/search?utm=x&q=python", "/search?q=python&q=other"} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != 200 || rec.Header().Get("ETag") == "" || rec.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Errorf("%s: %d, ETag %q; want the cached answer %q", target, rec.Code, rec.Header().Get("ETag"), first.Header().Get("ETag"))
		}
	}
	if pages, _, limit := srv.searches.Load().Stats(); pages != 1 || limit != searchBytes {
		t.Errorf("search cache holds %d answers (limit %d), want 1 of %d", pages, limit, searchBytes)
	}
	if pages, _, _ := srv.cache.Load().Stats(); pages != 0 {
		t.Errorf("searches went into the page cache: %d pages", pages)
	}
}
