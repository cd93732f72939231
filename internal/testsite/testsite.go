// Package testsite builds small, valid content folders for tests, so every package's tests
// start from the same fixture and change only what a test is about. It writes the content
// files as an author would; it imports nothing of the site, so any package's tests can use it.
package testsite

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// Aspects is the fixture's vocabulary: two groups, three scales and four aspects. Language
// takes a category, ORM a level of support (add-on qualifies), the learning curve a rating,
// and the concurrency model is described in words only.
const Aspects = `groups:
  - id: basics
    label: Basics
    description: What it is.
  - id: runtime
    label: Runtime
    description: How it runs.
scales:
  - id: support
    label: Support
    ordered: true
    levels:
      - {id: built-in, label: Built in, means: It ships with the framework.}
      - {id: add-on, label: Add-on, means: A package adds it., qualifies: true}
      - {id: none, label: None, means: Nothing provides it.}
  - id: language
    label: Language
    levels:
      - {id: python, label: Python, means: Application code is Python.}
      - {id: javascript, label: JavaScript, means: Application code is JavaScript.}
  - id: learning
    label: Learning curve
    ordered: true
    levels:
      - {id: gentle, label: Gentle, means: Productive in days.}
      - {id: moderate, label: Moderate, means: Some concepts to learn.}
      - {id: steep, label: Steep, means: Many concepts to learn.}
aspects:
  - id: language
    label: Language
    group: basics
    scale: language
    description: The programming language you write.
    aliases: [programming language]
  - id: orm
    label: ORM and database access
    group: basics
    scale: support
    description: Whether a database layer comes with it.
    aliases: [database orm]
  - id: concurrency-model
    label: Concurrency model
    group: runtime
    description: How requests are served at the same time, from event loops to threads.
  - id: learning-curve
    label: Learning curve
    group: runtime
    scale: learning
    description: What a newcomer must learn before being productive.
`

// aspectIDs are the ids of Aspects, in order.
var aspectIDs = []string{"language", "orm", "concurrency-model", "learning-curve"}

// Editorial is a site.yaml featuring the given comparisons.
func Editorial(featured ...string) string {
	return "featured: [" + strings.Join(featured, ", ") + "]\nshare_aspects: [language, orm]\nsearch_examples: [orm]\n"
}

// Ref is a reference of a value: a source slug, or a title and URL.
type Ref struct {
	Title, URL, Source string
}

// Value is one subject's value on one aspect. Empty fields get fixture defaults: a reference
// to https://example.org/docs, an "as of" of 2.0 (the subject's one release) and, on a scaled
// aspect, a level; Level "-" leaves the level out, for tests of that problem.
type Value struct {
	Value, Level, Note, AsOf, Disputed string
	Refs                               []Ref
	History                            []Change
}

// Change is one entry of a cell's history; From and To are value and level.
type Change struct {
	Date                                   string
	FromValue, FromLevel, ToValue, ToLevel string
	Why                                    string
	Refs                                   []Ref
}

// Release is a release line a subject lists; a subject with none lists 2.0, current.
type Release struct {
	Version, Date, Support string
}

// scaled are the fixture aspects with a scale, and the level a value gets when it names none.
var scaled = map[string]string{"language": "python", "orm": "built-in", "learning-curve": "moderate"}

// Subject is a subject file. Aspects without a value in Values get one.
type Subject struct {
	Slug, Name, Kind, Language, Website, Description string
	Aliases                                          []string
	Choose                                           []Choose
	Releases                                         []Release
	Values                                           map[string]Value
	Body                                             string
}

// Choose is an editorial "choose this if …" line and the aspects that justify it.
type Choose struct {
	Text    string
	Aspects []string
}

// Path is the subject's file in the content folder.
func (s Subject) Path() string { return "subjects/" + s.Slug + ".md" }

