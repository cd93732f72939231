package content

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Alternative is another subject and how closely its levels match a subject's.
type Alternative struct {
	Subject     *Subject
	Similarity  float64 // 0–100, to a tenth: the mean closeness of their levels
	Compared    int     // aspects where both levels are known
	Differences []Difference
}

// Difference is an aspect where two subjects' levels are apart.
type Difference struct {
	Aspect       *Aspect
	Mine, Theirs *Level
}

// AlternativesFilter keeps the alternatives in some languages and of some kinds; empty keeps all.
type AlternativesFilter struct {
	Languages []*Level // levels of the language aspect
	Kinds     []Kind
}

// languageAspect is the aspect whose levels alternatives are filtered by language.
const languageAspect = "language"

// maxDifferences is how many differences an alternative names.
const maxDifferences = 3

// Query is the filter as a query string, languages then kinds, each in scale order.
func (f AlternativesFilter) Query() string {
	var parts []string
	for _, l := range f.Languages {
		parts = append(parts, "language="+url.QueryEscape(l.ID))
	}
	for _, k := range f.Kinds {
		parts = append(parts, "kind="+url.QueryEscape(k.ID))
	}
	return strings.Join(parts, "&")
}

// AlternativesFilterParams are the query parameters an alternatives page reads.
var AlternativesFilterParams = []string{"kind", "language"}

// ParseAlternativesFilter reads a filter from query parameters; its error is a *ChoiceError.
func (s *Site) ParseAlternativesFilter(q url.Values) (AlternativesFilter, error) {
	var f AlternativesFilter
	if langs := nonEmpty(q["language"]); len(langs) > 0 {
		a, ok := s.Aspect(languageAspect)
		if !ok || a.Scale == nil {
			return f, &ChoiceError{Param: "language", Reason: "cannot filter: this site has no language aspect with levels"}
		}
		ids := a.Scale.levelIDs()
		for _, v := range langs {
			l := a.Scale.level(v)
			if l == nil || l == Unknown {
				return f, &ChoiceError{Param: "language", Reason: fmt.Sprintf("%q is not a language we know", shorten(v, 40)), Allowed: ids[:len(ids)-1]}
			}
			if !slices.Contains(f.Languages, l) {
				f.Languages = append(f.Languages, l)
			}
		}
		slices.SortFunc(f.Languages, func(x, y *Level) int { return x.Rank - y.Rank })
	}
	kindIDs := make([]string, len(Kinds))
	for i, k := range Kinds {
		kindIDs[i] = k.ID
	}
	for _, v := range nonEmpty(q["kind"]) {
		k, ok := kindByID(v)
		if !ok {
			return f, &ChoiceError{Param: "kind", Reason: fmt.Sprintf("%q is not a kind we know", shorten(v, 40)), Allowed: kindIDs}
		}
		if !slices.Contains(f.Kinds, k) {
			f.Kinds = append(f.Kinds, k)
		}
	}
	slices.SortFunc(f.Kinds, func(x, y Kind) int { return slices.Index(kindIDs, x.ID) - slices.Index(kindIDs, y.ID) })
	return f, nil
}

// Alternatives ranks the other subjects by how closely their levels match sub's, closest
// first, each with the aspects where they are furthest apart.
func (s *Site) Alternatives(sub *Subject, f AlternativesFilter) []Alternative {
	var out []Alternative
	for _, other := range s.Subjects {
		if other == sub || !f.keeps(other) {
			continue
		}
		alt := Alternative{Subject: other}
		total := 0.0
		type gap struct {
			d Difference
			x float64
		}
		var gaps []gap
		for _, a := range s.Aspects {
			mine, theirs := sub.Values[a.ID].Level, other.Values[a.ID].Level
			if a.Scale == nil || mine == Unknown || theirs == Unknown {
				continue
			}
			distance := 0.0
			switch {
			case a.Scale.Ordered:
				distance = math.Abs(float64(mine.Rank-theirs.Rank)) / float64(len(a.Scale.Levels)-1)
			case mine != theirs:
				distance = 1
			}
			alt.Compared++
			total += 1 - distance
			if distance > 0 {
				gaps = append(gaps, gap{Difference{a, mine, theirs}, distance})
			}
		}
		if alt.Compared > 0 {
			alt.Similarity = tenth(100 * total / float64(alt.Compared))
		}
		// Furthest first; at equal distance a gap on an ordered scale (better or worse) says more
		// than a different category.
		sort.SliceStable(gaps, func(i, j int) bool {
			if gaps[i].x != gaps[j].x {
				return gaps[i].x > gaps[j].x
			}
			return gaps[i].d.Aspect.Scale.Ordered && !gaps[j].d.Aspect.Scale.Ordered
		})
		for _, g := range gaps[:min(maxDifferences, len(gaps))] {
			alt.Differences = append(alt.Differences, g.d)
		}
		out = append(out, alt)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Similarity > out[j].Similarity })
	return out
}

func (f AlternativesFilter) keeps(sub *Subject) bool {
	if len(f.Languages) > 0 && !slices.Contains(f.Languages, sub.Values[languageAspect].Level) {
		return false
	}
	return len(f.Kinds) == 0 || slices.Contains(f.Kinds, sub.Kind)
}
