package content

import (
	"strings"
)

type sourceYAML struct {
	Title       string `yaml:"title"`
	Author      string `yaml:"author"`
	Publisher   string `yaml:"publisher"`
	Date        string `yaml:"date"`
	URL         string `yaml:"url"`
	Description string `yaml:"description"`
	Updated     string `yaml:"updated"`
}

type articleYAML struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Date        string   `yaml:"date"`
	Updated     string   `yaml:"updated"`
	Tags        []string `yaml:"tags"`
	Subjects    []string `yaml:"subjects"`
	Draft       bool     `yaml:"draft"`
}

func (l *loader) loadSources() {
	for _, p := range l.readDir("sources") {
		var fm sourceYAML
		doc, node, _ := l.readDocument(p, &fm)
		if doc == nil || node == nil {
			continue
		}
		lines := keyLines(node, 2)
		l.require(p, 2, "title", fm.Title)
		l.require(p, 2, "publisher", fm.Publisher)
		if fm.URL != "" && !isAbsURL(fm.URL) {
			l.probs.add(p, lines["url"], KindType, "url must be an absolute http(s) URL, got %q", fm.URL)
		}
		doc.Title, doc.Description = fm.Title, fm.Description
		doc.Updated = l.date(p, lines, "updated", fm.Updated)
		s := &Source{Document: *doc, Author: fm.Author, Publisher: fm.Publisher, URL: fm.URL,
			Date: l.date(p, lines, "date", fm.Date)}
		pd := l.lastPending()
		pd.doc, pd.source = &s.Document, s
		l.site.sourceBySlug[s.Slug] = s
		l.site.Sources = append(l.site.Sources, s)
	}
}

func (l *loader) loadArticles() {
	var subjectSlugs []string
	for _, s := range l.site.Subjects {
		subjectSlugs = append(subjectSlugs, s.Slug)
	}
	for _, p := range l.readDir("articles") {
		var fm articleYAML
		doc, node, _ := l.readDocument(p, &fm)
		if doc == nil || node == nil {
			continue
		}
		lines := keyLines(node, 2)
		l.require(p, 2, "title", fm.Title)
		doc.Title, doc.Description = fm.Title, fm.Description
		doc.Updated = l.date(p, lines, "updated", fm.Updated)
		a := &Article{Document: *doc, Draft: fm.Draft, Date: l.date(p, lines, "date", fm.Date)}
		if !a.Date.IsZero() && a.Date.Time.After(l.opts.Now) {
			a.Draft = true // scheduled: hidden until its date
		}
		if !a.Updated.IsZero() && !a.Date.IsZero() && a.Updated.Time.Before(a.Date.Time) {
			l.probs.add(p, lines["updated"], KindDate, "updated (%s) is before date (%s)", a.Updated.ISO(), a.Date.ISO())
		}
		subjNode := child(node, "subjects")
		for i, slug := range fm.Subjects {
			s, ok := l.site.subjectBySlg[slug]
			if !ok {
				l.probs.add(p, itemLine(subjNode, i, 2), KindReference, "unknown subject %q%s", slug, didYouMean(slug, subjectSlugs))
				continue
			}
			a.Subjects = append(a.Subjects, s)
		}
		for _, name := range fm.Tags {
			slug := tagSlug(name)
			t := l.site.tagBySlug[slug]
			if t == nil {
				t = &Tag{Slug: slug, Name: strings.TrimSpace(name)}
				l.site.tagBySlug[slug] = t
			}
			a.Tags = append(a.Tags, t)
		}
		pd := l.lastPending()
		pd.doc, pd.article = &a.Document, a
		if a.Draft && !l.opts.Drafts {
			continue
		}
		l.site.articleBySlg[a.Slug] = a
		l.site.Articles = append(l.site.Articles, a)
	}
}

// tagSlug turns a tag name into its URL slug.
func tagSlug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	return b.String()
}
