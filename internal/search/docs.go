package search

import (
	"sort"
	"strings"

	"github.com/versus-dev/versus/internal/content"
)

// Kind is the sort of page a result links to.
type Kind string

// The kinds of result, as shown to readers.
const (
	KindArticle Kind = "Article"
	KindSource  Kind = "Source"
	KindSubject Kind = "Subject"
	KindAspect  Kind = "Aspect"
)

// entry is one searchable page: what the index matches on and what a result shows.
type entry struct {
	kind     Kind
	url      string
	title    string
	keywords string // other names: aliases, slugs, tags; matched almost like the title
	about    string // matched like the description, never shown in a snippet: language, group…
	detail   string // the line under a result: kind of subject, date, byline, group
	desc     string
	body     string
}

// entries lists every page worth finding: published articles, sources, subjects and aspects.
func entries(site *content.Site) []entry {
	var out []entry
	for _, a := range site.Published() {
		var tags []string
		for _, t := range a.Tags {
			tags = append(tags, t.Name)
		}
		out = append(out, entry{kind: KindArticle, url: "/articles/" + a.Slug, title: a.Title,
			keywords: strings.Join(tags, " "), detail: a.Date.String(),
			desc: oneLine(a.Description), body: plainText(a.Body())})
	}
	for _, s := range site.Sources {
		out = append(out, entry{kind: KindSource, url: "/sources/" + s.Slug, title: s.Title,
			about: s.Author + " " + s.Publisher, detail: byline(s),
			desc: oneLine(s.Description), body: plainText(s.Body())})
	}
	for _, s := range site.Subjects {
		out = append(out, entry{kind: KindSubject, url: "/subjects/" + s.Slug, title: s.Name,
			keywords: strings.Join(append([]string{s.Slug, strings.ReplaceAll(s.Slug, "-", "")}, s.Aliases...), " "),
			about:    s.Kind.Label + " " + s.Language, detail: s.Kind.Label + " · " + s.Language,
			desc: oneLine(s.Description), body: subjectText(site, s)})
	}
	pair, pairName := aspectPair(site)
	for _, a := range site.Aspects {
		e := entry{kind: KindAspect, url: aspectURL(pair, a), title: a.Label,
			keywords: strings.Join(append([]string{a.ID}, a.Aliases...), " "), desc: oneLine(a.Description)}
		if a.Group != nil {
			e.about, e.detail = a.Group.Label, a.Group.Label
		}
		if pairName != "" {
			e.detail = strings.TrimPrefix(e.detail+" · compared for "+pairName, " · ")
		}
		out = append(out, e)
	}
	return out
}

// subjectText is a subject's overview followed by its value for every aspect, so a search for
// what a technology offers ("channels", "eloquent") finds the technology.
func subjectText(site *content.Site, s *content.Subject) string {
	var b strings.Builder
	b.WriteString(plainText(s.Body()))
	for _, a := range site.Aspects {
		v := s.Values[a.ID]
		if v == nil {
			continue
		}
		b.WriteString(" " + a.Label + ": " + v.Text + ".")
		if note := plainText(v.NoteHTML); note != "" {
			b.WriteString(" " + note)
		}
	}
	return b.String()
}

// oneLine collapses runs of white space, line breaks included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func byline(s *content.Source) string {
	parts := []string{}
	for _, p := range []string{s.Author, s.Publisher, s.Date.String()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// aspectPair picks the comparison an aspect result links into: the pair of subjects that the
// most published articles discuss together (for the shipped content, Django and Node.js, the
// comparison the site grew from), else the first two subjects. Linking to a row of a real
// comparison shows the aspect's values side by side, which no other page does.
func aspectPair(site *content.Site) (slugs []string, label string) {
	count := map[string]int{}
	pairs := map[string][]*content.Subject{}
	for _, a := range site.Published() {
		for i, x := range a.Subjects {
			for _, y := range a.Subjects[i+1:] {
				name := content.CanonicalName([]string{x.Slug, y.Slug})
				count[name]++
				pairs[name] = []*content.Subject{x, y}
			}
		}
	}
	var best string
	for name, n := range count {
		if n > count[best] || (n == count[best] && name < best) {
			best = name
		}
	}
	subs := pairs[best]
	if subs == nil {
		if len(site.Subjects) < 2 {
			return nil, ""
		}
		subs = site.Subjects[:2]
	}
	subs = append([]*content.Subject(nil), subs...)
	sort.Slice(subs, func(i, j int) bool { return subs[i].Slug < subs[j].Slug })
	return []string{subs[0].Slug, subs[1].Slug}, subs[0].Name + " vs " + subs[1].Name
}

// aspectURL links an aspect to its row in the chosen comparison, or to the comparison picker
// when the site has fewer than two subjects.
func aspectURL(pair []string, a *content.Aspect) string {
	if pair == nil {
		return "/compare"
	}
	return "/compare/" + content.CanonicalName(pair) + "#" + a.ID
}
