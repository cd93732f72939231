package content

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/versus-dev/versus/internal/markdown"
)

type subjectYAML struct {
	Name        string                     `yaml:"name"`
	Aliases     []string                   `yaml:"aliases"`
	Kind        string                     `yaml:"kind"`
	Language    string                     `yaml:"language"`
	Website     string                     `yaml:"website"`
	Description string                     `yaml:"description"`
	Updated     string                     `yaml:"updated"`
	Aspects     map[string]aspectValueYAML `yaml:"aspects"`
}

type aspectValueYAML struct {
	Value    string    `yaml:"value"`
	Note     string    `yaml:"note"`
	Refs     []refYAML `yaml:"refs"`
	AsOf     string    `yaml:"asof"`
	Disputed string    `yaml:"disputed"`
}

type refYAML struct {
	Title  string `yaml:"title"`
	URL    string `yaml:"url"`
	Source string `yaml:"source"`
}

// pendingSubject keeps what is needed to resolve a subject's values once sources are known.
type pendingSubject struct {
	subject *Subject
	fm      subjectYAML
	node    ast.Node
	line    int // the line of the aspects key
}

func (l *loader) loadSubjectFiles() []*pendingSubject {
	var out []*pendingSubject
	var kindIDs []string
	for _, k := range Kinds {
		kindIDs = append(kindIDs, k.ID)
	}
	for _, p := range l.readDir("subjects") {
		var fm subjectYAML
		doc, node, ok := l.readDocument(p, &fm)
		if doc == nil || node == nil {
			continue
		}
		lines := keyLines(node, 2)
		l.require(p, 2, "name", fm.Name)
		l.require(p, 2, "kind", fm.Kind)
		l.require(p, 2, "language", fm.Language)
		l.require(p, 2, "website", fm.Website)
		kind, known := KindByID(fm.Kind)
		if fm.Kind != "" && !known {
			l.probs.add(p, lines["kind"], KindReference, "unknown kind %q%s; kinds are: %s", fm.Kind, didYouMean(fm.Kind, kindIDs), strings.Join(kindIDs, ", "))
		}
		if fm.Website != "" && !isAbsURL(fm.Website) {
			l.probs.add(p, lines["website"], KindType, "website must be an absolute http(s) URL, got %q", fm.Website)
		}
		doc.Title = fm.Name
		doc.Description = fm.Description
		doc.Updated = l.date(p, lines, "updated", fm.Updated)
		s := &Subject{Document: *doc, Name: fm.Name, Aliases: fm.Aliases, Kind: kind, Language: fm.Language, Website: fm.Website, Values: map[string]*Value{}}
		l.lastPending().doc = &s.Document
		if prev := l.site.subjectBySlg[s.Slug]; prev != nil {
			l.probs.add(p, 1, KindDuplicate, "subject slug %q is also used by %s", s.Slug, prev.Path)
			continue
		}
		l.site.subjectBySlg[s.Slug] = s
		l.site.Subjects = append(l.site.Subjects, s)
		for _, n := range append([]string{s.Name, s.Slug}, s.Aliases...) {
			key := normName(n)
			if other := l.site.subjectByNm[key]; other != nil && other != s {
				l.probs.add(p, lines["aliases"], KindDuplicate, "name %q is also used by subject %s", n, other.Slug)
				continue
			}
			l.site.subjectByNm[key] = s
		}
		if !ok {
			continue // type errors: values cannot be trusted
		}
		aspectsLine := lines["aspects"]
		if aspectsLine == 0 {
			aspectsLine = 2
		}
		out = append(out, &pendingSubject{subject: s, fm: fm, node: child(node, "aspects"), line: aspectsLine})
	}
	return out
}

// resolveSubjectValues checks that a subject has a complete, referenced value for every aspect.
func (l *loader) resolveSubjectValues(ps *pendingSubject) {
	s := ps.subject
	p := s.Path
	lines := keyLines(ps.node, 2)
	var ids []string
	for _, a := range l.site.Aspects {
		ids = append(ids, a.ID)
	}
	for id, v := range ps.fm.Aspects {
		line := lines[id]
		vlines := keyLines(child(ps.node, id), 2)
		a, ok := l.site.aspectByID[id]
		if !ok {
			l.probs.add(p, line, KindReference, "unknown aspect %q%s", id, didYouMean(id, ids))
			continue
		}
		l.require(p, line, "value", v.Value)
		l.require(p, line, "asof", v.AsOf)
		if strings.EqualFold(strings.TrimSpace(v.Value), "n/a") && strings.TrimSpace(v.Note) == "" {
			l.probs.add(p, vlines["value"], KindMissing, "aspect %q: N/A needs a note saying why the aspect does not apply", id)
		}
		if len(v.Refs) == 0 {
			l.probs.add(p, line, KindMissing, "aspect %q needs at least one reference in refs", id)
		}
		val := &Value{Text: v.Value, Note: v.Note, AsOf: v.AsOf, Disputed: strings.TrimSpace(v.Disputed), Line: line}
		val.NoteHTML = l.inline(p, vlines["note"], id, "note", v.Note)
		val.DisputedHTML = l.inline(p, vlines["disputed"], id, "disputed", v.Disputed)
		refsNode := child(child(ps.node, id), "refs")
		for i, r := range v.Refs {
			rl := itemLine(refsNode, i, 2)
			switch {
			case r.Source != "":
				src, ok := l.site.sourceBySlug[r.Source]
				if !ok {
					l.probs.add(p, rl, KindReference, "unknown source %q%s", r.Source, didYouMean(r.Source, l.sourceSlugs()))
					continue
				}
				if r.URL != "" || r.Title != "" {
					l.probs.add(p, rl, KindType, "a reference is either {source} or {title, url}, not both")
				}
				val.Refs = append(val.Refs, Ref{Title: src.Title, Source: src})
			case r.URL != "":
				if !isAbsURL(r.URL) {
					l.probs.add(p, rl, KindType, "reference url must be an absolute http(s) URL, got %q", r.URL)
				}
				if r.Title == "" {
					l.probs.add(p, rl, KindMissing, "reference %s needs a title", r.URL)
				}
				val.Refs = append(val.Refs, Ref{Title: r.Title, URL: r.URL})
			default:
				l.probs.add(p, rl, KindMissing, "a reference needs either source or url")
			}
		}
		s.Values[a.ID] = val
	}
	var missing []string
	for _, a := range l.site.Aspects {
		if _, ok := ps.fm.Aspects[a.ID]; !ok {
			missing = append(missing, a.ID)
		}
	}
	if len(missing) > 0 {
		l.probs.add(p, ps.line, KindMissing, "missing values for %d aspect(s): %s", len(missing), strings.Join(missing, ", "))
	}
}

func (l *loader) sourceSlugs() []string {
	var out []string
	for slug := range l.site.sourceBySlug {
		out = append(out, slug)
	}
	return out
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// inline renders a value's Markdown field (note, disputed) as inline HTML.
func (l *loader) inline(path string, line int, aspect, key, src string) template.HTML {
	h, err := markdown.Inline(src)
	if err != nil {
		l.probs.add(path, line, KindSyntax, "aspect %q: %s: %v", aspect, key, err)
	}
	return template.HTML(h) //nolint:gosec // produced by internal/markdown, which drops raw HTML
}
