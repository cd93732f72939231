package server

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAtomFeed(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/feed.xml")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("= %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var f atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("feed is not valid XML: %v", err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" {
		t.Errorf("namespace = %q", f.XMLName.Space)
	}
	if want := min(len(shippedSite(t).site.Published()), feedEntries); len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("feed updated %q: %v", f.Updated, err)
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || !strings.HasPrefix(e.Link.Href, "https://versus.example/articles/") || e.Content.Body == "" {
			t.Errorf("incomplete entry %+v", e.Title)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %s updated %q", e.Title, e.Updated)
		}
		if strings.Contains(e.Content.Body, `href="/`) {
			t.Errorf("entry %s has site-relative links", e.Title)
		}
	}
}

func TestSitemap(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/sitemap.xml")
	var set urlSet
	if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
		t.Fatalf("sitemap is not valid XML: %v", err)
	}
	site := shippedSite(t).site
	pairs := len(site.Subjects) * (len(site.Subjects) - 1) / 2
	if len(set.URLs) != len(site.Pages()) || len(set.URLs) < pairs+len(site.Published()) {
		t.Errorf("%d URLs; %d pages, %d pairs", len(set.URLs), len(site.Pages()), pairs)
	}
	seen := map[string]bool{}
	for _, u := range set.URLs {
		if seen[u.Loc] {
			t.Errorf("duplicate %s", u.Loc)
		}
		seen[u.Loc] = true
		if _, err := time.Parse("2006-01-02", u.LastMod); err != nil {
			t.Errorf("%s lastmod %q", u.Loc, u.LastMod)
		}
	}
	if !seen["https://versus.example/compare/django-vs-nodejs"] || seen["https://versus.example/compare/nodejs-vs-django"] {
		t.Error("sitemap should list comparisons once, in canonical form")
	}
}

func TestRobots(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/robots.txt")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Sitemap: https://versus.example/sitemap.xml") {
		t.Errorf("robots = %d %q", rec.Code, rec.Body.String())
	}
}
