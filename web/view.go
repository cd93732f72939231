// Package web holds the templ components that render every page. Components receive typed
// view values prepared by the handlers; they do no I/O and no lookups.
package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/versus-dev/versus/internal/content"
)

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
}

// Crumb is one breadcrumb link.
type Crumb struct {
	Label string
	Href  string
}

// Chrome is what every page shares: asset URLs and the dev-mode banner.
type Chrome struct {
	SiteName string
	CSS      []string // stylesheet URLs, fingerprinted
	Scripts  []string // script URLs, fingerprinted, loaded with defer (only serve -dev has one)
	Icon     string
	Problems []string // content problems shown in a banner in -dev mode
	Query    string   // the search box's current text
}

// Trusted marks HTML produced by internal/markdown as safe to insert: it never contains raw
// HTML from the source, so inserting it cannot inject markup.
func Trusted(h template.HTML) templ.Component { return templ.Raw(string(h)) }

func itoa(n int) string { return strconv.Itoa(n) }

// kindLabel is the short label of a subject's kind.
func kindLabel(s *content.Subject) string { return s.Kind.Label }

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

func compareName(subjects []*content.Subject) string {
	slugs := make([]string, len(subjects))
	for i, s := range subjects {
		slugs[i] = s.Slug
	}
	return content.CanonicalName(slugs)
}

func compareLabel(subjects []*content.Subject) string {
	label := ""
	for i, s := range subjects {
		if i > 0 {
			label += " vs "
		}
		label += s.Name
	}
	return label
}

// HomeView is the home page.
type HomeView struct {
	Featured [][]*content.Subject
	Latest   []*content.Article
	Kinds    []KindGroup
	Sources  int
	Aspects  int
}

// KindGroup is the subjects of one kind.
type KindGroup struct {
	Kind     content.Kind
	Subjects []*content.Subject
}

// ArticleView is one article with its neighbours.
type ArticleView struct {
	Article     *content.Article
	Comparisons [][]*content.Subject
	Related     []*content.Article
	Prev, Next  *content.Article
}

// SubjectView is a subject's profile.
type SubjectView struct {
	Subject     *content.Subject
	Groups      []*content.Group
	Comparisons [][]*content.Subject
	Articles    []*content.Article
}

// SourceView is a source document's digest.
type SourceView struct {
	Source   *content.Source
	Subjects []*content.Subject // subjects the source makes claims about
	Aspects  int                // distinct aspects it covers
}

// CompareView is a comparison matrix and the links around it.
type CompareView struct {
	Matrix   *content.Matrix
	Diff     bool
	Group    string
	Groups   []*content.Group
	Related  [][]*content.Subject
	Articles []*content.Article
	Sources  []*content.Source // sources cited in this matrix
	Updated  content.Date      // the newest revision of the compared subjects
}

// PickerView is the comparison picker.
type PickerView struct {
	Kinds    []KindGroup
	Selected map[string]bool
	Problem  string
	Popular  [][]*content.Subject
}

// ErrorView is a 4xx or 5xx page.
type ErrorView struct {
	Status      int
	Title       string
	Message     string
	Suggestions []*content.Subject
	Popular     [][]*content.Subject
}

func byline(s *content.Source) string {
	out := s.Publisher
	if s.Author != "" {
		out = s.Author + ", " + out
	}
	if !s.Date.IsZero() {
		out += ", " + s.Date.String()
	}
	return out
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func rowClass(r *content.MatrixRow) string {
	if r.Differ {
		return "differ"
	}
	return "same"
}

// viewURL is the link to this comparison with the given view state.
func viewURL(v CompareView, diff bool, group string) string {
	q := url.Values{}
	if diff {
		q.Set("diff", "1")
	}
	if group != "" {
		q.Set("group", group)
	}
	u := "/compare/" + v.Matrix.Name
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// dataURL is the link to this view as data in the given format (".json" or ".csv").
func dataURL(v CompareView, ext string) string {
	u := viewURL(v, v.Diff, v.Group)
	base, query, _ := strings.Cut(u, "?")
	if query != "" {
		return base + ext + "?" + query
	}
	return base + ext
}

// claimHref links a claim to the document that makes it.
func claimHref(cl *content.Claim) string {
	if cl.Source != nil {
		return "/sources/" + cl.Source.Slug + "#claims"
	}
	if cl.Article != nil {
		return "/articles/" + cl.Article.Slug
	}
	return "/"
}

// kindSentence completes "Node.js" into "Node.js is a runtime for JavaScript."
func kindSentence(s *content.Subject) string {
	k := strings.ToLower(s.Kind.Label)
	a := "a"
	if k != "" && strings.ContainsRune("aeiou", rune(k[0])) {
		a = "an"
	}
	return " is " + a + " " + k + " for " + s.Language + "."
}

// docRefs are the references shown under a value: documentation links, and sources only when
// none of the claims listed below the value already comes from them.
func docRefs(v *content.Value) []content.Ref {
	claimed := map[*content.Source]bool{}
	for _, c := range v.Claims {
		claimed[c.Source] = true
	}
	var out []content.Ref
	for _, r := range v.Refs {
		if r.Source == nil || !claimed[r.Source] {
			out = append(out, r)
		}
	}
	return out
}
