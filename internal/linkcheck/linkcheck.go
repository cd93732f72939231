// Package linkcheck finds broken internal links in a folder of HTML pages, such as the site's
// static export. Every href and src that points into the site must name a file of the folder,
// the way a static host resolves it (a path, or a folder's index.html), and every #fragment
// must be an id in the page it names. External links are not fetched.
package linkcheck

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/versus-dev/versus/internal/export"
)

// Options configures Check.
type Options struct {
	// Origins are the site's own absolute origins, such as "https://versus.example": links
	// to them, as in <link rel=canonical> or og:url, are checked like root-relative ones.
	Origins []string
	// Answered are paths whose answers to a query only a server computes, such as the
	// chooser's: a link to one with a query needs the page itself in the folder, not a file for
	// that query.
	Answered []string
}

// Broken is one link that leads nowhere.
type Broken struct {
	Page   string // the page holding the link, a slash-separated path in the folder
	Attr   string // where the link is, such as "a href"
	Link   string // the link as written
	Reason string
}

func (b Broken) String() string {
	return fmt.Sprintf("%s: <%s=%q>: %s", b.Page, b.Attr, b.Link, b.Reason)
}

// linkAttrs are the attributes that hold a URL, by element.
var linkAttrs = []struct{ sel, attr string }{
	{"a[href]", "href"},
	{"area[href]", "href"},
	{"link[href]", "href"},
	{"img[src]", "src"},
	{"script[src]", "src"},
	{"source[src]", "src"},
	{"iframe[src]", "src"},
	{"video[src]", "src"},
	{"audio[src]", "src"},
	{"video[poster]", "poster"},
	{"blockquote[cite]", "cite"},
	{"q[cite]", "cite"},
	{`meta[property="og:url"]`, "content"},
	{`meta[property="og:image"]`, "content"},
	{`meta[name="twitter:image"]`, "content"},
}

// page is one parsed HTML file: its ids and the links it holds.
type page struct {
	ids   map[string]bool
	links []link
}

type link struct{ attr, ref string }

// Check reads every .html file of fsys and returns the links among them that lead to no file
// or to no element, ordered by page. Form actions are not links and are not checked: a static
// host cannot answer a form anyway.
func Check(fsys fs.FS, opts Options) ([]Broken, error) {
	pages := map[string]*page{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		p, err := parse(fsys, name)
		if err != nil {
			return fmt.Errorf("linkcheck %s: %w", name, err)
		}
		pages[name] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	var broken []Broken
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		seen := map[link]bool{}
		for _, l := range pages[name].links {
			if seen[l] {
				continue
			}
			seen[l] = true
			if reason := resolve(fsys, pages, name, l.ref, opts); reason != "" {
				broken = append(broken, Broken{Page: name, Attr: l.attr, Link: l.ref, Reason: reason})
			}
		}
	}
	return broken, nil
}

func parse(fsys fs.FS, name string) (*page, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		return nil, err
	}
	p := &page{ids: map[string]bool{}}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) { p.ids[s.AttrOr("id", "")] = true })
	doc.Find("a[name]").Each(func(_ int, s *goquery.Selection) { p.ids[s.AttrOr("name", "")] = true })
	for _, la := range linkAttrs {
		doc.Find(la.sel).Each(func(_ int, s *goquery.Selection) {
			v, _ := s.Attr(la.attr)
			p.links = append(p.links, link{attr: goquery.NodeName(s) + " " + la.attr, ref: v})
		})
	}
	doc.Find("img[srcset], source[srcset]").Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("srcset")
		for _, candidate := range strings.Split(v, ",") {
			if fields := strings.Fields(candidate); len(fields) > 0 {
				p.links = append(p.links, link{attr: goquery.NodeName(s) + " srcset", ref: fields[0]})
			}
		}
	})
	return p, nil
}

// resolve follows ref from the page named from, and says why it is broken, or "" if it is not.
func resolve(fsys fs.FS, pages map[string]*page, from, ref string, opts Options) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "empty link"
	}
	for _, origin := range opts.Origins {
		if rest, ok := strings.CutPrefix(ref, strings.TrimSuffix(origin, "/")); ok && (rest == "" || strings.ContainsAny(rest[:1], "/?#")) {
			ref = "/" + strings.TrimPrefix(rest, "/")
		}
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // external
	}
	target := from
	if u.Path != "" {
		var reason string
		if target, reason = fileFor(fsys, path.Join("/", path.Dir(from)), u.Path); reason != "" {
			return reason
		}
	}
	if u.RawQuery != "" && path.Base(target) == "index.html" && !slices.Contains(opts.Answered, u.Path) {
		// A view a query names is exported beside its page (internal/export).
		view := export.File(path.Dir(target), u.RawQuery)
		if _, err := fs.Stat(fsys, view); err != nil {
			return "no exported view " + view
		}
		target = view
	}
	if u.Fragment == "" || u.Fragment == "top" { // "#top" scrolls to the top without an element
		return ""
	}
	p, ok := pages[target]
	if !ok {
		return "" // a fragment of a file that is not HTML, such as a PDF page, is not checked
	}
	if !p.ids[u.Fragment] {
		return fmt.Sprintf("no element with id %q in %s", u.Fragment, target)
	}
	return ""
}

// fileFor maps a URL path, relative to the folder dir (itself a URL path), to the file of fsys
// a static host would serve for it: the file itself, or a folder's index.html. A page
// dir/index.html is taken to be served at dir/, the URL a static host redirects dir to.
func fileFor(fsys fs.FS, dir, urlPath string) (string, string) {
	p := urlPath
	if !strings.HasPrefix(p, "/") {
		p = path.Join(dir, p)
		if strings.HasSuffix(urlPath, "/") {
			p += "/"
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	fi, err := fs.Stat(fsys, name)
	switch {
	case err == nil && fi.IsDir():
		name = path.Join(name, "index.html")
		if _, err := fs.Stat(fsys, name); err != nil {
			return "", "folder without index.html"
		}
	case err == nil && strings.HasSuffix(p, "/"):
		return "", "a file, linked as a folder"
	case err != nil:
		return "", "no such file"
	}
	return name, ""
}
