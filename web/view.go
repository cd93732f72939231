// Package web holds the templ components that render every page: the layout, one file per
// page family, and the components they share (the matrix, lists, the table of contents). Each
// page takes one view value that the handler built; components do no I/O, no lookups and no
// filtering. Rendered Markdown enters a page only through trusted.
package web

import (
	"html/template"
	"strconv"

	"github.com/a-h/templ"
)

// Page is what every page shares: the site's chrome and the page's own meta data.
type Page struct {
	Chrome
	Meta
}

// Meta is what the layout needs to know about a page.
type Meta struct {
	Title       string // page title, without the site name
	Description string
	Path        string // the page's own path, for the current section in the nav
	Canonical   string // absolute canonical URL
	Image       string // absolute URL of the share image, if any
	Type        string // Open Graph type: website or article
	Crumbs      []Crumb
	NoIndex     bool
	Feeds       []Crumb // Atom feeds of this page's subjects, beside the site's
}

// Crumb is one breadcrumb link.
type Crumb struct {
	Label string
	Href  string
}

// Chrome is what every page of one site shares: asset URLs and the dev-mode banner.
type Chrome struct {
	SiteName string
	CSS      []string // stylesheet URLs, fingerprinted
	Scripts  []string // script URLs, fingerprinted, loaded with defer (only serve -dev has one)
	Icon     string
	Problems []string // content problems shown in a banner in -dev mode
	Query    string   // the search box's current text
}

// trusted marks HTML produced by internal/markdown as safe to insert: it never contains raw
// HTML from the source, so inserting it cannot inject markup.
func trusted(h template.HTML) templ.Component { return templ.Raw(string(h)) }

func itoa(n int) string { return strconv.Itoa(n) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// shortTitle trims a long source title for inline reference lists.
func shortTitle(t string) string {
	r := []rune(t)
	if len(r) <= 48 {
		return t
	}
	return string(r[:46]) + "…"
}

// pluralWord picks the word for a count.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
