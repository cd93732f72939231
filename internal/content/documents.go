package content

import (
	"strings"

	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
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
		if doc == nil {
			continue
		}
		l.require(p, 2, "title", fm.Title)
		l.require(p, node.KeyLine("publisher", 2), "publisher", fm.Publisher)
		if fm.URL != "" && !isAbsURL(fm.URL) {
			l.probs.Add(p, node.KeyLine("url", 2), problem.Type, "url must be an absolute http(s) URL, got %q", fm.URL)
		}
		doc.Title, doc.Description = fm.Title, fm.Description
		doc.Updated = l.date(p, node, "updated", fm.Updated)
		l.checkSummary(p, doc.body)
		s := &Source{Document: *doc, Author: fm.Author, Publisher: fm.Publisher, URL: fm.URL,
			Date: l.date(p, node, "date", fm.Date)}
		l.adopt(&s.Document, s, nil)
		l.site.sourceBySlug[s.Slug] = s
		l.site.Sources = append(l.site.Sources, s)
	}
}

func (l *loader) loadArticles() {
	subjectSlugs := make([]string, len(l.site.Subjects))
	for i, s := range l.site.Subjects {
		subjectSlugs[i] = s.Slug
	}
	paths := l.readDir("articles")
	l.prefetch(paths)
	for _, p := range paths {
		var fm articleYAML
		doc, node, _ := l.readDocument(p, &fm)
		if doc == nil {
			continue
		}
		l.require(p, 2, "title", fm.Title)
		doc.Title, doc.Description = fm.Title, fm.Description
		doc.Updated = l.date(p, node, "updated", fm.Updated)
		a := &Article{Document: *doc, Draft: fm.Draft, Date: l.date(p, node, "date", fm.Date)}
		if !a.Date.IsZero() && a.Date.Time.After(l.opts.Now) {
			a.Draft = true // scheduled: hidden until its date
		}
		if !a.Updated.IsZero() && !a.Date.IsZero() && a.Updated.Time.Before(a.Date.Time) {
			l.probs.Add(p, node.KeyLine("updated", 2), problem.Date, "updated (%s) is before date (%s)", a.Updated.ISO(), a.Date.ISO())
		}
		subjNode := node.Key("subjects")
		for i, slug := range fm.Subjects {
			s, ok := l.site.subjectBySlug[slug]
			if !ok {
				l.probs.Add(p, subjNode.ItemLine(i, 2), problem.Reference, "unknown subject %q%s", slug, problem.DidYouMean(slug, subjectSlugs))
				continue
			}
			a.Subjects = append(a.Subjects, s)
		}
		for _, name := range fm.Tags {
			slug := markdown.Slug(name)
			t := l.site.tagBySlug[slug]
			if t == nil {
				t = &Tag{Slug: slug, Name: strings.TrimSpace(name)}
				l.site.tagBySlug[slug] = t
			}
			a.Tags = append(a.Tags, t)
		}
		l.adopt(&a.Document, nil, a)
		if a.Draft && !l.opts.Drafts {
			continue
		}
		l.site.articleBySlug[a.Slug] = a
		l.site.Articles = append(l.site.Articles, a)
	}
}

// minSummaryWords is the least a source's summary says: a sentence on what the document is
// and one on how it stands.
const minSummaryWords = 12

// checkSummary requires a source's "## Summary" section, written by us: it is what tells a
// reader what the document is and how far to trust it. HTML comments (an import's prompts)
// do not count.
func (l *loader) checkSummary(p string, body *lazyBody) {
	lines := strings.Split(string(body.source), "\n")
	at := -1
	for i, ln := range lines {
		if strings.EqualFold(strings.TrimSpace(ln), "## Summary") {
			at = i
			break
		}
	}
	if at < 0 {
		l.probs.Add(p, body.line, problem.Missing, "a source needs a \"## Summary\" section: what the document is, who wrote it, what it gets right and wrong, in our words")
		return
	}
	var text strings.Builder
	for _, ln := range lines[at+1:] {
		if strings.HasPrefix(ln, "#") {
			break
		}
		text.WriteString(ln + "\n")
	}
	words := len(strings.Fields(stripComments(text.String())))
	if words < minSummaryWords {
		l.probs.Add(p, body.line+at, problem.Empty, "the summary has %d words: write what the document is, who wrote it, and what it gets right and wrong (at least %d words)", words, minSummaryWords)
	}
}

// stripComments removes HTML comments from Markdown text.
func stripComments(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "-->")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+3:]
	}
}
