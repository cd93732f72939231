package importer

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/spelling"
)

// mapper maps a document's words to the site's subjects and aspects.
type mapper struct {
	site    *content.Site
	aspects []named[*content.Aspect] // every id, label and alias, longest first
	subject []named[*content.Subject]
	known   map[string]bool // words that are never split: subject names, level labels, tech terms
	camel   []string        // known words with a capital inside, as written: cells are never cut inside them
}

type named[T any] struct {
	name string // lowercase, as written
	key  string // letters and digits only
	v    T
}

func (m *mapper) init() {
	if m.known != nil {
		return
	}
	m.known = map[string]bool{}
	for _, w := range camelWords {
		m.known[strings.ToLower(w)] = true
	}
	for _, a := range m.site.Aspects {
		for _, n := range append([]string{a.ID, a.Label, strings.ReplaceAll(a.ID, "-", " ")}, a.Aliases...) {
			m.aspects = append(m.aspects, named[*content.Aspect]{strings.ToLower(n), key(n), a})
		}
		if a.Scale != nil {
			for _, l := range a.Scale.Levels {
				for _, w := range strings.Fields(l.Label) {
					m.known[strings.ToLower(w)] = true
				}
			}
		}
	}
	for _, s := range m.site.Subjects {
		for _, n := range append([]string{s.Name, s.Slug}, s.Aliases...) {
			m.subject = append(m.subject, named[*content.Subject]{strings.ToLower(n), key(n), s})
			for _, w := range strings.Fields(n) {
				m.known[strings.ToLower(w)] = true
			}
		}
	}
	for _, w := range camelWords {
		m.camel = append(m.camel, w)
	}
	for _, s := range m.site.Subjects {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '/' }) {
				if hasInnerCapital(w) {
					m.camel = append(m.camel, w)
				}
			}
		}
	}
	sort.SliceStable(m.aspects, func(i, j int) bool { return len(m.aspects[i].name) > len(m.aspects[j].name) })
	sort.SliceStable(m.subject, func(i, j int) bool { return len(m.subject[i].name) > len(m.subject[j].name) })
}

// camelWords are words written with a capital inside, which a run-together row must not be
// split in: "JavaScriptPython" is JavaScript then Python.
var camelWords = []string{"JavaScript", "TypeScript", "CoffeeScript", "GraphQL", "WebSocket", "WebSockets", "NoSQL", "MySQL",
	"PostgreSQL", "MongoDB", "MariaDB", "SQLite", "GitHub", "GitLab", "PyPI", "RubyGems", "NuGet", "OAuth", "DevOps", "DevTools",
	"IntelliJ", "PhpStorm", "PyCharm", "WebStorm", "LiveView", "ActiveRecord", "ActionCable", "SignalR", "EntityFramework",
	"FastAPI", "NestJS", "NodeJS", "iOS", "macOS", "JetBrains", "RabbitMQ", "DynamoDB", "CockroachDB", "OpenAPI", "WebAssembly",
	"JavaFX", "gRPC", "tRPC", "npm", "CommonJS", "RxJS", "ReactPHP", "LinkedIn", "YouTube", "StackOverflow", "VSCode"}

// key keeps a name's letters and digits, lowercased: "Community/Ecosystem" and "community
// ecosystem" are one key.
func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// similarity is 1 − edit distance ÷ the longer length, on keys.
func similarity(a, b string) float64 {
	a, b = key(a), key(b)
	n := max(len([]rune(a)), len([]rune(b)))
	if n == 0 {
		return 0
	}
	return 1 - float64(spelling.Distance(a, b))/float64(n)
}

// hasInnerCapital reports whether a word has a capital after a lowercase letter: "JavaScript".
func hasInnerCapital(w string) bool {
	prev := rune(0)
	for _, r := range w {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return true
		}
		prev = r
	}
	return false
}

// subjectOf maps a header cell to a subject by name, slug or alias, ignoring a version or a
// remark in brackets: "Express 5", "Spring Boot (3.x)".
func (m *mapper) subjectOf(cell string) *content.Subject {
	m.init()
	for _, c := range []string{cell, withoutVersion(cell)} {
		k := key(c)
		for _, s := range m.subject {
			if s.key == k && k != "" {
				return s.v
			}
		}
	}
	return nil
}

