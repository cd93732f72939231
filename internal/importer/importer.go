// Package importer turns a published comparison document, as HTML, Markdown or plain text,
// into a draft source digest for versus: the metadata it can find, an empty summary for the
// author, and the claims of every comparison table it can read (HTML tables, GFM tables, and
// tables flattened into text, with the cells run together or separated by spaces), each with
// the line it came from. It maps header cells to known subjects and row labels to aspects,
// splits flattened rows into cells with a confidence, and reports every row it could not map,
// every unknown subject and every split it is unsure of. It never writes text of its own into
// a claim: a long cell is flagged for rewording, and the draft fails `versus check` until the
// author has done it.
package importer

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/versus-dev/versus/internal/content"
)

// Format is what a document is written in.
type Format string

// The formats the importer reads.
const (
	HTML     Format = "html"
	Markdown Format = "markdown"
	Text     Format = "text"
)

// Document is an imported comparison document: what was found in it, and the report.
type Document struct {
	Name     string // the file, as given
	Format   Format
	Meta     Meta
	Tables   []*Table
	Findings []Finding
	mapper   *mapper
}

// Meta is the document's metadata, as far as the importer could find it.
type Meta struct {
	Title     string    `json:"title"`
	Author    string    `json:"author,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Date      string    `json:"date,omitempty"`
	URL       string    `json:"url,omitempty"`
	notes     []Finding // how a guessed field was found, for the report
}

// Table is one comparison table: the subjects of its columns and its rows.
type Table struct {
	Line     int
	Kind     string     // "HTML table", "GFM table", "flattened rows"
	Subjects []*Subject // one per claim column, nil where the header names no known subject
	Headers  []string   // the header cells of the claim columns, as written
	Label    string     // the header of the row-label column, as written
	Rows     []*Row
	// Shifted is set when the header row was one cell short of its rows, with the subjects
	// over the wrong columns ("| Django | FastAPI | |"); it was read one cell to the right.
	Shifted bool
	// Unlabelled is set when the table has no row-label column: every column is a subject.
	Unlabelled bool
}

// table makes a Table of a header row and body rows when the header names subjects: two or
// more claim columns, at least one of them a subject we know. Otherwise it returns nil: the
// table is an ordinary one.
func (m *mapper) table(kind string, line int, header []string, rows [][]string, nums []int) *Table {
	if len(header) < 2 {
		return nil
	}
	t := &Table{Line: line, Kind: kind, Label: header[0], Headers: header[1:]}
	first := 1 // the column of the first claim in a body row
	if m.subjectOf(header[0]) != nil {
		if len(header) >= 3 && header[len(header)-1] == "" {
			t.Shifted, t.Label, t.Headers = true, "", header[:len(header)-1]
		} else {
			t.Unlabelled, t.Label, t.Headers, first = true, "", header, 0
		}
	}
	if len(t.Headers) < 2 {
		return nil
	}
	known := 0
	for _, h := range t.Headers {
		s := m.subjectOf(h)
		t.Subjects = append(t.Subjects, s)
		if s != nil {
			known++
		}
	}
	if known == 0 {
		return nil
	}
	for i, cells := range rows {
		r := &Row{Line: nums[i], Confidence: 1, Cells: make([]string, len(t.Headers))}
		if first == 1 && len(cells) > 0 {
			r.Label = cells[0]
			r.Aspect, r.Match = m.aspectOf(r.Label)
		}
		claims := cells[min(first, len(cells)):]
		copy(r.Cells, claims)
		if len(claims) != len(t.Headers) {
			r.Confidence = 0.5 // more or fewer cells than the header: a column may be out of place
		}
		if strings.Join(claims, "") == "" && r.Label != "" {
			continue // a section row ("**Runtime**") with no claims
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// Subject is a column's subject: one of the site's.
type Subject = content.Subject

// Row is one table row: the aspect its label names, its cells, and how sure the split is.
type Row struct {
	Line       int
	Label      string          // the row's first cell, as written
	Aspect     *content.Aspect // nil when no aspect matches
	Match      float64         // how closely the label matches the aspect: 1 for a name, less for a close spelling
	Cells      []string        // one per claim column
	Confidence float64         // how sure the importer is of the split into cells: 1 when the source separated them
}

// Finding is one thing the importer reports about a document, at a line of it.
type Finding struct {
	Line    int    `json:"line"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// The kinds of finding.
const (
	FoundTable      = "table"
	UnmappedRow     = "unmapped-row"
	UnknownSubject  = "unknown-subject"
	LowConfidence   = "low-confidence"
	LongCell        = "long-cell"
	NoTable         = "no-table"
	MissingMetadata = "missing-metadata"
	GuessedMetadata = "guessed-metadata"
	ShiftedHeader   = "shifted-header"
	NoRowLabels     = "no-row-labels"
)

// Thresholds the importer works by; docs/AUTHORING.md states them to authors.
const (
	// MinAspectMatch is how close a row label must be to an aspect's id, label or alias, as
	// 1 − edit distance ÷ length, to map to it.
	MinAspectMatch = 0.8
	// MinConfidence is the split confidence below which a row is reported for checking.
	MinConfidence = 0.7
	// MaxClaimWords is the longest cell kept as it is; a longer one is flagged for rewording.
	MaxClaimWords = 12
)

// Import reads one document. The site gives the subjects and aspects to map to.
func Import(site *content.Site, name string, data []byte) *Document {
	d := &Document{Name: name, Format: detect(name, data)}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	m := &mapper{site: site}
	d.mapper = m
	switch d.Format {
	case HTML:
		d.Meta, d.Tables = readHTML(m, data)
	case Markdown:
		d.Meta, d.Tables = readMarkdown(m, data)
	default:
		d.Meta, d.Tables = readText(m, data)
	}
	d.report()
	return d
}

// detect tells a document's format by its name, then by its first bytes.
func detect(name string, data []byte) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".md", ".markdown":
		return Markdown
	case ".txt", ".text":
		return Text
	}
	head := strings.ToLower(strings.TrimSpace(string(data[:min(len(data), 512)])))
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<table") {
		return HTML
	}
	if strings.HasPrefix(head, "---\n") || strings.HasPrefix(head, "# ") {
		return Markdown
	}
	return Text
}

