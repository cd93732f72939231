package content

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/versus-dev/versus/internal/markdown"
)

// Options changes what a load includes.
type Options struct {
	// Drafts includes articles marked draft or dated in the future.
	Drafts bool
	// Now is the moment against which future dates are judged; zero means time.Now().
	Now time.Time
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s follows the slug rules: lowercase [a-z0-9-], no leading,
// trailing or doubled hyphens, and never containing "-vs-".
func ValidSlug(s string) bool {
	return slugRE.MatchString(s) && !strings.Contains(s, "-vs-") && len(s) <= 64
}

// LoadSite reads and validates all content in fsys. On any problem it returns Problems, the
// complete list, and no site.
func LoadSite(fsys fs.FS, opts Options) (*Site, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l := &loader{fsys: fsys, opts: opts, site: &Site{
		aspectByID:   map[string]*Aspect{},
		aspectByName: map[string]*Aspect{},
		subjectBySlg: map[string]*Subject{},
		subjectByNm:  map[string]*Subject{},
		sourceBySlug: map[string]*Source{},
		articleBySlg: map[string]*Article{},
		tagBySlug:    map[string]*Tag{},
	}}
	l.loadAspects()
	subjects := l.loadSubjectFiles()
	l.loadSources()
	l.loadArticles()
	for _, s := range subjects {
		l.resolveSubjectValues(s)
	}
	l.extractAllFeatureTables()
	l.checkLinks()
	if len(l.probs.list) > 0 {
		return nil, l.probs.sorted()
	}
	l.finish()
	return l.site, nil
}

type loader struct {
	fsys  fs.FS
	opts  Options
	site  *Site
	probs problemList
	// pending holds per-document data needed after every file is read.
	docs []*pendingDoc
}

type pendingDoc struct {
	doc      *Document
	source   *Source
	article  *Article
	bodyLine int
	md       *markdown.Document
}

// readDir lists the .md files of a content folder, sorted; a missing folder is empty.
func (l *loader) readDir(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := path.Join(dir, e.Name())
		if !strings.HasSuffix(e.Name(), ".md") {
			l.probs.add(p, 1, KindSyntax, "unexpected file: content files end in .md")
			continue
		}
		out = append(out, p)
	}
	return out
}

// readDocument reads a Markdown file with front matter, decodes the front matter into fm and
// renders the body. It reports problems and returns false when the file cannot be used.
func (l *loader) readDocument(p string, fm any) (doc *Document, body ast.Node, ok bool) {
	slug := strings.TrimSuffix(path.Base(p), ".md")
	if !ValidSlug(slug) {
		l.probs.add(p, 1, KindSlug, "file name %q is not a valid slug: use lowercase letters, digits and single hyphens, never \"-vs-\"", slug)
	}
	raw, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.probs.add(p, 1, KindSyntax, "read: %v", err)
		return nil, nil, false
	}
	f, ok := splitFrontMatter(p, raw, &l.probs)
	if !ok {
		return nil, nil, false
	}
	node, ok := decodeYAML(p, f.yaml, f.yamlLine, fm, &l.probs)
	if node == nil && ok {
		l.probs.add(p, f.yamlLine, KindMissing, "front matter is empty")
		ok = false
	}
	md, err := markdown.Parse(f.body)
	if err != nil {
		l.probs.add(p, f.bodyLine, KindSyntax, "%v", err)
		return nil, nil, false
	}
	shift := f.bodyLine - 1
	for i := range md.Tables {
		t := &md.Tables[i]
		t.Line += shift
		for j := range t.Header {
			t.Header[j].Line += shift
		}
		for _, row := range t.Rows {
			for j := range row {
				row[j].Line += shift
			}
		}
	}
	for i := range md.Links {
		md.Links[i].Line += shift
	}
	doc = &Document{
		Path:   p,
		Slug:   slug,
		source: f.body,
		body:   &lazyHTML{},
		TOC:    md.TOC,
		IDs:    md.IDs,
		Words:  md.Words,
	}
	l.docs = append(l.docs, &pendingDoc{doc: doc, bodyLine: f.bodyLine, md: md})
	return doc, node, ok
}

func (l *loader) lastPending() *pendingDoc { return l.docs[len(l.docs)-1] }

// requireString reports a missing required string key.
func (l *loader) require(p string, line int, key, val string) {
	if strings.TrimSpace(val) == "" {
		l.probs.add(p, line, KindMissing, "missing required key %q", key)
	}
}

// parseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func parseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	for prec, layout := range map[int]string{1: "2006", 2: "2006-01", 3: "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, Precision: prec}, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date{Time: t, Precision: 3}, nil
	}
	return Date{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD (or YYYY-MM, YYYY)", s)
}

func (l *loader) date(p string, lines map[string]int, key, val string) Date {
	d, err := parseDate(val)
	if err != nil {
		l.probs.add(p, lines[key], KindDate, "%v", err)
	}
	return d
}

// finish sorts lists and builds derived indexes once everything is valid.
func (l *loader) finish() {
	s := l.site
	sort.Slice(s.Subjects, func(i, j int) bool { return strings.ToLower(s.Subjects[i].Name) < strings.ToLower(s.Subjects[j].Name) })
	sort.Slice(s.Sources, func(i, j int) bool { return strings.ToLower(s.Sources[i].Title) < strings.ToLower(s.Sources[j].Title) })
	sort.SliceStable(s.Articles, func(i, j int) bool {
		a, b := s.Articles[i], s.Articles[j]
		if !a.Date.Time.Equal(b.Date.Time) {
			return a.Date.Time.After(b.Date.Time)
		}
		return a.Title < b.Title
	})
	for _, a := range s.Articles {
		if a.Draft {
			continue
		}
		for _, t := range a.Tags {
			t.Articles = append(t.Articles, a)
		}
	}
	for _, t := range s.tagBySlug {
		if len(t.Articles) > 0 {
			s.Tags = append(s.Tags, t)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Slug < s.Tags[j].Slug })
}
