package content

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/versus-dev/versus/internal/spelling"
)

// Aspect returns the aspect with the given id.
func (s *Site) Aspect(id string) (*Aspect, bool) { a, ok := s.aspectByID[id]; return a, ok }

// aspectNamed finds an aspect by id, label or alias, ignoring case.
func (s *Site) aspectNamed(name string) (*Aspect, bool) {
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
func (s *Site) Subject(slug string) (*Subject, bool) { x, ok := s.subjectBySlug[slug]; return x, ok }

// subjectNamed finds a subject by name, slug or alias, ignoring case.
func (s *Site) subjectNamed(name string) (*Subject, bool) {
	x, ok := s.subjectByName[normName(name)]
	return x, ok
}

// Source returns the source with the given slug.
func (s *Site) Source(slug string) (*Source, bool) { x, ok := s.sourceBySlug[slug]; return x, ok }

// Article returns the article with the given slug; drafts only when they were loaded.
func (s *Site) Article(slug string) (*Article, bool) { x, ok := s.articleBySlug[slug]; return x, ok }

// Tag returns the tag with the given slug.
func (s *Site) Tag(slug string) (*Tag, bool) { x, ok := s.tagBySlug[slug]; return x, ok }

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

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

// ArticlesAbout returns the published articles that discuss any of the given subjects, newest
// first.
func (s *Site) ArticlesAbout(subjects ...*Subject) []*Article {
	var out []*Article
	for _, a := range s.Published() {
		for _, want := range subjects {
			if slices.Contains(a.Subjects, want) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// ReadingFor suggests up to n articles for a comparison: those about every compared subject
// first, then those about any of them, newest first within each.
func (s *Site) ReadingFor(c Comparison, n int) []*Article {
	var all, some []*Article
	for _, a := range s.ArticlesAbout(c...) {
		every := true
		for _, sub := range c {
			every = every && slices.Contains(a.Subjects, sub)
		}
		if every {
			all = append(all, a)
		} else {
			some = append(some, a)
		}
	}
	out := append(all, some...)
	return out[:min(n, len(out))]
}

// Neighbours are the articles published just before and after a, for "previous" and "next".
func (s *Site) Neighbours(a *Article) (older, newer *Article) {
	list := s.Published()
	i := slices.Index(list, a)
	if i < 0 {
		return nil, nil
	}
	if i > 0 {
		newer = list[i-1]
	}
	if i+1 < len(list) {
		older = list[i+1]
	}
	return older, newer
}

// suggestSubjects returns up to n subjects whose slug or name is closest to the given text,
// for "did you mean" on a 404.
func (s *Site) suggestSubjects(text string, n int) []*Subject {
	text = strings.ToLower(text)
	return topScored(s.Subjects, n, func(sub *Subject) int {
		if strings.HasPrefix(sub.Slug, text) || strings.HasPrefix(text, sub.Slug) {
			return 0
		}
		return -min(spelling.Distance(text, sub.Slug), spelling.Distance(text, sub.Name))
	})
}

// KindGroup is the subjects of one kind.
type KindGroup struct {
	Kind     Kind
	Subjects []*Subject
}

// KindGroups groups subjects by kind, in the order of Kinds, leaving out kinds without subjects.
func (s *Site) KindGroups() []KindGroup {
	var out []KindGroup
	for _, k := range Kinds {
		g := KindGroup{Kind: k}
		for _, sub := range s.Subjects {
			if sub.Kind.ID == k.ID {
				g.Subjects = append(g.Subjects, sub)
			}
		}
		if len(g.Subjects) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// peers returns the n subjects most like sub: same kind and language first, then the number of
// aspects on which their values agree.
func (s *Site) peers(sub *Subject, n int) []*Subject {
	var others []*Subject
	for _, o := range s.Subjects {
		if o != sub {
			others = append(others, o)
		}
	}
	return topScored(others, n, func(other *Subject) int {
		score := 0
		if other.Kind.ID == sub.Kind.ID {
			score += 10
		}
		if other.Language == sub.Language {
			score += 6
		}
		for id, v := range sub.Values {
			if ov := other.Values[id]; ov != nil && ov.Text == v.Text {
				score++
			}
		}
		return score
	})
}

// ComparisonsOf pairs sub with every other subject, closest peers first.
func (s *Site) ComparisonsOf(sub *Subject) []Comparison {
	var out []Comparison
	for _, p := range s.peers(sub, len(s.Subjects)) {
		out = append(out, Comparison{sub, p})
	}
	return out
}

// RelatedComparisons pairs each compared subject with its two closest peers not compared.
func (s *Site) RelatedComparisons(c Comparison) []Comparison {
	var out []Comparison
	for _, x := range c {
		n := 0
		for _, p := range s.peers(x, len(s.Subjects)) {
			if n == 2 {
				break
			}
			if !slices.Contains(c, p) {
				out = append(out, Comparison{x, p})
				n++
			}
		}
	}
	return out
}

// PairsAmong returns up to n two-subject comparisons among the given subjects, in order.
func PairsAmong(subs []*Subject, n int) []Comparison {
	var out []Comparison
	for i := range subs {
		for j := i + 1; j < len(subs) && len(out) < n; j++ {
			out = append(out, Comparison{subs[i], subs[j]})
		}
	}
	return out
}

// RelatedArticles returns up to n other published articles sharing the most subjects and tags
// with a: 2 points a subject, 3 a tag.
func (s *Site) RelatedArticles(a *Article, n int) []*Article {
	relatedness := func(b *Article) int {
		score := 0
		for _, x := range b.Subjects {
			if slices.Contains(a.Subjects, x) {
				score += 2
			}
		}
		for _, x := range b.Tags {
			if slices.Contains(a.Tags, x) {
				score += 3
			}
		}
		return score
	}
	var candidates []*Article
	for _, other := range s.Published() {
		if other != a && relatedness(other) > 0 {
			candidates = append(candidates, other)
		}
	}
	return topScored(candidates, n, relatedness)
}

// CitedSources lists the sources a matrix shows claims from or cites, in first-seen order.
func (m *Matrix) CitedSources() []*Source {
	var out []*Source
	add := func(src *Source) {
		if src != nil && !slices.Contains(out, src) {
			out = append(out, src)
		}
	}
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			for _, v := range row.Values {
				for _, c := range v.Claims {
					add(c.Source)
				}
				for _, ref := range v.Refs {
					add(ref.Source)
				}
			}
		}
	}
	return out
}

// SubjectsClaimed lists the subjects a source makes claims about, in first-seen order, and the
// number of distinct aspects its claims cover.
func (src *Source) SubjectsClaimed() (subjects []*Subject, aspects int) {
	seen := map[*Aspect]bool{}
	for _, c := range src.Claims {
		if !slices.Contains(subjects, c.Subject) {
			subjects = append(subjects, c.Subject)
		}
		seen[c.Aspect] = true
	}
	return subjects, len(seen)
}

// Comparison is the comparison a source's page links to: the subjects it makes claims about,
// at most MaxCompared of them in first-seen order, canonical; nil when it covers fewer than two.
func (src *Source) Comparison() Comparison {
	subjects, _ := src.SubjectsClaimed()
	if len(subjects) < MinCompared {
		return nil
	}
	return Comparison(subjects[:min(MaxCompared, len(subjects))]).Canonical()
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

// LastRevised is the newest "updated" date among subjects.
func LastRevised(subjects []*Subject) Date {
	var d Date
	for _, sub := range subjects {
		if sub.Updated.Time.After(d.Time) {
			d = sub.Updated
		}
	}
	return d
}

// topScored returns the n items with the highest score, keeping the input order among equals.
func topScored[T any](items []T, n int, score func(T) int) []T {
	scores := make([]int, len(items))
	idx := make([]int, len(items))
	for i, it := range items {
		idx[i] = i
		scores[i] = score(it)
	}
	sort.SliceStable(idx, func(i, j int) bool { return scores[idx[i]] > scores[idx[j]] })
	out := make([]T, 0, min(n, len(items)))
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, items[i])
	}
	return out
}

// Gap is a cell that needs work: its level is unknown, or it was checked against an older
// release line than the subject's latest.
type Gap struct {
	Subject *Subject
	Aspect  *Aspect
	Value   *Value
	Unknown bool // the level is unknown
	Stale   bool // checked against an older release line
}

// Gaps lists the cells that need work, by subject, in aspect order.
func (s *Site) Gaps() []Gap {
	var out []Gap
	for _, sub := range s.Subjects {
		for _, a := range s.Aspects {
			v := sub.Values[a.ID]
			if g := (Gap{Subject: sub, Aspect: a, Value: v, Unknown: v.Level == Unknown, Stale: v.Stale(sub)}); g.Unknown || g.Stale {
				out = append(out, g)
			}
		}
	}
	return out
}