// File is the subject file's text.
func (s Subject) File() string {
	var b strings.Builder
	b.WriteString("---\n")
	field(&b, "", "name", s.Name)
	b.WriteString("aliases: [" + strings.Join(quoteAll(s.Aliases), ", ") + "]\n")
	field(&b, "", "kind", or(s.Kind, "full-stack-framework"))
	field(&b, "", "language", or(s.Language, "Python"))
	field(&b, "", "website", or(s.Website, "https://example.org/"))
	if s.Description != "" {
		field(&b, "", "description", s.Description)
	}
	releases := s.Releases
	if len(releases) == 0 {
		releases = []Release{{Version: "2.0", Date: "2026-06-01", Support: "current"}}
	}
	b.WriteString("releases:\n")
	for _, r := range releases {
		b.WriteString("  - version: " + strconv.Quote(r.Version) + "\n    date: " + r.Date + "\n    support: " + r.Support +
			"\n    ref: {title: " + strconv.Quote(s.Name+" "+r.Version+" release notes") + ", url: \"https://example.org/releases/" + r.Version + "\"}\n")
	}
	if len(s.Choose) > 0 {
		b.WriteString("choose:\n")
		for _, c := range s.Choose {
			b.WriteString("  - text: " + strconv.Quote(c.Text) + "\n    aspects: [" + strings.Join(c.Aspects, ", ") + "]\n")
		}
	}
	b.WriteString("aspects:\n")
	ids := slices.Clone(aspectIDs)
	for _, id := range slices.Sorted(maps.Keys(s.Values)) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		v := s.Values[id]
		b.WriteString("  " + id + ":\n")
		field(&b, "    ", "value", or(v.Value, s.Name+" "+id))
		if lv, ok := scaled[id]; ok && v.Level != "-" || v.Level != "" && v.Level != "-" {
			field(&b, "    ", "level", or(v.Level, lv))
		}
		if v.Note != "" {
			field(&b, "    ", "note", v.Note)
		}
		refs := v.Refs
		if len(refs) == 0 {
			refs = []Ref{{Title: "Docs", URL: "https://example.org/docs"}}
		}
		b.WriteString("    refs:\n")
		writeRefs(&b, "      ", refs)
		field(&b, "    ", "asof", or(v.AsOf, releases[0].Version))
		if v.Disputed != "" {
			field(&b, "    ", "disputed", v.Disputed)
		}
		if len(v.History) > 0 {
			b.WriteString("    history:\n")
			for _, c := range v.History {
				b.WriteString("      - date: " + c.Date + "\n")
				b.WriteString("        from: {value: " + strconv.Quote(c.FromValue) + levelField(c.FromLevel) + "}\n")
				b.WriteString("        to: {value: " + strconv.Quote(c.ToValue) + levelField(c.ToLevel) + "}\n")
				field(&b, "        ", "why", c.Why)
				b.WriteString("        refs:\n")
				writeRefs(&b, "          ", or2(c.Refs, []Ref{{Title: "Changelog", URL: "https://example.org/changelog"}}))
			}
		}
	}
	b.WriteString("---\n")
	b.WriteString(or(s.Body, "Overview of "+s.Name+"."))
	b.WriteString("\n")
	return b.String()
}

// Alpha and Beta are the fixture's two subjects, and Gamma a third that FS leaves out: Python
// like Alpha, with no ORM. Beta's ORM value has a note and is disputed. Each has "choose" lines.
var (
	Alpha = Subject{Slug: "alpha", Name: "Alpha", Description: "A framework called Alpha.",
		Choose: []Choose{{Text: "you want an ORM in the box", Aspects: []string{"orm"}}},
		Values: map[string]Value{"language": {Value: "Python", Level: "python"}, "orm": {Value: "Built in", Level: "built-in"},
			"concurrency-model": {Value: "Worker processes"}, "learning-curve": {Value: "Steep", Level: "steep"}}}
	Beta = Subject{Slug: "beta", Name: "Beta", Aliases: []string{"beta framework"}, Kind: "runtime", Language: "JavaScript",
		Description: "A runtime called Beta.",
		Choose:      []Choose{{Text: "you write JavaScript", Aspects: []string{"language"}}},
		Values: map[string]Value{"language": {Value: "JavaScript", Level: "javascript"}, "concurrency-model": {Value: "Event loop"},
			"learning-curve": {Value: "Gentle", Level: "gentle"}, "orm": {Value: "Via a package", Level: "add-on", Note: "Uses `models` from a package. Any will do.", Disputed: "One source says it has one."}}}
	Gamma = Subject{Slug: "gamma", Name: "Gamma",
		Choose: []Choose{{Text: "you write Python", Aspects: []string{"language"}}, {Text: "you like writing SQL", Aspects: []string{"orm"}}},
		Values: map[string]Value{"language": {Value: "Python", Level: "python"}, "orm": {Value: "None", Level: "none"},
			"learning-curve": {Value: "Moderate", Level: "moderate"}}}
)

