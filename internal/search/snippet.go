package search

import (
	"strings"
	"unicode/utf8"
)

// snippetBytes is about how long a snippet is: two lines on a phone, three on a wide screen.
const snippetBytes = 240

// leadBytes is how much text a snippet shows before its first match, so the match is read in
// its sentence.
const leadBytes = 60

// hit is a word of a text that matched a query term, by byte offsets.
type hit struct {
	start, end int
	term       int // index into the query's terms
}

// matcher finds the words of texts that match a query's terms. Words are analysed at build time
// (Index.stems); a search compares each distinct analysed word with its terms once.
type matcher struct {
	ix    *Index
	terms []term
	memo  map[string]match // by analysed word
}

// match is how a word matches: which term, and how well (see term.matches; 0 is not at all).
type match struct{ term, quality int }

func (ix *Index) matcher(terms []term) *matcher {
	return &matcher{ix: ix, terms: terms, memo: map[string]match{}}
}

func (m *matcher) word(w []byte) match {
	stem, ok := m.ix.stems[string(w)]
	if !ok {
		stem = m.ix.stem(w) // a text the index was not built from
	}
	if stem == "" {
		return match{}
	}
	if r, ok := m.memo[stem]; ok {
		return r
	}
	var r match
	for i, t := range m.terms {
		if q := t.matches(stem); q > r.quality {
			r = match{i, q}
		}
	}
	m.memo[stem] = r
	return r
}

// hits finds the words of text that match the terms. For each term only its best kind of match
// is kept: where "django" occurs, "djangoproject" (a prefix match) is not marked. With enough
// set, it stops reading after the first passage that shows every term: none can do better.
func (m *matcher) hits(text string, enough bool) []hit {
	type scored struct {
		hit
		quality int
	}
	var all []scored
	best := make([]int, len(m.terms))
	inWindow, shown := make([]int, len(m.terms)), 0 // matches per term in all[lo:], terms with some
	lo, stop := 0, len(text)
	b := []byte(text)
	for i := 0; ; {
		start, end := nextWord(b, i)
		if start < 0 || start > stop {
			break
		}
		i = end
		r := m.word(b[start:end])
		if r.quality == 0 {
			continue
		}
		all = append(all, scored{hit{start, end, r.term}, r.quality})
		best[r.term] = max(best[r.term], r.quality)
		if inWindow[r.term]++; inWindow[r.term] == 1 {
			shown++
		}
		for end-all[lo].start > snippetBytes-leadBytes {
			if inWindow[all[lo].term]--; inWindow[all[lo].term] == 0 {
				shown--
			}
			lo++
		}
		if enough && shown == len(m.terms) && stop == len(text) {
			stop = all[lo].start + snippetBytes // read on to the end of the passage shown
		}
	}
	out := make([]hit, 0, len(all))
	for _, s := range all {
		if s.quality == best[s.term] {
			out = append(out, s.hit)
		}
	}
	return out
}

// highlight is the whole text with its matches marked.
func (m *matcher) highlight(text string) []Segment {
	return segments(text, 0, len(text), m.hits(text, false))
}

// snippet is the passage of an entry's description or text that best shows why it matched:
// the one covering the most different query words, the description when it does as well as
// the text. With no match in either (a title or keyword match), it is the description, or else
// the start of the text.
func (m *matcher) snippet(e *entry) []Segment {
	var best []Segment
	bestCovered := -1
	for _, text := range []string{e.desc, e.body} {
		if text == "" {
			continue
		}
		hits := m.hits(text, true)
		from, to, covered := window(text, hits)
		if covered > bestCovered {
			best, bestCovered = segments(text, from, to, hits), covered
		}
		if covered == len(m.terms) {
			break
		}
	}
	return best
}

// window chooses the stretch of text, about snippetBytes long, whose matches cover the most
// different terms (then the most matches); it starts and ends between words.
func window(text string, hits []hit) (from, to, covered int) {
	first, last, bestScore := 0, -1, -1
	for i := range hits {
		seen := map[int]bool{}
		j := i
		for ; j < len(hits) && hits[j].end-hits[i].start <= snippetBytes-leadBytes; j++ {
			seen[hits[j].term] = true
		}
		if score := len(seen)*1000 + (j - i); score > bestScore {
			first, last, bestScore, covered = i, j-1, score, len(seen)
		}
	}
	if last < 0 {
		return 0, cutAfter(text, snippetBytes), 0
	}
	from = 0
	if s := hits[first].start - leadBytes; s > 0 {
		from = wordStart(text, s)
	}
	to = cutAfter(text, max(from+snippetBytes, hits[last].end))
	return from, max(to, hits[last].end), covered
}

// wordStart moves i forward to the start of the next word, unless no space follows it soon.
func wordStart(text string, i int) int {
	if k := strings.IndexByte(text[i:], ' '); k >= 0 && k < leadBytes {
		return i + k + 1
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// cutAfter is the end of the last whole word within the first n bytes of text, or n itself at a
// character boundary when the text has no space there.
func cutAfter(text string, n int) int {
	if n >= len(text) {
		return len(text)
	}
	if k := strings.LastIndexByte(text[:n+1], ' '); k > n/2 {
		return k
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return n
}

// segments splits text[from:to] into plain and marked runs, with an ellipsis where the text
// goes on.
func segments(text string, from, to int, hits []hit) []Segment {
	var out []Segment
	add := func(s string, mark bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Mark == mark {
			out[n-1].Text += s
			return
		}
		out = append(out, Segment{Text: s, Mark: mark})
	}
	if from > 0 {
		add("…", false)
	}
	at := from
	for _, h := range hits {
		if h.start < at || h.end > to {
			continue
		}
		add(text[at:h.start], false)
		add(text[h.start:h.end], true)
		at = h.end
	}
	add(text[at:to], false)
	if to < len(text) {
		add("…", false)
	}
	return out
}
