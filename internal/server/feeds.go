package server

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/versus-dev/versus/internal/content"
)

// Atom feed types (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string    `xml:"title"`
	ID        string    `xml:"id"`
	Link      atomLink  `xml:"link"`
	Published string    `xml:"published,omitempty"`
	Updated   string    `xml:"updated"`
	Summary   string    `xml:"summary,omitempty"`
	Content   atomText  `xml:"content"`
	Category  []atomCat `xml:"category"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// feedTime is a date as an Atom timestamp; undated articles fall back to the given time.
func feedTime(d content.Date, fallback time.Time) string {
	if d.IsZero() {
		return fallback.UTC().Format(time.RFC3339)
	}
	return d.Time.UTC().Format(time.RFC3339)
}

// feedEntries is how many of the newest articles the feed carries, in full. Feed readers poll
// it often; older articles stay in the sitemap and on the site.
const feedEntries = 30

// epoch is the fallback timestamp for undated content, fixed so the feed is reproducible.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	base := s.baseURL(r)
	f := atomFeed{Title: "versus — articles", ID: base + "/", Author: atomPerson{Name: "versus"},
		Links: []atomLink{{Href: base + "/feed.xml", Rel: "self", Type: "application/atom+xml"}, {Href: base + "/", Rel: "alternate", Type: "text/html"}}}
	newest := epoch
	articles := site.Published()
	if len(articles) > feedEntries {
		articles = articles[:feedEntries]
	}
	for _, a := range articles {
		u := a.LastUpdated()
		if !u.IsZero() && u.Time.After(newest) {
			newest = u.Time
		}
		e := atomEntry{Title: a.Title, ID: base + "/articles/" + a.Slug,
			Link:    atomLink{Href: base + "/articles/" + a.Slug, Rel: "alternate", Type: "text/html"},
			Updated: feedTime(u, epoch), Summary: a.Description,
			Content: atomText{Type: "html", Body: absolutise(string(a.Body()), base)}}
		if !a.Date.IsZero() {
			e.Published = feedTime(a.Date, epoch)
		}
		for _, t := range a.Tags {
			e.Category = append(e.Category, atomCat{Term: t.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	writeXML(w, r, "application/atom+xml; charset=utf-8", f)
}

// absolutise makes site-relative links in feed content absolute, as feed readers need.
func absolutise(html, base string) string {
	html = strings.ReplaceAll(html, `href="/`, `href="`+base+`/`)
	return strings.ReplaceAll(html, `src="/`, `src="`+base+`/`)
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	base := s.baseURL(r)
	var set urlSet
	for _, p := range Pages(site) {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p, LastMod: lastModified(site, p)})
	}
	writeXML(w, r, "application/xml; charset=utf-8", set)
}

// lastModified is the sitemap lastmod of a page: an article's last update, and for every
// other page the newest date in the content.
func lastModified(site *content.Site, path string) string {
	if slug, ok := strings.CutPrefix(path, "/articles/"); ok {
		if a, ok := site.Article(slug); ok && !a.LastUpdated().IsZero() {
			return a.LastUpdated().Time.Format("2006-01-02")
		}
	}
	return site.LastUpdated().Format("2006-01-02")
}

func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	body := "User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: " + s.baseURL(r) + "/sitemap.xml\n"
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(body))
	}
}

func writeXML(w http.ResponseWriter, r *http.Request, contentType string, v any) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, "feed error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(xml.Header))
		_, _ = w.Write(body)
		_, _ = w.Write([]byte("\n"))
	}
}
