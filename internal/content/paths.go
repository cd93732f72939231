package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// The site's fixed pages. With the Path methods below, this is the whole URL scheme: every
// link the site renders, lists in its sitemap or exports is built here, and ParseComparison,
// ParseView and ResolvePath read the same scheme back, for the server and the link check.
const (
	HomePath     = "/"
	ArticlesPath = "/articles"
	SourcesPath  = "/sources"
	SubjectsPath = "/subjects"
	PickerPath   = "/compare"
	TagsPath     = "/tags"
	SearchPath   = "/search"
	GapsPath     = "/gaps"
	ChoosePath   = "/choose"
	ChangesPath  = "/changes"
	ChangesFeed  = "/changes.xml"
	MethodPath   = "/method"
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

// ChangesFeedPath is the Atom feed of every change to the subject's cells.
func (s *Subject) ChangesFeedPath() string { return s.Path() + "/changes.xml" }

// AlternativesPath is the page of the subjects most like this one.
func (s *Subject) AlternativesPath() string { return s.Path() + "/alternatives" }

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
	pages := []string{HomePath, ArticlesPath, SourcesPath, SubjectsPath, PickerPath, TagsPath, GapsPath, ChoosePath, MethodPath, ChangesPath}
	for _, a := range s.Published() {
		pages = append(pages, a.Path())
	}
	for _, x := range s.Sources {
		pages = append(pages, x.Path())
	}
	for _, x := range s.Subjects {
		pages = append(pages, x.Path(), x.AlternativesPath())
	}
	for _, c := range s.Exported() {
		pages = append(pages, c.Path())
		for _, a := range s.Aspects {
			pages = append(pages, c.AspectPath(a))
		}
	}
	for _, t := range s.Tags {
		pages = append(pages, t.Path())
	}
	return pages
}

// Documents are the site's files at fixed paths that are not HTML pages.
var Documents = []string{FeedPath, ChangesFeed, SitemapPath, RobotsPath}

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

// Exported are the comparisons a static export holds in full: every pair, then each featured
// comparison of three or four subjects, since the home page links it, and each source's
// comparison of three or four, since the source's page links it.
func (s *Site) Exported() []Comparison {
	out := s.Pairs()
	seen := map[string]bool{}
	add := func(c Comparison) {
		if len(c) > 2 && !seen[c.Name()] {
			seen[c.Name()] = true
			out = append(out, c)
		}
	}
	for _, c := range s.Featured {
		add(c.Canonical())
	}
	for _, src := range s.Sources {
		add(src.Comparison())
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
	case HomePath, ArticlesPath, SourcesPath, SubjectsPath, PickerPath, SearchPath, GapsPath, ChoosePath, MethodPath,
		ChangesPath, ChangesFeed, TagsPath, FeedPath, SitemapPath, RobotsPath:
		return nil, true
	}
	section, slug, found := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !found {
		return nil, false
	}
	if "/"+section == PickerPath {
		return s.resolveComparison(slug)
	}
	if base, rest, ok := strings.Cut(slug, "/"); ok && "/"+section == SubjectsPath && (rest == "alternatives" || rest == "changes.xml") {
		_, ok := s.Subject(base)
		return nil, ok
	}
	if strings.Contains(slug, "/") {
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
	}
	return nil, false
}

