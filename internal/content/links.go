package content

import (
	"net/url"
	"strings"

	"github.com/versus-dev/versus/internal/markdown"
)

// checkLinks reports internal links (site-absolute paths and #fragments) that lead nowhere,
// and records which sources each article cites.
func (l *loader) checkLinks() {
	for _, pd := range l.docs {
		for _, link := range pd.md.Links {
			dest := link.Dest
			if dest == "" || strings.HasPrefix(dest, "mailto:") {
				continue
			}
			if markdown.IsExternal(dest) {
				continue
			}
			u, err := url.Parse(dest)
			if err != nil {
				l.probs.add(pd.doc.Path, link.Line, KindLink, "link %q cannot be parsed: %v", dest, err)
				continue
			}
			if u.Scheme != "" {
				l.probs.add(pd.doc.Path, link.Line, KindLink, "link %q uses scheme %q; use https links or site paths", dest, u.Scheme)
				continue
			}
			if u.Path == "" { // "#fragment" on this page
				if !hasID(pd.doc.IDs, u.Fragment) && !isFootnoteID(u.Fragment) {
					l.probs.add(pd.doc.Path, link.Line, KindLink, "link to #%s: no such heading on this page", u.Fragment)
				}
				continue
			}
			if !strings.HasPrefix(u.Path, "/") {
				l.probs.add(pd.doc.Path, link.Line, KindLink, "link %q is relative; use a site path starting with /", dest)
				continue
			}
			ids, ok := l.site.pageIDs(u.Path)
			if !ok {
				l.probs.add(pd.doc.Path, link.Line, KindLink, "link to %s: no such page", u.Path)
				continue
			}
			if u.Fragment != "" && ids != nil && !hasID(ids, u.Fragment) {
				l.probs.add(pd.doc.Path, link.Line, KindLink, "link to %s#%s: no such heading or row on that page", u.Path, u.Fragment)
			}
			if pd.article != nil && strings.HasPrefix(u.Path, "/sources/") {
				if src, ok := l.site.Source(strings.TrimPrefix(strings.TrimSuffix(u.Path, "/"), "/sources/")); ok && !citesSource(pd.article, src) {
					pd.article.Sources = append(pd.article.Sources, src)
				}
			}
		}
	}
}

// isFootnoteID reports ids that footnotes add to a page besides headings.
func isFootnoteID(id string) bool {
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

func hasID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func citesSource(a *Article, s *Source) bool {
	for _, x := range a.Sources {
		if x == s {
			return true
		}
	}
	return false
}

// pageIDs reports whether a site path is a page of this site and, when the page's anchors are
// known, the ids a #fragment may name. A nil slice with true means any fragment is accepted.
func (s *Site) pageIDs(path string) ([]string, bool) {
	path = strings.TrimSuffix(path, "/")
	switch path {
	case "", "/articles", "/sources", "/subjects", "/compare", "/search", "/tags", "/feed.xml", "/sitemap.xml", "/robots.txt":
		return nil, true
	}
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(parts) != 2 {
		return nil, false
	}
	switch parts[0] {
	case "articles":
		if a, ok := s.Article(parts[1]); ok {
			return a.IDs, true
		}
	case "sources":
		if x, ok := s.Source(parts[1]); ok {
			return append([]string{"claims"}, x.IDs...), true
		}
	case "subjects":
		if x, ok := s.Subject(parts[1]); ok {
			return append(s.aspectIDs(), x.IDs...), true
		}
	case "tags":
		_, ok := s.tagBySlug[parts[1]]
		return nil, ok
	case "compare":
		if _, err := s.ResolveSubjects(SplitComparison(parts[1])); err == nil {
			return s.aspectIDs(), true
		}
	}
	return nil, false
}

func (s *Site) aspectIDs() []string {
	var out []string
	for _, a := range s.Aspects {
		out = append(out, a.ID)
	}
	for _, g := range s.Groups {
		out = append(out, "group-"+g.ID)
	}
	return out
}
