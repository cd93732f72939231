package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/importer"
)

// importReport is one document's result in -format json.
type importReport struct {
	File     string             `json:"file"`
	Format   importer.Format    `json:"format"`
	Draft    string             `json:"draft,omitempty"`
	Meta     importer.Meta      `json:"meta"`
	Tables   []importTable      `json:"tables"`
	Findings []importer.Finding `json:"findings"`
	Error    string             `json:"error,omitempty"`
	doc      *importer.Document `json:"-"`
}

type importTable struct {
	Line     int         `json:"line"`
	Kind     string      `json:"kind"`
	Subjects []string    `json:"subjects"` // slugs, "" where the header names no known subject
	Headers  []string    `json:"headers"`
	Rows     []importRow `json:"rows"`
}

type importRow struct {
	Line       int      `json:"line"`
	Label      string   `json:"label"`
	Aspect     string   `json:"aspect,omitempty"`
	Match      float64  `json:"match"`
	Cells      []string `json:"cells"`
	Confidence float64  `json:"confidence"`
}

// runImport drafts a source digest from each comparison document named: see
// docs/AUTHORING.md. It writes the drafts to -out and reports, as path:line: message, what the
// author must look at; it fails when a file cannot be read or a draft cannot be written.
func runImport(args []string, stdout, stderr io.Writer) error {
	fl, cf := newFlagSet("import", stderr)
	out := fl.String("out", filepath.Join("content", "sources"), "folder to write the drafts to")
	format := fl.String("format", "text", "report format: text (path:line: message) or json")
	url := fl.String("url", "", "the document's address, when the file does not give it (one file only)")
	force := fl.Bool("force", false, "overwrite a draft that already exists")
	if err := fl.Parse(args); err != nil {
		return errReported
	}
	files := fl.Args()
	switch {
	case *format != "text" && *format != "json":
		fmt.Fprintf(stderr, "versus import: -format must be text or json, not %q\n", *format)
		return errReported
	case len(files) == 0:
		fmt.Fprintf(stderr, "versus import: name one or more documents to import\n%s", usage)
		return errReported
	case *url != "" && len(files) > 1:
		fmt.Fprintln(stderr, "versus import: -url names one document's address; import one file with it")
		return errReported
	}
	if st, err := os.Stat(*out); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "versus import: no folder %s to write drafts to: give -out DIR\n", *out)
		return errReported
	}
	site, err := cf.load(stderr, false)
	if err != nil {
		return err
	}
	today := time.Now().Format("2006-01-02")
	var reports []*importReport
	failed := false
	for _, file := range files {
		r := importOne(site, file, *out, *url, today, *force)
		failed = failed || r.Error != ""
		reports = append(reports, r)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
	} else {
		writeImportText(stdout, stderr, reports)
	}
	if failed {
		return errReported
	}
	return nil
}

func importOne(site *content.Site, file, out, url, today string, force bool) *importReport {
	r := &importReport{File: file, Tables: []importTable{}, Findings: []importer.Finding{}}
	data, err := os.ReadFile(file)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	d := importer.Import(site, file, data)
	if url != "" {
		d.Meta.URL = url
	}
	r.doc, r.Format, r.Meta, r.Findings = d, d.Format, d.Meta, append(r.Findings, d.Findings...)
	for _, t := range d.Tables {
		it := importTable{Line: t.Line, Kind: t.Kind, Headers: t.Headers, Rows: []importRow{}}
		for _, s := range t.Subjects {
			slug := ""
			if s != nil {
				slug = s.Slug
			}
			it.Subjects = append(it.Subjects, slug)
		}
		for _, row := range t.Rows {
			ir := importRow{Line: row.Line, Label: row.Label, Match: row.Match, Cells: row.Cells, Confidence: row.Confidence}
			if row.Aspect != nil {
				ir.Aspect = row.Aspect.ID
			}
			it.Rows = append(it.Rows, ir)
		}
		r.Tables = append(r.Tables, it)
	}
	slug := d.Slug()
	if slug == "" {
		slug = "imported"
	}
	path := filepath.Join(out, slug+".md")
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		r.Error = fmt.Sprintf("%s already exists: import with -force to overwrite it, or move it aside", path)
		return r
	}
	if err == nil {
		_, err = f.Write(d.Draft(today))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Draft = path
	return r
}

// writeImportText prints each document's findings as path:line: kind: message, then what to do
// next.
func writeImportText(stdout, stderr io.Writer, reports []*importReport) {
	rows, mapped, drafts := 0, 0, 0
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(stderr, "%s: %s\n", r.File, r.Error)
			continue
		}
		drafts++
		fmt.Fprintf(stdout, "%s: read as %s; draft written to %s\n", r.File, r.Format, r.Draft)
		for _, f := range r.Findings {
			fmt.Fprintf(stdout, "%s:%d: %s: %s\n", r.File, f.Line, f.Kind, f.Message)
		}
		for _, t := range r.doc.Tables {
			for _, row := range t.Rows {
				rows++
				if row.Aspect != nil {
					mapped++
				}
			}
		}
	}
	if drafts > 0 {
		fmt.Fprintf(stdout, "%d draft(s), %d table row(s), %d mapped to aspects. Next: write each summary, reword the claims marked %s, "+
			"add a stance to every claim, then run `versus check` (with -content DIR for drafts outside content/).\n", drafts, rows, mapped, importer.Reword)
	}
}