// report lists what an author must look at: tables found, rows not mapped, unknown subjects,
// unsure splits, long cells, missing metadata.
func (d *Document) report() {
	add := func(line int, kind, format string, args ...any) {
		d.Findings = append(d.Findings, Finding{Line: line, Kind: kind, Message: sprintf(format, args...)})
	}
	d.Findings = append(d.Findings, d.Meta.notes...)
	if len(d.Tables) == 0 {
		add(1, NoTable, "no comparison table found: a table needs a header row naming two or more known subjects; write the claims table by hand")
	}
	for _, t := range d.Tables {
		var names []string
		for _, s := range t.Subjects {
			if s != nil {
				names = append(names, s.Name)
			}
		}
		mapped := 0
		for _, r := range t.Rows {
			if r.Aspect != nil {
				mapped++
			}
		}
		add(t.Line, FoundTable, "%s of %d rows comparing %s; %d mapped to aspects", t.Kind, len(t.Rows), strings.Join(names, ", "), mapped)
		for i, s := range t.Subjects {
			if s == nil {
				add(t.Line, UnknownSubject, "column %q names no subject we know; its cells are left out", t.Headers[i])
			}
		}
		if t.Shifted {
			add(t.Line, ShiftedHeader, "the header row has its subjects one cell to the left of their columns; read as %q", strings.Join(t.Headers, " | "))
		}
		if t.Unlabelled {
			add(t.Line, NoRowLabels, "the table has no column of row labels: give each row its aspect by hand")
		}
		for _, r := range t.Rows {
			switch {
			case r.Aspect == nil:
				add(r.Line, UnmappedRow, "row %q matches no aspect; map it by hand or leave it out", shorten(r.Label, 60))
			case r.Match < 1:
				add(r.Line, LowConfidence, "row %q taken as aspect %q (a close spelling, %.2f)", shorten(r.Label, 60), r.Aspect.ID, r.Match)
			}
			if r.Confidence < MinConfidence {
				add(r.Line, LowConfidence, "row %q split into cells with confidence %.2f: check where one subject's cell ends", shorten(r.Label, 60), r.Confidence)
			}
			for i, c := range r.Cells {
				if i < len(t.Subjects) && t.Subjects[i] != nil && words(c) > MaxClaimWords {
					add(r.Line, LongCell, "cell %q has %d words: reword it in our own words", shorten(c, 60), words(c))
				}
			}
		}
	}
	for _, m := range []struct{ name, value string }{{"title", d.Meta.Title}, {"publisher", d.Meta.Publisher}} {
		if m.value == "" {
			add(1, MissingMetadata, "no %s found: fill it in from the page", m.name)
		}
	}
}

func words(s string) int { return len(strings.Fields(s)) }

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
