package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Words shorter than minLoose runes match only exactly: "go" must not find "god" or "to".
// Words longer than maxLoose runes match only exactly too: nobody types them by hand, and the
// automaton that finds a word's near misses grows with its length.
const (
	minLoose = 3
	maxLoose = 32
)

// How much a looser match counts, against 1 for the word itself. A word always also matches as
// its own prefix and near miss, so an exact match outranks every looser one.
const (
	prefixWeight = 0.5
	typoWeight   = 0.4
)

// term is one analysed word of a query.
type term struct {
	text  string // lowercased and stemmed, as the index holds words
	loose bool   // may match longer words it starts, and words one typo away
}

// terms analyses q as the index analyses text and returns its distinct words, at most
// MaxTerms; more reports whether words were left out.
func (ix *Index) terms(q string) (terms []term, more bool) {
	seen := map[string]bool{}
	for _, tok := range ix.analyzer.Analyze([]byte(q)) {
		t := string(tok.Term)
		if seen[t] {
			continue
		}
		if len(terms) == MaxTerms {
			return terms, true
		}
		seen[t] = true
		n := utf8.RuneCountInString(t)
		terms = append(terms, term{text: t, loose: n >= minLoose && n <= maxLoose})
	}
	return terms, false
}

// allOf matches pages that contain every term.
func allOf(terms []term) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = t.query()
	}
	return bleve.NewConjunctionQuery(qs...)
}

// anyOf matches pages that contain at least one term, ranking those with more first.
func anyOf(terms []term) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = t.query()
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetMin(1)
	return d
}

// query matches the term in any field: exactly, as the start of a longer word, with one letter
// added, dropped or changed, or with two neighbouring letters swapped.
func (t term) query() query.Query {
	var qs []query.Query
	for _, f := range fields {
		add := func(q fieldQuery, weight float64) {
			q.SetField(f.name)
			q.SetBoost(f.boost * weight)
			qs = append(qs, q)
		}
		add(bleve.NewTermQuery(t.text), 1)
		if !t.loose {
			continue
		}
		add(bleve.NewPrefixQuery(t.text), prefixWeight)
		fuzzy := bleve.NewFuzzyQuery(t.text)
		fuzzy.SetFuzziness(1)
		add(fuzzy, typoWeight)
		for _, s := range swaps(t.text) {
			add(bleve.NewTermQuery(s), typoWeight)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// fieldQuery is a query on one field with a weight: term, prefix and fuzzy queries.
type fieldQuery interface {
	query.FieldableQuery
	SetBoost(float64)
}

// swaps returns w with each pair of neighbouring letters swapped: the typo an edit distance of
// one misses.
func swaps(w string) []string {
	r := []rune(w)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		r[i], r[i+1] = r[i+1], r[i]
		out = append(out, string(r))
		r[i], r[i+1] = r[i+1], r[i]
	}
	return out
}

// matches reports how well an analysed word of a text matches the term, in the same ways the
// index query does: 3 exactly, 2 as a prefix, 1 with one typo, 0 not at all.
func (t term) matches(w string) int {
	switch {
	case w == t.text:
		return 3
	case !t.loose:
		return 0
	case len(w) > len(t.text) && w[:len(t.text)] == t.text:
		return 2
	case oneTypo(t.text, w):
		return 1
	}
	return 0
}

// oneTypo reports whether a and b differ by one added, dropped or changed letter, or by two
// neighbouring letters swapped.
func oneTypo(a, b string) bool {
	if d := len(a) - len(b); d > utf8.UTFMax || d < -utf8.UTFMax {
		return false // cheap: no need to look at the letters
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	switch len(rb) - len(ra) {
	case 0:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		if i == len(ra) {
			return false // equal
		}
		if string(ra[i+1:]) == string(rb[i+1:]) {
			return true // one changed letter
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	case 1:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i:]) == string(rb[i+1:])
	}
	return false
}