// withoutVersion drops bracketed remarks and trailing version numbers from a header cell.
func withoutVersion(cell string) string {
	for {
		i, j := strings.IndexAny(cell, "(["), strings.LastIndexAny(cell, ")]")
		if i < 0 || j < i {
			break
		}
		cell = cell[:i] + " " + cell[j+1:]
	}
	words := strings.Fields(cell)
	for len(words) > 1 {
		w := strings.ToLower(strings.TrimPrefix(strings.ToLower(words[len(words)-1]), "v"))
		if strings.Trim(w, "0123456789.x+") != "" || w == "" {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// containsMatch is the match given to a label that contains an aspect's name among other
// words: enough to map, never 1, so the report asks the author to check it.
const containsMatch = 0.85

// maxLabel is the longest row label compared letter by letter with the aspects' names.
const maxLabel = 64

// aspectOf maps a row label to an aspect: by id, label or alias, or by a close spelling at or
// above MinAspectMatch. match is 1 for a name.
func (m *mapper) aspectOf(label string) (a *content.Aspect, match float64) {
	m.init()
	k := key(label)
	if k == "" {
		return nil, 0
	}
	for _, n := range m.aspects {
		if n.key == k {
			return n.v, 1
		}
	}
	// "ORM / Database", "Tooling & testing": a label naming two things maps by its first part
	// that is a name.
	if parts := strings.FieldsFunc(label, func(r rune) bool { return r == '/' || r == '&' }); len(parts) > 1 {
		for _, p := range parts {
			if a, match := m.aspectOf(p); a != nil && match == 1 {
				return a, 1
			}
		}
	}
	if len(k) > maxLabel {
		return nil, 0 // far longer than any aspect's name: no close spelling of one
	}
	// "Performance comparison", "Database support": a label that contains a name as whole
	// words maps to it, the longest name first, reported as a close match.
	low := " " + strings.Join(strings.FieldsFunc(strings.ToLower(label), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}), " ") + " "
	for _, n := range m.aspects {
		if len(n.name) >= 3 && strings.Contains(low, " "+n.name+" ") {
			return n.v, containsMatch
		}
	}
	for _, n := range m.aspects {
		if s := similarity(label, n.name); s > match {
			a, match = n.v, s
		}
	}
	if match < MinAspectMatch {
		return nil, match
	}
	return a, match
}

// aspectPrefix finds the aspect a flattened row starts with: the longest name the row begins
// with, followed by a space or, when the cells were run together, a capital letter.
func (m *mapper) aspectPrefix(row string) (a *content.Aspect, label, rest string) {
	m.init()
	for _, n := range m.aspects {
		if len(n.name) == 0 || len(row) < len(n.name) || !strings.EqualFold(row[:len(n.name)], n.name) {
			continue
		}
		end := len(n.name)
		rest := row[end:]
		// A remark in brackets belongs to the label: "Real-time (WebSockets)".
		if t := strings.TrimLeft(rest, " "); strings.HasPrefix(t, "(") {
			if k := strings.IndexByte(t, ')'); k > 0 {
				end += len(rest) - len(t) + k + 1
				rest = row[end:]
			}
		}
		if rest == "" || rest[0] == ' ' || unicode.IsUpper(firstRune(rest)) || unicode.IsDigit(firstRune(rest)) {
			return n.v, strings.TrimSpace(row[:end]), strings.TrimSpace(rest)
		}
	}
	return nil, "", row
}

// headerSubjects reads a flattened header line: an optional first-column label, then two or
// more subject names, separated by spaces or run together ("FeatureNode.jsDjango").
func (m *mapper) headerSubjects(line string) (label string, subs []*content.Subject, names []string, glued, ok bool) {
	m.init()
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 120 || strings.Contains(line, "|") {
		return "", nil, nil, false, false
	}
	low := strings.ToLower(line)
	if len(low) != len(line) {
		return "", nil, nil, false, false // lowercasing changed the length: offsets would not line up
	}
	// best[i] is the most subject names that exactly cover low[i:], or -1.
	best := make([]int, len(low)+1)
	next := make([]int, len(low)+1)
	for i := range best {
		best[i] = -1
	}
	best[len(low)] = 0
	for i := len(low) - 1; i >= 0; i-- {
		if low[i] == ' ' || low[i] == '|' || low[i] == '\t' {
			if best[i+1] >= 0 {
				best[i], next[i] = best[i+1], i+1
			}
			continue
		}
		for _, n := range m.subject {
			j := i + len(n.name)
			if j <= len(low) && low[i:j] == n.name && best[j] >= 0 && best[j]+1 > best[i] {
				best[i], next[i] = best[j]+1, -j // negative: a name ends at j
			}
		}
	}
	// The subjects start after the label: the earliest point from which names cover the rest.
	for start := 0; start < len(low); start++ {
		if best[start] < 2 || (start > 0 && low[start-1] != ' ' && !unicode.IsLower(rune(line[start-1])) && line[start-1] != '|') {
			continue
		}
		label = strings.TrimSpace(strings.Trim(line[:start], "| \t"))
		if label != "" && m.subjectOf(label) != nil {
			continue // the label is itself a subject: start earlier is not possible, so this is no header
		}
		for i := start; i < len(low); {
			if next[i] > 0 {
				i = next[i]
				continue
			}
			j := -next[i]
			if i > 0 && line[i-1] != ' ' && line[i-1] != '\t' {
				glued = true
			}
			names = append(names, line[i:j])
			subs = append(subs, m.subjectOf(line[i:j]))
			i = j
		}
		return label, subs, names, glued, true
	}
	return "", nil, nil, false, false
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
