// Package spelling measures how close two names are, so that a mistyped aspect, subject or key
// can be answered with "did you mean …" and a near spelling can still be matched. Distances are
// counted in runes and ignore case.
package spelling

import "strings"

// Distance is the Levenshtein edit distance between a and b, by runes, ignoring case.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// closest returns the candidate nearest to got and its distance; ok is false when there are
// no candidates. Among equals the first candidate wins.
func closest(got string, candidates []string) (best string, distance int, ok bool) {
	distance = -1
	for _, c := range candidates {
		if d := Distance(got, c); distance < 0 || d < distance {
			best, distance = c, d
		}
	}
	return best, distance, distance >= 0
}

// Suggest returns the candidate close enough to got to be what was meant: within two edits,
// or three for words longer than eight characters.
func Suggest(got string, candidates []string) (string, bool) {
	best, d, ok := closest(got, candidates)
	limit := 2
	if len([]rune(got)) > 8 {
		limit = 3
	}
	return best, ok && d <= limit
}