// Source is the fixture's source digest, src: a feature table of four claims on lines 11–13,
// three that agree with our values and one that differs.
const Source = `---
title: A comparison
author: Someone
publisher: A blog
date: 2023-03-04
---
## Summary

A short blog post comparing Alpha and Beta on their language and their database layer, with
no sources of its own.

## Claims

| Aspect | Alpha | beta framework |
| --- | --- | --- |
| Language | Python too (agrees) | JavaScript (agrees) |
| Database ORM | Has one (agrees) | |
| ORM and database access | | Has one too (differs) |
`

// FS is the default fixture: Aspects, an Editorial featuring alpha-vs-beta, Alpha, Beta,
// Source, a published article (hello) that links the source and a comparison row, an article
// dated in the future (later) and a draft (drafted).
func FS() fstest.MapFS {
	fsys := Files(Alpha, Beta)
	fsys["sources/src.md"] = &fstest.MapFile{Data: []byte(Source)}
	fsys["articles/hello.md"] = Article("---\ntitle: Hello\ndate: 2026-01-02\ntags: [Intro]\nsubjects: [alpha, beta]\n---\n## Start\n\nSee [the source](/sources/src) and [the matrix](/compare/alpha-vs-beta#orm).\n")
	fsys["articles/later.md"] = Article("---\ntitle: Later\ndate: 2099-01-01\n---\nNot yet.\n")
	fsys["articles/drafted.md"] = Article("---\ntitle: Drafted\ndraft: true\n---\nDraft.\n")
	return fsys
}

// Files is a content folder of Aspects, an Editorial featuring the first two subjects, and
// the given subjects.
func Files(subjects ...Subject) fstest.MapFS {
	var featured []string
	if len(subjects) >= 2 {
		featured = append(featured, subjects[0].Slug+"-vs-"+subjects[1].Slug)
	}
	fsys := fstest.MapFS{
		"aspects.yaml": {Data: []byte(Aspects)},
		"site.yaml":    {Data: []byte(Editorial(featured...))},
	}
	for _, s := range subjects {
		fsys[s.Path()] = &fstest.MapFile{Data: []byte(s.File())}
	}
	return fsys
}

// Article wraps a file's text for a MapFS.
func Article(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

func writeRefs(b *strings.Builder, indent string, refs []Ref) {
	for _, r := range refs {
		if r.Source != "" {
			b.WriteString(indent + "- {source: " + r.Source + "}\n")
		} else {
			b.WriteString(indent + "- {title: " + strconv.Quote(r.Title) + ", url: " + strconv.Quote(r.URL) + "}\n")
		}
	}
}

func levelField(level string) string {
	if level == "" {
		return ""
	}
	return ", level: " + strconv.Quote(level)
}

func or2[T any](s, fallback []T) []T {
	if len(s) == 0 {
		return fallback
	}
	return s
}

func field(b *strings.Builder, indent, key, val string) {
	b.WriteString(indent + key + ": " + strconv.Quote(val) + "\n")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// Write writes a content folder's files under dir, as an author's checkout would hold them.
func Write(t testing.TB, dir string, fsys fstest.MapFS) {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
