package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Comparison limits: a matrix compares two to four subjects.
const (
	MinCompared = 2
	MaxCompared = 4
)

// UnknownSubjectError says a comparison named a subject that does not exist.
type UnknownSubjectError struct {
	Slug        string // as asked, shortened to 40 characters
	Suggestions []*Subject
}

func (e *UnknownSubjectError) Error() string { return fmt.Sprintf("no subject called %q", e.Slug) }

// BadComparisonError says a comparison cannot be shown: a malformed link, the wrong number of
// subjects, a repeat, or a view that does not exist.
type BadComparisonError struct {
	Reason    string
	Malformed bool // the link does not have the shape of a comparison at all
}

func (e *BadComparisonError) Error() string { return e.Reason }

// Matrix is a comparison of 2–4 subjects across aspects, in the order the subjects were asked.
type Matrix struct {
	Comparison Comparison
	View       View
	Groups     []*MatrixGroup
	Rows       int // rows shown
	Total      int // rows in the full comparison
}

// MatrixGroup is the rows of one aspect group.
type MatrixGroup struct {
	Group *Group
	Rows  []*MatrixRow
}

// MatrixRow is one aspect: each subject's value, in column order.
type MatrixRow struct {
	Aspect   *Aspect
	Values   []*Value
	Differ   bool // the subjects' values are not all the same
	Disputed bool // at least one value is disputed
}

// ResolveSubjects checks a list of slugs for a comparison and returns the subjects in order.
func (s *Site) ResolveSubjects(slugs []string) (Comparison, error) {
	if len(slugs) < MinCompared || len(slugs) > MaxCompared {
		return nil, &BadComparisonError{Reason: fmt.Sprintf("a comparison needs %d to %d different subjects; this link names %d", MinCompared, MaxCompared, len(slugs))}
	}
	seen := map[string]bool{}
	var out Comparison
	for _, slug := range slugs {
		if slug == "" {
			return nil, &BadComparisonError{Reason: "a subject name in this link is empty"}
		}
		if seen[slug] {
			return nil, &BadComparisonError{Reason: fmt.Sprintf("%q appears twice; compare %d to %d different subjects", slug, MinCompared, MaxCompared)}
		}
		seen[slug] = true
		sub, ok := s.Subject(slug)
		if !ok {
			return nil, &UnknownSubjectError{Slug: shorten(slug, 40), Suggestions: s.suggestSubjects(slug, 4)}
		}
		out = append(out, sub)
	}
	return out, nil
}

// Compare builds the matrix of a comparison for a view: every aspect, or the rows the view
// keeps. The view is one ParseView accepted.
func (s *Site) Compare(c Comparison, v View) *Matrix {
	m := &Matrix{Comparison: c, View: v}
	for _, g := range s.Groups {
		mg := &MatrixGroup{Group: g}
		for _, a := range g.Aspects {
			row := &MatrixRow{Aspect: a, Values: make([]*Value, len(c))}
			for i, sub := range c {
				val := sub.Values[a.ID]
				row.Values[i] = val
				row.Disputed = row.Disputed || val.Disputed != ""
				if i > 0 && !strings.EqualFold(strings.TrimSpace(val.Text), strings.TrimSpace(row.Values[0].Text)) {
					row.Differ = true
				}
			}
			m.Total++
			if v.Group != "" && g.ID != v.Group || v.DiffOnly && !row.Differ {
				continue
			}
			mg.Rows = append(mg.Rows, row)
			m.Rows++
		}
		if len(mg.Rows) > 0 {
			m.Groups = append(m.Groups, mg)
		}
	}
	return m
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

// View narrows what a comparison shows. The zero View is the whole comparison.
type View struct {
	DiffOnly bool   // only the rows whose values differ
	Group    string // only one aspect group, by id
}

// Query is the view as a query string, with its parameters in a fixed order; "" for the zero
// View.
func (v View) Query() string {
	q := url.Values{}
	if v.DiffOnly {
		q.Set("diff", "1")
	}
	if v.Group != "" {
		q.Set("group", v.Group)
	}
	return q.Encode()
}

// ViewParams are the query parameters a comparison page reads; any others are ignored.
var ViewParams = []string{"diff", "group"}

// ParseView reads a comparison view from query parameters, checking every value against the
// site. Its error is a *BadComparisonError saying what is allowed.
func (s *Site) ParseView(q url.Values) (View, error) {
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
