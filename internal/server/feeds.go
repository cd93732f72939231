package server

import (
	"cmp"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

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

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	base := s.baseURL(r)
	f := atomFeed{Title: "versus — articles", ID: base + "/", Author: atomPerson{Name: "versus"},
		Links: []atomLink{{Href: base + content.FeedPath, Rel: "self", Type: "application/atom+xml"}, {Href: base + content.HomePath, Rel: "alternate", Type: "text/html"}}}
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
		body, err := a.Body()
		if err != nil {
			return err
		}
		e := atomEntry{Title: a.Title, ID: base + a.Path(),
			Link:    atomLink{Href: base + a.Path(), Rel: "alternate", Type: "text/html"},
			Updated: feedTime(u, epoch), Summary: a.Description,
			Content: atomText{Type: "html", Body: absolutise(string(body), base)}}
		if !a.Date.IsZero() {
			e.Published = feedTime(a.Date, epoch)
		}
		for _, t := range a.Tags {
			e.Category = append(e.Category, atomCat{Term: t.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	return writeXML(w, "application/atom+xml; charset=utf-8", f)
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

func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	base := s.baseURL(r)
	lastmod := map[string]string{}
	for _, a := range site.Published() {
		if u := a.LastUpdated(); !u.IsZero() {
			lastmod[a.Path()] = u.Time.Format("2006-01-02")
		}
	}
	newest := site.LastUpdated().Format("2006-01-02") // for every page but an article
	var set urlSet
	for _, p := range site.Pages() {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p, LastMod: cmp.Or(lastmod[p], newest)})
	}
	return writeXML(w, "application/xml; charset=utf-8", set)
}

func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "User-agent: *\nAllow: /\nDisallow: "+content.SearchPath+"\n\nSitemap: "+s.baseURL(r)+content.SitemapPath+"\n")
	return nil
}

func writeXML(w http.ResponseWriter, contentType string, v any) error {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(body)
	_, _ = w.Write([]byte("\n"))
	return nil
}

// changesEntries is how many changes a changes feed carries, newest first.
const changesEntries = 50

// changeFeed renders an Atom feed of changes, each entry linking to the row it changed.
func changeFeed(w http.ResponseWriter, base, title, self, alternate string, changes []*content.Change, rowPath func(*content.Change) string) error {
	f := atomFeed{Title: title, ID: base + self, Author: atomPerson{Name: "versus"},
		Links: []atomLink{{Href: base + self, Rel: "self", Type: "application/atom+xml"}, {Href: base + alternate, Rel: "alternate", Type: "text/html"}}}
	newest := epoch
	for _, c := range changes[:min(changesEntries, len(changes))] {
		if c.Date.Time.After(newest) {
			newest = c.Date.Time
		}
		link := base + rowPath(c)
		var body strings.Builder
		body.WriteString("<p>" + html.EscapeString(stateLine(c)) + "</p><p>" + string(c.Why) + "</p><ul>")
		for _, r := range c.Refs {
			body.WriteString(`<li><a href="` + html.EscapeString(absoluteLink(base, r.Path())) + `">` + html.EscapeString(r.Title) + "</a></li>")
		}
		body.WriteString("</ul>")
		f.Entries = append(f.Entries, atomEntry{
			Title:   c.Subject.Name + ", " + c.Aspect.Label + ": " + c.To.Value,
			ID:      base + c.Subject.Path() + "#" + c.Aspect.ID + "@" + c.Date.ISO(),
			Link:    atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			Updated: feedTime(c.Date, epoch),
			Summary: stateLine(c),
			Content: atomText{Type: "html", Body: absolutise(body.String(), base)},
		})
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	return writeXML(w, "application/atom+xml; charset=utf-8", f)
}

// stateLine is a change in words: "was “Python” (Python), now “Python 3.12+” (Python)".
func stateLine(c *content.Change) string {
	st := func(s content.State) string {
		if s.Level == nil {
			return "“" + s.Value + "”"
		}
		return "“" + s.Value + "” (" + s.Level.Label + ")"
	}
	return "Was " + st(c.From) + ", now " + st(c.To) + "."
}

func absoluteLink(base, path string) string {
	if strings.HasPrefix(path, "/") {
		return base + path
	}
	return path
}

func (s *Server) handleChangesFeed(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	return changeFeed(w, s.baseURL(r), "versus — every change to a cell", content.ChangesFeed, content.ChangesPath, site.Changes(),
		func(c *content.Change) string { return c.Subject.Path() + "#" + c.Aspect.ID })
}

func (s *Server) handleSubjectChangesFeed(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	sub, ok := site.Subject(chi.URLParam(r, "slug"))
	if !ok {
		return pageNotFound(r)
	}
	return changeFeed(w, s.baseURL(r), "versus — changes to "+sub.Name, sub.ChangesFeedPath(), sub.Path(), site.ChangesOf(sub),
		func(c *content.Change) string { return sub.Path() + "#" + c.Aspect.ID })
}

func (s *Server) handleComparisonChangesFeed(w http.ResponseWriter, r *http.Request) error {
	c, err := s.comparison(r, "")
	if err != nil {
		return err
	}
	return changeFeed(w, s.baseURL(r), "versus — changes to "+c.Title(), c.ChangesFeedPath(), c.Path(), s.Site().ChangesOf(c...), func(ch *content.Change) string { return c.RowPath(ch.Aspect) })
}
