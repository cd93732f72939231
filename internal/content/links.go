package content

import (
	"net/url"
	"slices"
	"strings"

	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
)

// checkLinks reports internal links (site-absolute paths and #fragments) that lead nowhere,
// resolving them with ResolvePath, the reading of the URL scheme the server shares, and
// records which sources each article cites.
func (l *loader) checkLinks() {
	for _, pd := range l.docs {
		p := pd.doc.File
		for _, link := range pd.md.Links {
			dest := link.Dest
			if dest == "" || strings.HasPrefix(dest, "mailto:") || markdown.IsExternal(dest) {
				continue
			}
			u, err := url.Parse(dest)
			if err != nil {
				l.probs.Add(p, link.Line, problem.Link, "link %q cannot be parsed: %v", dest, err)
				continue
			}
			if u.Scheme != "" {
				l.probs.Add(p, link.Line, problem.Link, "link %q uses scheme %q; use https links or site paths", dest, u.Scheme)
				continue
			}
			if u.Path == "" { // "#fragment" on this page
				if !slices.Contains(pd.doc.IDs, u.Fragment) && !isFootnoteID(u.Fragment) {
					l.probs.Add(p, link.Line, problem.Link, "link to #%s: no such heading on this page", u.Fragment)
				}
				continue
			}
			if !strings.HasPrefix(u.Path, "/") {
				l.probs.Add(p, link.Line, problem.Link, "link %q is relative; use a site path starting with /", dest)
				continue
			}
			ids, ok := l.site.ResolvePath(u.Path)
			if !ok {
				l.probs.Add(p, link.Line, problem.Link, "link to %s: no such page", u.Path)
				continue
			}
			if u.Fragment != "" && ids != nil && !slices.Contains(ids, u.Fragment) {
				l.probs.Add(p, link.Line, problem.Link, "link to %s#%s: no such heading or row on that page", u.Path, u.Fragment)
			}
			if pd.article != nil {
				slug, isSource := strings.CutPrefix(strings.TrimSuffix(u.Path, "/"), SourcesPath+"/")
				if src, ok := l.site.Source(slug); isSource && ok && !slices.Contains(pd.article.Sources, src) {
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
