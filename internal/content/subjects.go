package content

import (
	"html/template"
	"net/url"
	"strings"
	"unicode"

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
	Releases    []releaseYAML              `yaml:"releases"`
	Choose      []chooseYAML               `yaml:"choose"`
	Aspects     map[string]aspectValueYAML `yaml:"aspects"`
}

type chooseYAML struct {
	Text    string   `yaml:"text"`
	Aspects []string `yaml:"aspects"`
}

type aspectValueYAML struct {
	Value    string       `yaml:"value"`
	Level    string       `yaml:"level"`
	Note     string       `yaml:"note"`
	Refs     []refYAML    `yaml:"refs"`
	AsOf     string       `yaml:"asof"`
	Disputed string       `yaml:"disputed"`
	History  []changeYAML `yaml:"history"`
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
	choose  frontmatter.Node // the choose list
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
		l.loadReleases(p, s, node, fm.Releases)
		out = append(out, &pendingSubject{subject: s, fm: fm, node: node.Key("aspects"), line: node.KeyLine("aspects", 2),
			choose: node.Key("choose")})
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
		val.Level = l.level(p, vn, line, s, a, v)
		val.NoteHTML = l.inline(p, vn.KeyLine("note", line), id, "note", v.Note)
		val.ShortNote = l.inline(p, vn.KeyLine("note", line), id, "note", firstSentence(v.Note))
		val.DisputedHTML = l.inline(p, vn.KeyLine("disputed", line), id, "disputed", v.Disputed)
		val.Refs = l.refs(p, vn.Key("refs"), line, v.Refs)
		val.Release = l.asOf(p, vn.KeyLine("asof", line), s, id, v.AsOf)
		s.Values[a.ID] = val
		l.history(p, vn.Key("history"), vn.KeyLine("history", line), s, a, val, v.History)
	}
	for i, c := range ps.fm.Choose {
		cn := ps.choose.Item(i)
		line := ps.choose.ItemLine(i, ps.line)
		l.require(p, line, "text", c.Text)
		if len(c.Aspects) == 0 {
			l.probs.Add(p, line, problem.Missing, "a choose line needs the aspects that justify it")
		}
		cl := ChooseLine{Text: strings.TrimSpace(c.Text)}
		an := cn.Key("aspects")
		for j, id := range c.Aspects {
			a, ok := l.site.aspectByID[id]
			if !ok {
				l.probs.Add(p, an.ItemLine(j, line), problem.Reference, "choose line: unknown aspect %q%s", id, problem.DidYouMean(id, ids))
				continue
			}
			cl.Aspects = append(cl.Aspects, a)
		}
		s.Choose = append(s.Choose, cl)
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

// level resolves a cell's level on its aspect's scale. A scaled cell must name one; a level
// that qualifies, and Unknown, must come with a note saying how or what is missing.
func (l *loader) level(p string, vn frontmatter.Node, line int, s *Subject, a *Aspect, v aspectValueYAML) *Level {
	ll := vn.KeyLine("level", line)
	if a.Scale == nil {
		if v.Level != "" {
			l.probs.Add(p, ll, problem.Level, "aspect %q has no scale, so its cells take no level; describe it in value and note", a.ID)
		}
		return nil
	}
	if v.Level == "" {
		l.probs.Add(p, line, problem.Level, "aspect %q needs a level: one of %s", a.ID, strings.Join(a.Scale.levelIDs(), ", "))
		return nil
	}
	lv := a.Scale.level(v.Level)
	if lv == nil {
		l.probs.Add(p, ll, problem.Level, "aspect %q: %q is not a level of the %s scale%s; levels are: %s", a.ID, v.Level, a.Scale.ID,
			problem.DidYouMean(v.Level, a.Scale.levelIDs()), strings.Join(a.Scale.levelIDs(), ", "))
		return nil
	}
	hasNote := strings.TrimSpace(v.Note) != ""
	switch {
	case lv == Unknown && !hasNote:
		l.probs.Add(p, ll, problem.Level, "aspect %q: level unknown needs a note saying what is missing", a.ID)
	case lv.Qualify && !hasNote:
		l.probs.Add(p, ll, problem.Level, "aspect %q: level %q qualifies, so it needs a note saying how (which package, what is missing)", a.ID, lv.ID)
	}
	if a.Scale.ID == "kind" && lv != Unknown && lv.ID != s.Kind.ID && s.Kind.ID != "" {
		l.probs.Add(p, ll, problem.Level, "aspect %q: level %q contradicts the subject's kind %q", a.ID, lv.ID, s.Kind.ID)
	}
	return lv
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

// firstSentence is the first sentence of a Markdown note: up to the first full stop, question
// or exclamation mark that ends a word and is followed by a capital, outside code spans and
// link text. "e.g." and "i.e." do not end a sentence.
func firstSentence(md string) string {
	md = strings.Join(strings.Fields(md), " ")
	code, brackets := false, 0
	for i, r := range md {
		switch {
		case r == '`':
			code = !code
		case code:
		case r == '[' || r == '(':
			brackets++
		case r == ']' || r == ')':
			brackets = max(0, brackets-1)
		case brackets == 0 && (r == '.' || r == '?' || r == '!'):
			rest := md[i+1:]
			if len(rest) < 2 || rest[0] != ' ' || !unicode.IsUpper(rune(rest[1])) {
				continue
			}
			if low := strings.ToLower(md[:i+1]); strings.HasSuffix(low, "e.g.") || strings.HasSuffix(low, "i.e.") {
				continue
			}
			return md[:i+1]
		}
	}
	return md
}
