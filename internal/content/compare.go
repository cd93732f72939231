package content

import (
	"fmt"
	"sort"
	"strings"
)

// Comparison limits: a matrix compares two to four subjects.
const (
	MinCompared = 2
	MaxCompared = 4
)

// SplitComparison splits a comparison name such as "django-vs-nodejs" into subject slugs.
func SplitComparison(name string) []string { return strings.Split(name, "-vs-") }

// ComparisonName joins subject slugs into a comparison name.
func ComparisonName(slugs []string) string { return strings.Join(slugs, "-vs-") }

// CanonicalName is the comparison name with slugs sorted, the form used in canonical links.
func CanonicalName(slugs []string) string {
	s := append([]string(nil), slugs...)
	sort.Strings(s)
	return ComparisonName(s)
}

// UnknownSubjectError says a comparison named a subject that does not exist.
type UnknownSubjectError struct {
	Slug        string
	Suggestions []*Subject
}

func (e *UnknownSubjectError) Error() string { return fmt.Sprintf("no subject called %q", e.Slug) }

// BadComparisonError says a comparison is malformed: wrong number of subjects or a repeat.
type BadComparisonError struct{ Reason string }

func (e *BadComparisonError) Error() string { return e.Reason }

// Matrix is a comparison of 2–4 subjects across aspects, in the order the subjects were asked.
type Matrix struct {
	Subjects []*Subject
	Groups   []*MatrixGroup
	Rows     int // rows shown
	Total    int // rows in the full comparison
	Name     string
	Canon    string
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

// CompareOptions narrows a comparison: only differing rows, or one group.
type CompareOptions struct {
	DiffOnly bool
	Group    string
}

// ResolveSubjects checks a list of slugs for a comparison and returns the subjects.
func (s *Site) ResolveSubjects(slugs []string) ([]*Subject, error) {
	if len(slugs) < MinCompared || len(slugs) > MaxCompared {
		return nil, &BadComparisonError{Reason: fmt.Sprintf("a comparison needs %d to %d different subjects; this link names %d", MinCompared, MaxCompared, len(slugs))}
	}
	seen := map[string]bool{}
	var out []*Subject
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
			return nil, &UnknownSubjectError{Slug: slug, Suggestions: s.SuggestSubjects(slug, 4)}
		}
		out = append(out, sub)
	}
	return out, nil
}

// Compare builds the matrix for the given subject slugs, in the order given.
func (s *Site) Compare(slugs []string, opts CompareOptions) (*Matrix, error) {
	subjects, err := s.ResolveSubjects(slugs)
	if err != nil {
		return nil, err
	}
	if opts.Group != "" {
		if _, ok := s.Group(opts.Group); !ok {
			return nil, &BadComparisonError{Reason: fmt.Sprintf("there is no aspect group %q", opts.Group)}
		}
	}
	m := &Matrix{Subjects: subjects, Name: ComparisonName(slugs), Canon: CanonicalName(slugs)}
	for _, g := range s.Groups {
		mg := &MatrixGroup{Group: g}
		for _, a := range g.Aspects {
			row := &MatrixRow{Aspect: a, Values: make([]*Value, len(subjects))}
			for i, sub := range subjects {
				v := sub.Values[a.ID]
				row.Values[i] = v
				row.Disputed = row.Disputed || v.Disputed != ""
				if i > 0 && !strings.EqualFold(strings.TrimSpace(v.Text), strings.TrimSpace(row.Values[0].Text)) {
					row.Differ = true
				}
			}
			m.Total++
			if opts.Group != "" && g.ID != opts.Group || opts.DiffOnly && !row.Differ {
				continue
			}
			mg.Rows = append(mg.Rows, row)
			m.Rows++
		}
		if len(mg.Rows) > 0 {
			m.Groups = append(m.Groups, mg)
		}
	}
	return m, nil
}
