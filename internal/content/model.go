// Package content loads the site's content from an fs.FS into one immutable *Site value: the
// aspect vocabulary, subjects with a value for every aspect, digested source documents,
// articles, and every claim a document makes in a feature table, with its provenance.
// Loading validates everything and reports every problem as path:line: message. Nothing in
// this package knows about HTTP or HTML templates.
package content

import (
	"html/template"
	"sync"
	"time"

	"github.com/versus-dev/versus/internal/markdown"
)

// Site is the whole loaded content. It is never modified after LoadSite returns.
type Site struct {
	Groups   []*Group
	Aspects  []*Aspect
	Subjects []*Subject // sorted by name
	Sources  []*Source  // sorted by title
	Articles []*Article // newest first; drafts included, see Article.Draft
	Tags     []*Tag     // sorted by name; only published articles count

	aspectByID   map[string]*Aspect
	aspectByName map[string]*Aspect // id, label and aliases, lowercased
	subjectBySlg map[string]*Subject
	subjectByNm  map[string]*Subject // name and aliases, lowercased
	sourceBySlug map[string]*Source
	articleBySlg map[string]*Article
	tagBySlug    map[string]*Tag
}

// Group is a named set of aspects shown together.
type Group struct {
	ID          string
	Label       string
	Description string
	Aspects     []*Aspect
}

// Aspect is one row of the comparison matrix: something every subject has a value for.
type Aspect struct {
	ID          string
	Label       string
	Group       *Group
	Description string
	Aliases     []string
}

// Kind is the sort of technology a subject is; the site teaches the difference.
type Kind struct {
	ID          string
	Label       string
	Description string
}

// Kinds lists the kinds a subject can be, from least to most included.
var Kinds = []Kind{
	{"runtime", "Runtime", "Executes a language outside the browser. You add a framework or write the server yourself."},
	{"minimal-framework", "Minimal framework", "Routing and middleware, little else: you choose the database layer, validation and the rest."},
	{"api-framework", "API framework", "Structured for building APIs, with validation and documentation built in."},
	{"full-stack-framework", "Full-stack framework", "ORM, authentication, templates and generators in the box."},
}

// KindByID returns the kind with the given id.
func KindByID(id string) (Kind, bool) {
	for _, k := range Kinds {
		if k.ID == id {
			return k, true
		}
	}
	return Kind{}, false
}

// Document is what every Markdown file has in common: where it came from and its rendered body.
type Document struct {
	Path        string // path inside the content FS, e.g. "sources/stack-matchup.md"
	Slug        string
	Title       string
	Description string
	TOC         []markdown.Heading
	IDs         []string // heading ids, for #fragment checks
	Words       int
	Claims      []*Claim // claims this document makes in its feature tables
	Updated     Date     // when we last revised it (front matter "updated")

	source []byte // the Markdown body, rendered on first use
	body   *lazyHTML
}

// lazyHTML renders a body once, when first asked for. Loading validates everything but leaves
// rendering (mostly code highlighting) to the first request or to the static export, so the
// server is ready sooner; the value never changes once computed.
type lazyHTML struct {
	once sync.Once
	html template.HTML
}

// Body is the document's body as HTML, produced by internal/markdown and so trusted.
func (d *Document) Body() template.HTML {
	d.body.once.Do(func() {
		doc, err := markdown.Render(d.source)
		if err != nil {
			// The loader parsed this source without error; only highlighting can fail here.
			d.body.html = template.HTML("<pre>" + template.HTMLEscapeString(string(d.source)) + "</pre>") //nolint:gosec // escaped
			return
		}
		d.body.html = template.HTML(doc.HTML) //nolint:gosec // produced by internal/markdown, which drops raw HTML
	})
	return d.body.html
}

// ReadingMinutes is the estimated reading time at 220 words a minute, at least one.
func (d *Document) ReadingMinutes() int {
	m := (d.Words + 219) / 220
	if m < 1 {
		return 1
	}
	return m
}

// Subject is a technology the site compares.
type Subject struct {
	Document
	Name     string
	Aliases  []string
	Kind     Kind
	Language string
	Website  string
	Values   map[string]*Value // by aspect id; complete for every aspect
}

// Value is our value for one subject and one aspect.
type Value struct {
	Text     string
	Note     string        // Markdown source
	NoteHTML template.HTML // the note rendered inline by internal/markdown
	Refs     []Ref
	AsOf     string
	Disputed string // why sources disagree, in Markdown; empty when they do not
	// DisputedHTML is Disputed rendered inline by internal/markdown.
	DisputedHTML template.HTML
	Line         int      // line of the aspect's key in the subject file
	Claims       []*Claim // what source documents claim on this aspect for this subject
}

// Ref is a reference backing a value: an external URL with a title, or a source document.
type Ref struct {
	Title  string
	URL    string
	Source *Source // set for references to a source document
}

// Source is an external comparison document, digested in our own words.
type Source struct {
	Document
	Author    string
	Publisher string
	Date      Date
	URL       string
}

// Citation is how the site names a source: title, author and publisher.
func (s *Source) Citation() string {
	c := "“" + s.Title + "”"
	if s.Author != "" {
		c += ", " + s.Author
	}
	if s.Publisher != "" {
		c += ", " + s.Publisher
	}
	if !s.Date.IsZero() {
		c += ", " + s.Date.String()
	}
	return c
}

// Article is one of our own articles.
type Article struct {
	Document
	Date     Date
	Tags     []*Tag
	Subjects []*Subject
	Sources  []*Source // sources the article links to
	Draft    bool
}

// LastUpdated is the article's updated date, else its date.
func (a *Article) LastUpdated() Date {
	if !a.Updated.IsZero() {
		return a.Updated
	}
	return a.Date
}

// Tag groups articles.
type Tag struct {
	Slug     string
	Name     string
	Articles []*Article
}

// Claim is one statement a document makes about one subject on one aspect, found in a
// feature table.
type Claim struct {
	Doc     *Document
	Source  *Source // set when the document is a source
	Article *Article
	Line    int
	Aspect  *Aspect
	Subject *Subject
	Text    string
}

// Date is a calendar date that may be known only to the year or month.
type Date struct {
	Time      time.Time
	Precision int // 0 unknown, 1 year, 2 month, 3 day
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == 0 }

func (d Date) String() string {
	switch d.Precision {
	case 1:
		return d.Time.Format("2006")
	case 2:
		return d.Time.Format("January 2006")
	case 3:
		return d.Time.Format("2 January 2006")
	}
	return ""
}

// ISO returns the date in ISO 8601 form, to the precision known.
func (d Date) ISO() string {
	switch d.Precision {
	case 1:
		return d.Time.Format("2006")
	case 2:
		return d.Time.Format("2006-01")
	case 3:
		return d.Time.Format("2006-01-02")
	}
	return ""
}
