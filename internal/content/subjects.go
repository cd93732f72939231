package content

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/versus-dev/versus/internal/frontmatter"
	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
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
	node    frontmatter.Node // the aspects mapping
	line    int              // the line of the aspects key
}

func (l *loader) loadSubjectFiles() []*pendingSubject {
	var out []*pendingSubject
	kindIDs := make([]string, len(Kinds))
	for i, k := range Kinds {
		kindIDs[i] = k.ID
	}
	for _, p := range l.readDir("subjects") {
		var fm subjectYAML
		doc, node, ok := l.readDocument(p, &fm)
		if doc == nil {
			continue
		}
		l.require(p, 2, "name", fm.Name)
		l.require(p, 2, "kind", fm.Kind)
		l.require(p, 2, "language", fm.Language)
		l.require(p, 2, "website", fm.Website)
		kind, known := kindByID(fm.Kind)
		if fm.Kind != "" && !known {
			l.probs.Add(p, node.KeyLine("kind", 2), problem.Reference, "unknown kind %q%s; kinds are: %s", fm.Kind, problem.DidYouMean(fm.Kind, kindIDs), strings.Join(kindIDs, ", "))
		}
		if fm.Website != "" && !isAbsURL(fm.Website) {
			l.probs.Add(p, node.KeyLine("website", 2), problem.Type, "website must be an absolute http(s) URL, got %q", fm.Website)
		}
		doc.Title = fm.Name
		doc.Description = fm.Description
		doc.Updated = l.date(p, node, "updated", fm.Updated)
		s := &Subject{Document: *doc, Name: fm.Name, Aliases: fm.Aliases, Kind: kind, Language: fm.Language, Website: fm.Website, Values: map[string]*Value{}}
		l.adopt(&s.Document, nil, nil)
		if prev := l.site.subjectBySlug[s.Slug]; prev != nil {
			l.probs.Add(p, 1, problem.Duplicate, "subject slug %q is also used by %s", s.Slug, prev.File)
			continue
		}
		l.site.subjectBySlug[s.Slug] = s
		l.site.Subjects = append(l.site.Subjects, s)
		for _, n := range append([]string{s.Name, s.Slug}, s.Aliases...) {
			key := normName(n)
			if other := l.site.subjectByName[key]; other != nil && other != s {
				l.probs.Add(p, node.KeyLine("aliases", 2), problem.Duplicate, "name %q is also used by subject %s", n, other.Slug)
				continue
			}
			l.site.subjectByName[key] = s
		}
		if !ok {
			continue // type errors: values cannot be trusted
		}
		out = append(out, &pendingSubject{subject: s, fm: fm, node: node.Key("aspects"), line: node.KeyLine("aspects", 2)})
	}
	return out
}

// resolveSubjectValues checks that a subject has a complete, referenced value for every aspect.
func (l *loader) resolveSubjectValues(ps *pendingSubject) {
	s := ps.subject
	p := s.File
	ids := make([]string, len(l.site.Aspects))
	for i, a := range l.site.Aspects {
		ids[i] = a.ID
	}
	for id, v := range ps.fm.Aspects {
		line := ps.node.KeyLine(id, ps.line)
		vn := ps.node.Key(id)
		a, ok := l.site.aspectByID[id]
		if !ok {
			l.probs.Add(p, line, problem.Reference, "unknown aspect %q%s", id, problem.DidYouMean(id, ids))
			continue
		}
		l.require(p, line, "value", v.Value)
		l.require(p, line, "asof", v.AsOf)
		if strings.EqualFold(strings.TrimSpace(v.Value), "n/a") && strings.TrimSpace(v.Note) == "" {
			l.probs.Add(p, vn.KeyLine("value", line), problem.Missing, "aspect %q: N/A needs a note saying why the aspect does not apply", id)
		}
		if len(v.Refs) == 0 {
			l.probs.Add(p, line, problem.Missing, "aspect %q needs at least one reference in refs", id)
		}
		val := &Value{Text: v.Value, Note: v.Note, AsOf: v.AsOf, Disputed: strings.TrimSpace(v.Disputed)}
		val.NoteHTML = l.inline(p, vn.KeyLine("note", line), id, "note", v.Note)
		val.DisputedHTML = l.inline(p, vn.KeyLine("disputed", line), id, "disputed", v.Disputed)
		val.Refs = l.refs(p, vn.Key("refs"), line, v.Refs)
		s.Values[a.ID] = val
	}
	var missing []string
	for _, a := range l.site.Aspects {
		if _, ok := ps.fm.Aspects[a.ID]; !ok {
			missing = append(missing, a.ID)
		}
	}
	if len(missing) > 0 {
		l.probs.Add(p, ps.line, problem.Missing, "missing values for %d aspect(s): %s", len(missing), strings.Join(missing, ", "))
	}
}

// refs resolves a list of references, each either {source} or {title, url}.
func (l *loader) refs(p string, node frontmatter.Node, line int, refs []refYAML) []Ref {
	var out []Ref
	for i, r := range refs {
		rl := node.ItemLine(i, line)
		switch {
		case r.Source != "":
			src, ok := l.site.sourceBySlug[r.Source]
			if !ok {
				l.probs.Add(p, rl, problem.Reference, "unknown source %q%s", r.Source, problem.DidYouMean(r.Source, l.sourceSlugs()))
				continue
			}
			if r.URL != "" || r.Title != "" {
				l.probs.Add(p, rl, problem.Type, "a reference is either {source} or {title, url}, not both")
			}
			out = append(out, Ref{Title: src.Title, Source: src})
		case r.URL != "":
			if !isAbsURL(r.URL) {
				l.probs.Add(p, rl, problem.Type, "reference url must be an absolute http(s) URL, got %q", r.URL)
			}
			if r.Title == "" {
				l.probs.Add(p, rl, problem.Missing, "reference %s needs a title", r.URL)
			}
			out = append(out, Ref{Title: r.Title, URL: r.URL})
		default:
			l.probs.Add(p, rl, problem.Missing, "a reference needs either source or url")
		}
	}
	return out
}

func (l *loader) sourceSlugs() []string {
	out := make([]string, len(l.site.Sources))
	for i, s := range l.site.Sources {
		out[i] = s.Slug
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
		l.probs.Add(path, line, problem.Syntax, "aspect %q: %s: %v", aspect, key, err)
	}
	return template.HTML(h) //nolint:gosec // produced by internal/markdown, which drops raw HTML
}
