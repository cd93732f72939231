package content

import (
	"sort"
	"strings"
	"time"
)

// Aspect returns the aspect with the given id.
func (s *Site) Aspect(id string) (*Aspect, bool) { a, ok := s.aspectByID[id]; return a, ok }

// AspectByName finds an aspect by id, label or alias, ignoring case.
func (s *Site) AspectByName(name string) (*Aspect, bool) {
	a, ok := s.aspectByName[normName(name)]
	return a, ok
}

// Group returns the aspect group with the given id.
func (s *Site) Group(id string) (*Group, bool) {
	for _, g := range s.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return nil, false
}

// Subject returns the subject with the given slug.
func (s *Site) Subject(slug string) (*Subject, bool) { x, ok := s.subjectBySlg[slug]; return x, ok }

// SubjectByName finds a subject by name or alias, ignoring case.
func (s *Site) SubjectByName(name string) (*Subject, bool) {
	x, ok := s.subjectByNm[normName(name)]
	return x, ok
}

// Source returns the source with the given slug.
func (s *Site) Source(slug string) (*Source, bool) { x, ok := s.sourceBySlug[slug]; return x, ok }

// Article returns the article with the given slug, drafts included.
func (s *Site) Article(slug string) (*Article, bool) { x, ok := s.articleBySlg[slug]; return x, ok }

// Tag returns the tag with the given slug.
func (s *Site) Tag(slug string) (*Tag, bool) { x, ok := s.tagBySlug[slug]; return x, ok }

// Published returns the articles that are not drafts, newest first.
func (s *Site) Published() []*Article {
	var out []*Article
	for _, a := range s.Articles {
		if !a.Draft {
			out = append(out, a)
		}
	}
	return out
}

// ArticlesAbout returns the published articles that discuss every one of the given subjects
// (any of them when all is false), newest first.
func (s *Site) ArticlesAbout(subjects []*Subject, all bool) []*Article {
	var out []*Article
	for _, a := range s.Published() {
		n := 0
		for _, want := range subjects {
			for _, have := range a.Subjects {
				if have == want {
					n++
					break
				}
			}
		}
		if (all && n == len(subjects)) || (!all && n > 0) {
			out = append(out, a)
		}
	}
	return out
}

// SuggestSubjects returns up to n subjects whose slug or name is closest to the given text,
// for "did you mean" on a 404.
func (s *Site) SuggestSubjects(text string, n int) []*Subject {
	type scored struct {
		s *Subject
		d int
	}
	text = strings.ToLower(text)
	var all []scored
	for _, sub := range s.Subjects {
		d := levenshtein(text, sub.Slug)
		if dn := levenshtein(text, strings.ToLower(sub.Name)); dn < d {
			d = dn
		}
		if strings.HasPrefix(sub.Slug, text) || strings.HasPrefix(text, sub.Slug) {
			d = 0
		}
		all = append(all, scored{sub, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []*Subject
	for _, x := range all {
		if len(out) == n {
			break
		}
		out = append(out, x.s)
	}
	return out
}

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// levenshtein is the edit distance between a and b, by runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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

// LastUpdated is the newest date among published articles: the date the site last changed.
func (s *Site) LastUpdated() time.Time {
	newest := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range s.Published() {
		if u := a.LastUpdated(); !u.IsZero() && u.Time.After(newest) {
			newest = u.Time
		}
	}
	return newest
}
