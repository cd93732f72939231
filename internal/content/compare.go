package content

import (
	"fmt"
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

// Matrix is a comparison of 2–4 subjects across aspects: the rows a view shows, and the
// verdict on the whole comparison.
type Matrix struct {
	Comparison Comparison // in the order asked
	View       View
	Columns    Comparison // the order columns are shown in: the base first, then as asked
	Groups     []*MatrixGroup
	Rows       int // rows shown
	Total      int // rows in the full comparison
	Verdict    Verdict
}

// MatrixGroup is the rows of one aspect group.
type MatrixGroup struct {
	Group *Group
	Rows  []*MatrixRow
}

// MatrixRow is one aspect: each subject's value, in comparison order, and the cells in column
// order.
type MatrixRow struct {
	Aspect   *Aspect
	Values   []*Value // in comparison order
	Cells    []Cell   // in column order
	Differ   bool     // the subjects' values or levels are not all the same
	Disputed bool     // at least one value is disputed
}

// Cell is one subject's value in a row, with its mark against the base subject of the view.
type Cell struct {
	Subject *Subject
	Value   *Value
	Mark    Mark
}

// Mark is how a cell compares with the base subject's cell on the aspect's scale.
type Mark string

// The marks of a base view; the base's own cells, prose rows and views without a base have none.
const (
	NoMark    Mark = ""
	Better    Mark = "better"
	Same      Mark = "same"
	Worse     Mark = "worse"
	Different Mark = "different" // on a category scale
	NotKnown  Mark = "unknown"   // either level is unknown
)

// markAgainst compares level l with the base level on their scale.
func markAgainst(l, base *Level) Mark {
	switch {
	case l == nil || base == nil:
		return NoMark
	case l == Unknown || base == Unknown:
		return NotKnown
	case l == base:
		return Same
	case !l.Scale.Ordered:
		return Different
	case l.Rank < base.Rank:
		return Better
	}
	return Worse
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
// keeps, and the verdict on all of them. The view is one ParseView accepted.
func (s *Site) Compare(c Comparison, v View) *Matrix {
	m := &Matrix{Comparison: c, View: v, Columns: c}
	if v.Base != "" {
		m.Columns = Comparison{}
		for _, sub := range c {
			if sub.Slug == v.Base {
				m.Columns = append(Comparison{sub}, m.Columns...)
			} else {
				m.Columns = append(m.Columns, sub)
			}
		}
	}
	var all []*MatrixRow
	for _, g := range s.Groups {
		mg := &MatrixGroup{Group: g}
		for _, a := range g.Aspects {
			row := s.row(c, a, m.Columns, v.Base)
			all = append(all, row)
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
	m.Verdict = verdict(s, c, all)
	return m
}

// RowPath is where a link to an aspect's row leads from this matrix's page: the row on this
// page when the view shows it, else the row of the default view.
func (m *Matrix) RowPath(a *Aspect) string {
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			if row.Aspect == a {
				return "#" + a.ID
			}
		}
	}
	return m.Comparison.RowPath(a)
}

// GroupPath is where a link to a group's rows leads from this matrix's page, as RowPath.
func (m *Matrix) GroupPath(g *Group) string {
	for _, mg := range m.Groups {
		if mg.Group == g {
			return "#group-" + g.ID
		}
	}
	return m.Comparison.Path() + "#group-" + g.ID
}

// CompareAspect is the row of one aspect of a comparison, for the aspect's own page.
func (s *Site) CompareAspect(c Comparison, a *Aspect) *MatrixRow { return s.row(c, a, c, "") }

func (s *Site) row(c Comparison, a *Aspect, columns Comparison, base string) *MatrixRow {
	row := &MatrixRow{Aspect: a, Values: make([]*Value, len(c))}
	for i, sub := range c {
		val := sub.Values[a.ID]
		row.Values[i] = val
		row.Disputed = row.Disputed || val.Disputed != ""
		first := row.Values[0]
		if i > 0 && (val.Level != first.Level || !strings.EqualFold(strings.TrimSpace(val.Text), strings.TrimSpace(first.Text))) {
			row.Differ = true
		}
	}
	var baseLevel *Level
	if base != "" {
		baseLevel = columns[0].Values[a.ID].Level
	}
	for i, sub := range columns {
		cell := Cell{Subject: sub, Value: sub.Values[a.ID]}
		if base != "" && i > 0 {
			cell.Mark = markAgainst(cell.Value.Level, baseLevel)
		}
		row.Cells = append(row.Cells, cell)
	}
	return row
}
