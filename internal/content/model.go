// Package content loads the site's content from an fs.FS into one immutable *Site value: the
// aspect vocabulary, subjects with a value for every aspect, digested source documents,
// articles, the editorial choices of site.yaml, and every claim a document makes in a feature
// table, with its provenance. Loading validates everything and reports every problem as
// path:line: message. The package also owns the URL scheme (paths.go) and the questions
// pages ask of the content (queries.go). Nothing in it knows about HTTP or HTML templates.
package content

import (
	"html/template"
	"strings"
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
	Articles []*Article // newest first; drafts only when loaded with Options.Drafts
	Tags     []*Tag     // sorted by slug; only tags of published articles
	Editorial

	aspectByID    map[string]*Aspect
	aspectByName  map[string]*Aspect // id, label and aliases, normalised
	subjectBySlug map[string]*Subject
	subjectByName map[string]*Subject // name, slug and aliases, normalised
	sourceBySlug  map[string]*Source
	articleBySlug map[string]*Article
	tagBySlug     map[string]*Tag
	changes       []*Change // newest first
}

// Editorial holds the choices site.yaml makes for the whole site.
type Editorial struct {
	Featured       []Comparison // the comparisons the home page leads with
	ShareAspects   []*Aspect    // the rows a comparison's share image shows
	SearchExamples []string     // queries offered on the empty search page
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
	Scale       *Scale // nil for an aspect only prose can describe
}

// Scale is the closed list of levels a cell of an aspect can take. The levels of an ordered
// scale run from the most (or best) to the least; a category scale has no order.
type Scale struct {
	ID      string
	Label   string
	Ordered bool
	Levels  []*Level // Unknown is not among them, though every scale allows it
}

// Level is one step of a scale.
type Level struct {
	ID      string
	Label   string
	Means   string // one sentence
	Qualify bool   // the level needs a note saying how: "via an add-on", "partly"
	Rank    int    // position on the scale, 0 first; -1 for Unknown
	Scale   *Scale // nil for Unknown
}

// Unknown is the level of a cell whose level is not established yet; its note says what is
// missing. Every scale allows it and it is never compared or scored.
var Unknown = &Level{ID: "unknown", Label: "Unknown", Means: "Not established yet; the note says what is missing.", Rank: -1}

