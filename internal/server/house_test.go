package server

// Tests of the decisions routes.go and errors.go make for every URL: what the method, a
// trailing slash, the order of a query or the Host header may and may not change, and how a
// handler's error becomes a page.

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// freshServer is a real HTTP server over the shipped content with an empty page cache.
func freshServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	sc := shippedSite(t)
	if opts.BaseURL == "" {
		opts.BaseURL = "https://versus.example"
	}
	ts := httptest.NewServer(New(sc.site, sc.assets, opts).Handler())
	t.Cleanup(ts.Close)
	return ts
}

func do(t *testing.T, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultTransport.RoundTrip(req) // no redirects followed, no gzip added
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestHeadFirstDoesNotBlankPages is the regression test for a HEAD request that cached an
// empty page: on a fresh server, HEAD then GET must answer every kind of URL in full, with
// the bytes a GET-only server sends.
func TestHeadFirstDoesNotBlankPages(t *testing.T) {
	headFirst, getOnly := freshServer(t, Options{}), freshServer(t, Options{})
	for _, path := range []string{"/subjects/django", "/articles/batteries-included", "/compare/django-vs-nodejs",
		"/compare/django-vs-nodejs.json", "/compare/django-vs-nodejs.csv", "/compare/django-vs-nodejs.png",
		"/feed.xml", "/sitemap.xml", "/robots.txt", "/subjects/nope"} {
		for _, enc := range []string{"", "gzip"} {
			hdr := map[string]string{"Accept-Encoding": enc}
			head, headBody := do(t, http.MethodHead, headFirst.URL+path, hdr)
			if len(headBody) != 0 {
				t.Errorf("HEAD %s (%q) sent %d body bytes", path, enc, len(headBody))
			}
			want, wantBody := do(t, http.MethodGet, getOnly.URL+path, hdr)
			for range 2 {
				got, gotBody := do(t, http.MethodGet, headFirst.URL+path, hdr)
				if got.StatusCode != want.StatusCode || !bytes.Equal(gotBody, wantBody) || len(gotBody) == 0 {
					t.Fatalf("GET %s (%q) after HEAD: %d with %d bytes, want %d with %d", path, enc, got.StatusCode, len(gotBody), want.StatusCode, len(wantBody))
				}
				if cl := got.Header.Get("Content-Length"); cl != head.Header.Get("Content-Length") || cl == "" {
					t.Errorf("%s (%q): Content-Length %q after HEAD said %q", path, enc, cl, head.Header.Get("Content-Length"))
				}
			}
		}
	}
}

// TestTrailingSlashRedirects is the regression test for /articles/{slug}/ and
// /compare/{a}-vs-{b}/ answering 404 while the link check accepted them.
func TestTrailingSlashRedirects(t *testing.T) {
	for from, to := range map[string]string{
		"/articles/batteries-included/":     "/articles/batteries-included",
		"/compare/django-vs-nodejs/":        "/compare/django-vs-nodejs",
		"/compare/django-vs-nodejs/?diff=1": "/compare/django-vs-nodejs?diff=1",
		"/subjects/":                        "/subjects",
		"//evil.example/":                   "/evil.example",
	} {
		rec := fetch(t, http.MethodGet, from)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != to {
			t.Errorf("GET %s = %d to %q, want 301 to %q", from, rec.Code, rec.Header().Get("Location"), to)
		}
	}
	if rec := fetch(t, http.MethodGet, "/"); rec.Code != 200 {
		t.Errorf("GET / = %d", rec.Code)
	}
}

// TestLinkCheckAndServerAgree checks that what the loader's link check accepts, the server
// serves, and what it refuses, the server does not.
func TestLinkCheckAndServerAgree(t *testing.T) {
	site := shippedSite(t).site
	paths := append(site.Pages(), "/compare/nodejs-vs-django", "/compare/nodejs-vs-django.json", "/search")
	for _, p := range paths {
		if _, ok := site.ResolvePath(p); !ok {
			t.Errorf("the link check refuses %s", p)
		}
		if rec := fetch(t, http.MethodGet, p); rec.Code != 200 {
			t.Errorf("the link check accepts %s, the server answers %d", p, rec.Code)
		}
		if p != "/" {
			if rec := fetch(t, http.MethodGet, p+"/"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != p {
				t.Errorf("the link check accepts %s/, the server answers %d to %q", p, rec.Code, rec.Header().Get("Location"))
			}
		}
	}
	for _, p := range []string{"/articles/nope", "/compare/django", "/compare/django-vs-nodejs/extra/path", "/tags/nope", "/subjects/django/x"} {
		_, ok := site.ResolvePath(p)
		rec := fetch(t, http.MethodGet, p)
		if ok || rec.Code < 400 {
			t.Errorf("%s: link check %v, server %d; both should refuse it", p, ok, rec.Code)
		}
	}
}

// TestQueryCannotChangeWhatOthersAreServed checks that the order of a query and parameters a
// page does not read change nothing, and that an invalid view of one URL leaves the others
// alone, however the requests are ordered.
func TestQueryCannotChangeWhatOthersAreServed(t *testing.T) {
	ts := freshServer(t, Options{})
	// A bad first request must not be what later ones get.
	if resp, _ := do(t, http.MethodGet, ts.URL+"/compare/django-vs-nodejs.png?diff=yes", nil); resp.StatusCode != 200 {
		t.Errorf("the share image ignores the view, but ?diff=yes answered %d", resp.StatusCode)
	}
	if resp, _ := do(t, http.MethodGet, ts.URL+"/compare/django-vs-nodejs?diff=yes", nil); resp.StatusCode != 400 {
		t.Errorf("?diff=yes = %d, want 400", resp.StatusCode)
	}
	_, plain := do(t, http.MethodGet, ts.URL+"/compare/django-vs-nodejs", nil)
	_, utm := do(t, http.MethodGet, ts.URL+"/compare/django-vs-nodejs?utm_source=x", nil)
	if !bytes.Equal(plain, utm) {
		t.Error("a parameter the page does not read changed the page")
	}
	_, ab := do(t, http.MethodGet, ts.URL+"/compare/django-vs-flask?group=security&diff=1", nil)
	_, ba := do(t, http.MethodGet, ts.URL+"/compare/django-vs-flask?diff=1&group=security", nil)
	if !bytes.Equal(ab, ba) || bytes.Equal(ab, plain) {
		t.Error("the order of a query changed the page")
	}
	if !bytes.Contains(ab, []byte(`<link rel="canonical" href="https://versus.example/compare/django-vs-flask?diff=1&amp;group=security">`)) {
		t.Error("the canonical link does not name the view in its fixed order")
	}
}

// TestHostCannotPoisonTheCache checks that without -base-url, where absolute links come from
// the Host header, one client's Host never reaches another's page.
func TestHostCannotPoisonTheCache(t *testing.T) {
	sc := shippedSite(t)
	ts := httptest.NewServer(New(sc.site, sc.assets, Options{}).Handler())
	defer ts.Close()
	_, evil := do(t, http.MethodGet, ts.URL+"/subjects/django", map[string]string{"Host": "evil.example"})
	_, good := do(t, http.MethodGet, ts.URL+"/subjects/django", map[string]string{"Host": "versus.example"})
	if !bytes.Contains(evil, []byte("http://evil.example/subjects/django")) {
		t.Fatal("the page does not use the request's host; the test proves nothing")
	}
	if bytes.Contains(good, []byte("evil.example")) {
		t.Error("a page rendered for another Host was served")
	}
}

// TestHandleMapsErrors checks the one adapter every handler goes through.
func TestHandleMapsErrors(t *testing.T) {
	var logs bytes.Buffer
	sc := shippedSite(t)
	srv := New(sc.site, sc.assets, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	serve := func(h handlerFunc) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		srv.handle(h).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
		return rec
	}
	rec := serve(func(http.ResponseWriter, *http.Request) error { return notFound("No such thing", "It is not here.") })
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "No such thing") || !strings.Contains(rec.Body.String(), `href="/compare/django-vs-nodejs"`) {
		t.Errorf("not found = %d, want the 404 page with popular comparisons", rec.Code)
	}
	rec = serve(func(http.ResponseWriter, *http.Request) error {
		return &redirect{to: "/y", status: http.StatusSeeOther}
	})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/y" {
		t.Errorf("redirect = %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if logs.Len() != 0 {
		t.Errorf("client errors were logged: %s", logs.String())
	}
	rec = serve(func(http.ResponseWriter, *http.Request) error { return errors.New("disk on fire") })
	if rec.Code != 500 || !bytes.Equal(rec.Body.Bytes(), srv.internalError) || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("fault = %d, want the 500 page rendered at start-up", rec.Code)
	}
	if !strings.Contains(logs.String(), "disk on fire") || !strings.Contains(string(srv.internalError), "Something went wrong") {
		t.Errorf("fault not logged, or 500 page wrong: %s", logs.String())
	}
}

// TestSourcePageLinksItsComparison is the regression test for a source page that printed
// "@compareLink(...)" as text instead of the link.
func TestSourcePageLinksItsComparison(t *testing.T) {
	doc := page(t, "/sources/stack-matchup", 200)
	if strings.Contains(doc.Text(), "@compareLink") {
		t.Error("template code shows on the page")
	}
	if doc.Find("main p a[href='/compare/django-vs-nodejs']").Length() == 0 {
		t.Error("the source page does not link the comparison of its subjects")
	}
}
