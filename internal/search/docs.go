package search

import (
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
func entries(site *content.Site) ([]entry, error) {
	var out []entry
	for _, a := range site.Published() {
		var tags []string
		for _, t := range a.Tags {
			tags = append(tags, t.Name)
		}
		body, err := a.Body()
		if err != nil {
			return nil, err
		}
		out = append(out, entry{kind: KindArticle, url: a.Path(), title: a.Title,
			keywords: strings.Join(tags, " "), detail: a.Date.String(),
			desc: oneLine(a.Description), body: plainText(body)})
	}
	for _, s := range site.Sources {
		body, err := s.Body()
		if err != nil {
			return nil, err
		}
		out = append(out, entry{kind: KindSource, url: s.Path(), title: s.Title,
			about: s.Author + " " + s.Publisher, detail: s.Byline(),
			desc: oneLine(s.Description), body: plainText(body)})
	}
	for _, s := range site.Subjects {
		body, err := subjectText(site, s)
		if err != nil {
			return nil, err
		}
		out = append(out, entry{kind: KindSubject, url: s.Path(), title: s.Name,
			keywords: strings.Join(append([]string{s.Slug, strings.ReplaceAll(s.Slug, "-", "")}, s.Aliases...), " "),
			about:    s.Kind.Label + " " + s.Language, detail: s.Kind.Label + " · " + s.Language,
			desc: oneLine(s.Description), body: body})
	}
	pair := aspectPair(site)
	for _, a := range site.Aspects {
		e := entry{kind: KindAspect, url: content.PickerPath, title: a.Label,
			keywords: strings.Join(append([]string{a.ID}, a.Aliases...), " "), desc: oneLine(a.Description)}
		if a.Group != nil {
			e.about, e.detail = a.Group.Label, a.Group.Label
		}
		if pair != nil {
			e.url = pair.RowPath(a)
			e.detail = strings.TrimPrefix(e.detail+" · compared for "+pair.Title(), " · ")
		}
		out = append(out, e)
	}
	return out, nil
}

// subjectText is a subject's overview followed by its value for every aspect, so a search for
// what a technology offers ("channels", "eloquent") finds the technology.
func subjectText(site *content.Site, s *content.Subject) (string, error) {
	body, err := s.Body()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(plainText(body))
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
	return b.String(), nil
}

// oneLine collapses runs of white space, line breaks included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// aspectPair picks the comparison an aspect result links into: the pair of subjects that the
// most published articles discuss together (for the shipped content, Django and Node.js, the
// comparison the site grew from), else the first two subjects. Linking to a row of a real
// comparison shows the aspect's values side by side, which no other page does.
func aspectPair(site *content.Site) content.Comparison {
	count := map[string]int{}
	pairs := map[string]content.Comparison{}
	for _, a := range site.Published() {
		for _, c := range content.PairsAmong(a.Subjects, len(a.Subjects)*len(a.Subjects)) {
			c = c.Canonical()
			count[c.Name()]++
			pairs[c.Name()] = c
		}
	}
	var best string
	for name, n := range count {
		if n > count[best] || (n == count[best] && name < best) {
			best = name
		}
	}
	if c, ok := pairs[best]; ok {
		return c
	}
	if len(site.Subjects) < 2 {
		return nil
	}
	return content.Comparison(site.Subjects[:2]).Canonical()
}
