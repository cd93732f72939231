package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/versus-dev/versus/internal/frontmatter"
	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
)

// Options changes what a load includes.
type Options struct {
	// Drafts includes articles marked draft or dated in the future.
	Drafts bool
	// Now is the moment against which future dates are judged; zero means time.Now().
	Now time.Time

	// render renders a document body; nil means markdown.Render. Tests replace it to make
	// rendering fail.
	render func([]byte) (*markdown.Document, error)
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s follows the slug rules: lowercase [a-z0-9-], no leading,
// trailing or doubled hyphens, at most 64 characters, and never containing "-vs-".
func ValidSlug(s string) bool {
	return slugRE.MatchString(s) && !strings.Contains(s, "-vs-") && len(s) <= 64
}

// LoadSite reads and validates all content in fsys. On any problem it returns a problem.List,
// the complete list, and no site.
func LoadSite(fsys fs.FS, opts Options) (*Site, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.render == nil {
		opts.render = markdown.Render
	}
	l := &loader{fsys: fsys, opts: opts, site: &Site{
		aspectByID:    map[string]*Aspect{},
		aspectByName:  map[string]*Aspect{},
		subjectBySlug: map[string]*Subject{},
		subjectByName: map[string]*Subject{},
		sourceBySlug:  map[string]*Source{},
		articleBySlug: map[string]*Article{},
		tagBySlug:     map[string]*Tag{},
	}}
	l.loadAspects()
	subjects := l.loadSubjectFiles()
	l.loadSources()
	l.loadArticles()
	for _, s := range subjects {
		l.resolveSubjectValues(s)
	}
	l.loadEditorial()
	l.extractAllFeatureTables()
	l.index()
	l.indexChanges()
	l.checkLinks()
	if probs := l.probs.List(); probs != nil {
		return nil, probs
	}
	return l.site, nil
}

type loader struct {
	fsys  fs.FS
	opts  Options
	site  *Site
	probs problem.Collector
	// docs holds per-document data needed after every file is read.
	docs []*pendingDoc
	// parsed holds files read and parsed ahead by prefetch.
	parsed map[string]parsedFile
}

type pendingDoc struct {
	doc     *Document
	source  *Source
	article *Article
	md      *markdown.Document
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
			l.probs.Add(p, 1, problem.Syntax, "unexpected file: content files end in .md")
			continue
		}
		out = append(out, p)
	}
	return out
}

// parsedFile is a file read and its body parsed ahead, in parallel with others.
type parsedFile struct {
	raw      []byte
	readErr  error
	md       *markdown.Document
	parseErr error
}

// prefetch reads the files at paths and parses their bodies on every core, so that a folder of
// thousands of articles loads in a fraction of the time; readDocument then takes the results
// and reports any problem in file order, as it would have found them.
func (l *loader) prefetch(paths []string) {
	results := make([]parsedFile, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(paths); i = int(next.Add(1)) - 1 {
				r := &results[i]
				if r.raw, r.readErr = fs.ReadFile(l.fsys, paths[i]); r.readErr != nil {
					continue
				}
				var scratch problem.Collector // Split reports again, for real, in readDocument
				if f, ok := frontmatter.Split(paths[i], r.raw, &scratch); ok {
					r.md, r.parseErr = markdown.Parse(f.Body)
				}
			}
		}()
	}
	wg.Wait()
	if l.parsed == nil {
		l.parsed = map[string]parsedFile{}
	}
	for i, p := range paths {
		l.parsed[p] = results[i]
	}
}

// readDocument reads a Markdown file with front matter, decodes the front matter into fm and
// parses the body. It reports problems; doc is nil when the file cannot be used at all, and ok
// is false when fm cannot be trusted.
func (l *loader) readDocument(p string, fm any) (doc *Document, node frontmatter.Node, ok bool) {
	slug := strings.TrimSuffix(path.Base(p), ".md")
	if !ValidSlug(slug) {
		l.probs.Add(p, 1, problem.Slug, "file name %q is not a valid slug: use lowercase letters, digits and single hyphens, never \"-vs-\"", slug)
	}
	pre, fetched := l.parsed[p]
	raw, err := pre.raw, pre.readErr
	if !fetched {
		raw, err = fs.ReadFile(l.fsys, p)
	}
	if err != nil {
		l.probs.Add(p, 1, problem.Syntax, "read: %v", err)
		return nil, node, false
	}
	f, ok := frontmatter.Split(p, raw, &l.probs)
	if !ok {
		return nil, node, false
	}
	node, ok = f.Decode(fm, &l.probs)
	md, err := pre.md, pre.parseErr
	if !fetched || md == nil && err == nil {
		md, err = markdown.Parse(f.Body)
	}
	if err != nil {
		l.probs.Add(p, f.BodyLine, problem.Syntax, "%v", err)
		return nil, node, false
	}
	shift := f.BodyLine - 1
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
		File:  p,
		Slug:  slug,
		TOC:   md.TOC,
		IDs:   md.IDs,
		Words: md.Words,
		body:  &lazyBody{source: f.Body, line: f.BodyLine, render: l.opts.render},
	}
	if node.IsZero() {
		return nil, node, false
	}
	l.docs = append(l.docs, &pendingDoc{doc: doc, md: md})
	return doc, node, ok
}

// adopt points the newest pending document at the value that embeds its Document, once the
// caller has built it.
func (l *loader) adopt(doc *Document, source *Source, article *Article) {
	pd := l.docs[len(l.docs)-1]
	pd.doc, pd.source, pd.article = doc, source, article
}

// require reports a missing required string key.
func (l *loader) require(p string, line int, key, val string) {
	if strings.TrimSpace(val) == "" {
		l.probs.Add(p, line, problem.Missing, "missing required key %q", key)
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

func (l *loader) date(p string, node frontmatter.Node, key, val string) Date {
	d, err := parseDate(val)
	if err != nil {
		l.probs.Add(p, node.KeyLine(key, 1), problem.Date, "%v", err)
	}
	return d
}

// index sorts lists and builds the tag lists, once every file is read.
func (l *loader) index() {
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

// RenderAll renders the body of every document, as check and build do so that a body that
// cannot be rendered is reported as path:line instead of failing a page later. Its error is a
// problem.List.
func (s *Site) RenderAll() error {
	docs := s.documents()
	errs := make([]error, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(docs); i = int(next.Add(1)) - 1 {
				_, errs[i] = docs[i].Body()
			}
		}()
	}
	wg.Wait()
	var probs problem.List
	for _, err := range errs {
		var p problem.List
		switch {
		case err == nil:
		case errors.As(err, &p):
			probs = append(probs, p...)
		default:
			return err
		}
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}

// documents lists every document of the site: subjects, sources and articles.
func (s *Site) documents() []*Document {
	var out []*Document
	for _, x := range s.Subjects {
		out = append(out, &x.Document)
	}
	for _, x := range s.Sources {
		out = append(out, &x.Document)
	}
	for _, x := range s.Articles {
		out = append(out, &x.Document)
	}
	return out
}

// renderProblem reports a body that failed to render at the line the failure names, or at the
// body's first line.
func renderProblem(path string, bodyLine int, err error) problem.List {
	line := bodyLine
	var re *markdown.RenderError
	if errors.As(err, &re) && re.Line > 0 {
		line = bodyLine + re.Line - 1
	}
	return problem.List{{Path: path, Line: line, Message: "the body cannot be rendered: " + err.Error(), Kind: problem.Render}}
}