// Glyph is the level's mark beside its label: on an ordered scale a meter of filled and empty
// dots for its place, on a category scale none. It is never the only sign of a level.
func (l *Level) Glyph() string {
	if l == Unknown {
		return "?"
	}
	if l.Scale == nil || !l.Scale.Ordered {
		return ""
	}
	n := len(l.Scale.Levels) - 1
	return strings.Repeat("●", n-l.Rank) + strings.Repeat("○", l.Rank)
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

// kindByID returns the kind with the given id.
func kindByID(id string) (Kind, bool) {
	for _, k := range Kinds {
		if k.ID == id {
			return k, true
		}
	}
	return Kind{}, false
}

// Document is what every Markdown file has in common: where it came from and its body.
type Document struct {
	File        string // path inside the content FS, e.g. "sources/stack-matchup.md"
	Slug        string
	Title       string
	Description string
	TOC         []markdown.Heading
	IDs         []string // heading ids, for #fragment checks
	Words       int
	Claims      []*Claim // claims this document makes in its feature tables
	Updated     Date     // when we last revised it (front matter "updated")

	body *lazyBody
}

// lazyBody renders a body once, when first asked for. Loading validates everything but leaves
// rendering (mostly code highlighting) to the first request, or to RenderAll in check and
// build, so the server is ready sooner; the result never changes once computed.
type lazyBody struct {
	source []byte // the Markdown body
	line   int    // file line of the body's first line
	render func([]byte) (*markdown.Document, error)

	once sync.Once
	html template.HTML
	err  error
}

// Body is the document's body as HTML, produced by internal/markdown and so trusted. The error
// is a problem at the document's path and line.
func (d *Document) Body() (template.HTML, error) {
	b := d.body
	b.once.Do(func() {
		doc, err := b.render(b.source)
		if err != nil {
			b.err = renderProblem(d.File, b.line, err)
			return
		}
		b.html = template.HTML(doc.HTML) //nolint:gosec // produced by internal/markdown, which drops raw HTML
	})
	return b.html, b.err
}

// ReadingMinutes is the estimated reading time at 220 words a minute, at least one.
func (d *Document) ReadingMinutes() int { return max(1, (d.Words+219)/220) }

// Subject is a technology the site compares.
type Subject struct {
	Document
	Name     string
	Aliases  []string
	Kind     Kind
	Language string
	Website  string
	Values   map[string]*Value // by aspect id; complete for every aspect
	Choose   []ChooseLine      // editorial "choose this if …" lines
	Releases []Release         // the release lines we check against, newest first; at least one
}

// ChooseLine is an editorial reason to choose a subject, "you want an admin site in the box",
// with the aspects whose levels justify it. A comparison shows it when those levels set the
// subject apart.
type ChooseLine struct {
	Text    string
	Aspects []*Aspect
}

// Value is our value for one subject and one aspect.
type Value struct {
	Text     string
	Level    *Level        // nil when the aspect has no scale
	Note     string        // Markdown source
	NoteHTML template.HTML // the note rendered inline by internal/markdown
	// ShortNote is the note's first sentence, rendered inline: what a matrix cell shows when
	// its level needs explaining.
	ShortNote template.HTML
	Refs      []Ref
	AsOf      string
	Release   *Release  // the release line AsOf names; nil when AsOf is a date
	History   []*Change // every change of value or level, oldest first
	Disputed  string    // why sources disagree, in Markdown; empty when they do not
	// DisputedHTML is Disputed rendered inline by internal/markdown.
	DisputedHTML template.HTML
	Claims       []*Claim  // what source documents claim on this aspect for this subject
	Agreement    Agreement // how far the sources that make those claims agree with us
}

// NeedsNote reports whether the value's level needs its note beside it: it qualifies, or it is
// unknown.
func (v *Value) NeedsNote() bool { return v.Level != nil && (v.Level.Qualify || v.Level == Unknown) }

// Agreement counts the sources that make claims on one cell: those whose every claim agrees
// with our value, and those with at least one claim that differs.
type Agreement struct {
	Agree, Differ int
}

// Sources is how many sources make claims on the cell.
func (a Agreement) Sources() int { return a.Agree + a.Differ }

// agreement counts the sources of claims by stance.
func agreement(claims []*Claim) Agreement {
	differs := map[*Source]bool{}
	for _, c := range claims {
		differs[c.Source] = differs[c.Source] || c.Stance == Differs
	}
	var a Agreement
	for _, d := range differs {
		if d {
			a.Differ++
		} else {
			a.Agree++
		}
	}
	return a
}

// RefsBesideClaims are the references to show with a value that lists its claims: the
// documentation, and a source only when none of the claims already comes from it.
func (v *Value) RefsBesideClaims() []Ref {
	claimed := map[*Source]bool{}
	for _, c := range v.Claims {
		claimed[c.Source] = true
	}
	var out []Ref
	for _, r := range v.Refs {
		if r.Source == nil || !claimed[r.Source] {
			out = append(out, r)
		}
	}
	return out
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

// Byline is the source's author, publisher and date, as far as they are known.
func (s *Source) Byline() string {
	var parts []string
	for _, p := range []string{s.Author, s.Publisher, s.Date.String()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Citation is how the site names a source: its title in quotes, then its byline.
func (s *Source) Citation() string {
	c := "“" + s.Title + "”"
	if b := s.Byline(); b != "" {
		c += ", " + b
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
	Articles []*Article // published articles, newest first
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
	Stance  Stance
}

// Stance is how a claim stands against our value for its cell.
type Stance string

// The stances a claim can take; a source's claims must each have one.
const (
	NoStance Stance = ""
	Agrees   Stance = "agrees"
	Differs  Stance = "differs"
)

// Date is a calendar date that may be known only to the year or month.
type Date struct {
	Time      time.Time
	Precision int // 0 unknown, 1 year, 2 month, 3 day
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == 0 }

func (d Date) String() string { return d.format("2006", "January 2006", "2 January 2006") }

// ISO returns the date in ISO 8601 form, to the precision known.
func (d Date) ISO() string { return d.format("2006", "2006-01", "2006-01-02") }

func (d Date) format(year, month, day string) string {
	switch d.Precision {
	case 1:
		return d.Time.Format(year)
	case 2:
		return d.Time.Format(month)
	case 3:
		return d.Time.Format(day)
	}
	return ""
}