// resolveComparison resolves what follows /compare/: a comparison in any order or format, or
// one of its aspect pages or their images.
func (s *Site) resolveComparison(rest string) (ids []string, ok bool) {
	name, aspect, hasAspect := strings.Cut(rest, "/")
	_, f, err := s.ParseComparison(name)
	if err != nil || hasAspect && f != "" {
		return nil, false
	}
	switch {
	case hasAspect && aspect == "changes.xml":
		return []string{}, true
	case hasAspect:
		id, img := strings.CutSuffix(aspect, string(Image))
		if _, ok := s.Aspect(id); !ok || strings.Contains(id, "/") {
			return nil, false
		}
		if img {
			return []string{}, true
		}
		return nil, true
	case f != "":
		return []string{}, true
	}
	return s.rowIDs(), true
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

// Comparison is two to four subjects in the order a reader asked for them.
type Comparison []*Subject

// Name is the comparison's path segment: the slugs in order, joined by "-vs-".
func (c Comparison) Name() string {
	slugs := make([]string, len(c))
	for i, s := range c {
		slugs[i] = s.Slug
	}
	return strings.Join(slugs, "-vs-")
}

// Canonical is the same comparison with its subjects sorted by slug: the form canonical links,
// the sitemap and the export use.
func (c Comparison) Canonical() Comparison {
	out := slices.Clone(c)
	slices.SortFunc(out, func(a, b *Subject) int { return strings.Compare(a.Slug, b.Slug) })
	return out
}

// Title is "A vs B", in order.
func (c Comparison) Title() string {
	names := make([]string, len(c))
	for i, s := range c {
		names[i] = s.Name
	}
	return strings.Join(names, " vs ")
}

// Path is the comparison page in this order.
func (c Comparison) Path() string { return PickerPath + "/" + c.Name() }

// RowPath is the row of one aspect on the comparison page.
func (c Comparison) RowPath(a *Aspect) string { return c.Path() + "#" + a.ID }

// ChangesFeedPath is the Atom feed of every change to the compared subjects' cells.
func (c Comparison) ChangesFeedPath() string { return c.Path() + "/changes.xml" }

// AspectPath is the page of one aspect of the comparison: every note, reference and claim.
func (c Comparison) AspectPath(a *Aspect) string { return c.Path() + "/" + a.ID }

// Format is a representation of a comparison other than its page.
type Format string

// The comparison's data and image formats.
const (
	JSON  Format = ".json"
	CSV   Format = ".csv"
	Image Format = ".png"
)

// Formats lists every format, in the order the page offers them.
var Formats = []Format{JSON, CSV, Image}

// FormatPath is the comparison in a format, for a view.
func (c Comparison) FormatPath(f Format, v View) string {
	return withQuery(c.Path()+string(f), v.Query())
}

// ViewPath is the comparison page showing a view.
func (c Comparison) ViewPath(v View) string { return withQuery(c.Path(), v.Query()) }

func withQuery(path, query string) string {
	if query == "" {
		return path
	}
	return path + "?" + query
}

// View is how a comparison is shown. The zero View is the default: every row, levels and
// short notes, with depth on each aspect's page.
type View struct {
	DiffOnly bool   // only the rows whose values differ
	Group    string // only one aspect group, by id
	Base     string // the subject, by slug, the others are shown against: better, same or worse
	Full     bool   // every note, reference, dispute and claim on one page, for print and offline
}

// Query is the view as a query string, with its parameters in a fixed order; "" for the zero
// View.
func (v View) Query() string {
	q := url.Values{}
	if v.Base != "" {
		q.Set("base", v.Base)
	}
	if v.DiffOnly {
		q.Set("diff", "1")
	}
	if v.Group != "" {
		q.Set("group", v.Group)
	}
	if v.Full {
		q.Set("view", "full")
	}
	return q.Encode()
}

// Views are the views of a comparison the site links to, one parameter at a time: the default,
// only differences, each group, each subject as the base, and the full view. Combinations are
// served too, but not linked or exported.
func (s *Site) Views(c Comparison) []View {
	views := []View{{}, {DiffOnly: true}}
	for _, g := range s.Groups {
		views = append(views, View{Group: g.ID})
	}
	for _, sub := range c {
		views = append(views, View{Base: sub.Slug})
	}
	return append(views, View{Full: true})
}

// ViewParams are the query parameters a comparison page reads; any others are ignored.
var ViewParams = []string{"base", "diff", "group", "view"}

// ParseView reads the view of comparison c from query parameters, checking every value. Its
// error is a *BadComparisonError saying what is allowed.
func (s *Site) ParseView(c Comparison, q url.Values) (View, error) {
	var v View
	switch d := q.Get("diff"); d {
	case "", "0", "false":
	case "1", "true":
		v.DiffOnly = true
	default:
		return v, &BadComparisonError{Reason: fmt.Sprintf("diff=%q is not a view we know: use diff=1 to show only rows whose values differ, or leave it out", shorten(d, 40))}
	}
	if g := q.Get("group"); g != "" {
		if _, ok := s.Group(g); !ok {
			ids := make([]string, len(s.Groups))
			for i, grp := range s.Groups {
				ids[i] = grp.ID
			}
			return v, &BadComparisonError{Reason: fmt.Sprintf("there is no aspect group %q. Groups are: %s", shorten(g, 40), strings.Join(ids, ", "))}
		}
		v.Group = g
	}
	if b := q.Get("base"); b != "" {
		if !slices.ContainsFunc(c, func(sub *Subject) bool { return sub.Slug == b }) {
			slugs := strings.Split(c.Name(), "-vs-")
			return v, &BadComparisonError{Reason: fmt.Sprintf("base=%q is not one of the subjects compared. Use base=%s", shorten(b, 40), strings.Join(slugs, " or base="))}
		}
		v.Base = b
	}
	switch f := q.Get("view"); f {
	case "":
	case "full":
		v.Full = true
	default:
		return v, &BadComparisonError{Reason: fmt.Sprintf("view=%q is not a view we know: use view=full for every note, reference and claim on one page, or leave it out", shorten(f, 40))}
	}
	return v, nil
}

// comparisonNameRE is the shape of a comparison path segment: slugs joined by "-vs-".
var comparisonNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// maxComparisonName bounds the path segment read as a comparison: four of the longest slugs.
const maxComparisonName = 4*64 + 3*4

// splitFormat splits a format extension (".json", ".csv", ".png") off a comparison path
// segment; the format is "" for the page.
func splitFormat(segment string) (name string, f Format) {
	for _, f := range Formats {
		if name, ok := strings.CutSuffix(segment, string(f)); ok {
			return name, f
		}
	}
	return segment, ""
}

// IsComparisonSegment reports whether a path segment has the shape of a comparison, with or
// without a format extension.
func IsComparisonSegment(segment string) bool {
	name, _ := splitFormat(segment)
	return len(name) <= maxComparisonName && comparisonNameRE.MatchString(name)
}

// ParseComparison reads a comparison path segment such as "django-vs-nodejs.json": the
// subjects in the order named, and the format. Its error is an *UnknownSubjectError or a
// *BadComparisonError.
func (s *Site) ParseComparison(segment string) (Comparison, Format, error) {
	name, f := splitFormat(segment)
	if !IsComparisonSegment(name) {
		return nil, f, &BadComparisonError{Malformed: true, Reason: "a comparison link looks like /compare/django-vs-nodejs: two to four subject names in lowercase, joined by -vs-"}
	}
	c, err := s.ResolveSubjects(strings.Split(name, "-vs-"))
	return c, f, err
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
