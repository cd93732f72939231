package content

import (
	"net/url"
	"strings"
)

// The site's fixed pages. With the Path methods below and those of Comparison (compare.go),
// this is the whole URL scheme: every link the site renders, lists in its sitemap or exports is
// built here, and ResolvePath reads the same scheme back for the link check.
const (
	HomePath     = "/"
	ArticlesPath = "/articles"
	SourcesPath  = "/sources"
	SubjectsPath = "/subjects"
	PickerPath   = "/compare"
	TagsPath     = "/tags"
	SearchPath   = "/search"
	FeedPath     = "/feed.xml"
	SitemapPath  = "/sitemap.xml"
	RobotsPath   = "/robots.txt"
)

// SearchFor is the search page for a query.
func SearchFor(q string) string { return SearchPath + "?q=" + url.QueryEscape(q) }

// Path is the article's page.
func (a *Article) Path() string { return ArticlesPath + "/" + a.Slug }

// Path is the source digest's page.
func (s *Source) Path() string { return SourcesPath + "/" + s.Slug }

// claimsPath is the claims table on the source's page.
func (s *Source) claimsPath() string { return s.Path() + "#claims" }

// Path is the subject's profile.
func (s *Subject) Path() string { return SubjectsPath + "/" + s.Slug }

// Path is the tag's list of articles.
func (t *Tag) Path() string { return TagsPath + "/" + t.Slug }

// Path is where the claim is listed: a source's claims table, or the article that makes it.
func (c *Claim) Path() string {
	if c.Source != nil {
		return c.Source.claimsPath()
	}
	return c.DocumentPath()
}

// DocumentPath is the page of the document that makes the claim.
func (c *Claim) DocumentPath() string {
	switch {
	case c.Source != nil:
		return c.Source.Path()
	case c.Article != nil:
		return c.Article.Path()
	}
	return HomePath
}

// Path is where a reference leads: the source's page, or the external document.
func (r Ref) Path() string {
	if r.Source != nil {
		return r.Source.Path()
	}
	return r.URL
}

// Pages lists the path of every HTML page of the site, each comparison pair once in canonical
// form: what the sitemap lists and the export writes.
func (s *Site) Pages() []string {
	pages := []string{HomePath, ArticlesPath, SourcesPath, SubjectsPath, PickerPath, TagsPath}
	for _, a := range s.Published() {
		pages = append(pages, a.Path())
	}
	for _, x := range s.Sources {
		pages = append(pages, x.Path())
	}
	for _, x := range s.Subjects {
		pages = append(pages, x.Path())
	}
	for _, c := range s.Pairs() {
		pages = append(pages, c.Path())
	}
	for _, t := range s.Tags {
		pages = append(pages, t.Path())
	}
	return pages
}

// Documents are the site's files at fixed paths that are not HTML pages.
var Documents = []string{FeedPath, SitemapPath, RobotsPath}

// Pairs is every two-subject comparison, once each, in canonical form.
func (s *Site) Pairs() []Comparison {
	var out []Comparison
	for i, a := range s.Subjects {
		for _, b := range s.Subjects[i+1:] {
			out = append(out, Comparison{a, b}.Canonical())
		}
	}
	return out
}

// ResolvePath reports whether a site path (without query or fragment) leads to a page, and
// which ids a #fragment on it may name; nil ids with true means the page's fragments are not
// known here and any is accepted. A trailing slash is accepted, as the server redirects it.
func (s *Site) ResolvePath(path string) (ids []string, ok bool) {
	if path != HomePath {
		path = strings.TrimSuffix(path, "/")
	}
	switch path {
	case HomePath, ArticlesPath, SourcesPath, SubjectsPath, PickerPath, SearchPath, TagsPath, FeedPath, SitemapPath, RobotsPath:
		return nil, true
	}
	section, slug, found := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !found || strings.Contains(slug, "/") {
		return nil, false
	}
	switch "/" + section {
	case ArticlesPath:
		if a, ok := s.Article(slug); ok {
			return a.IDs, true
		}
	case SourcesPath:
		if x, ok := s.Source(slug); ok {
			return append([]string{"claims"}, x.IDs...), true
		}
	case SubjectsPath:
		if x, ok := s.Subject(slug); ok {
			return append(s.rowIDs(), x.IDs...), true
		}
	case TagsPath:
		t, ok := s.Tag(slug)
		return nil, ok && len(t.Articles) > 0
	case PickerPath:
		if _, f, err := s.ParseComparison(slug); err == nil {
			if f != "" {
				return []string{}, true
			}
			return s.rowIDs(), true
		}
	}
	return nil, false
}

// rowIDs are the ids of the rows and group headings every matrix and profile has.
func (s *Site) rowIDs() []string {
	var out []string
	for _, a := range s.Aspects {
		out = append(out, a.ID)
	}
	for _, g := range s.Groups {
		out = append(out, "group-"+g.ID)
	}
	return out
}
