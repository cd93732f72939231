// Package search finds the articles, sources, subjects and aspects of a content.Site by their
// words. It forgives one typo per word and unfinished words, and ranks a match in a title above
// one in a text. An Index is built once from an immutable site, typically in the background
// (see Warm), and only read afterwards, so any number of requests may search it at once.
//
// The index is a bleve in-memory scorch index; docs/SEARCH.md records why, and what it costs.
package search

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/versus-dev/versus/internal/content"
)

// Limits on what one query may ask for. A longer query is cut, never refused.
const (
	MaxQueryChars = 200 // characters of query text searched
	MaxTerms      = 20  // words searched
)

// fields are the indexed parts of an entry and the weight of a match in each: a word of the
// title outweighs the same word in the text.
var fields = []struct {
	name  string
	boost float64
}{
	{"title", 6}, {"keywords", 4}, {"about", 2}, {"desc", 2}, {"body", 1},
}

// Index answers searches over one site.
type Index struct {
	bleve    bleve.Index
	analyzer analysis.Analyzer
	docs     []entry           // by bleve document ID, which is the position here
	stems    map[string]string // every word of the shown texts, as analysed; "" for stop words
}

// Build indexes every published article, source, subject and aspect of site.
func Build(site *content.Site) (*Index, error) {
	docs, err := entries(site)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	m, err := indexMapping()
	if err != nil {
		return nil, err
	}
	analyzer := m.AnalyzerNamed(analyzerName)
	if analyzer == nil {
		return nil, fmt.Errorf("search: analyzer %q not defined", analyzerName)
	}
	// An empty path keeps scorch entirely in memory. bleve.NewMemOnly would choose the older
	// upsidedown index, which measured seven times slower to build, ten times slower to
	// search and four times larger (docs/SEARCH.md).
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	ix := &Index{bleve: bi, analyzer: analyzer, docs: docs, stems: map[string]string{}}
	// Scorch runs a goroutine per index; close it once no server can reach the Index any more
	// (after a -dev reload replaces the site).
	runtime.AddCleanup(ix, func(bi bleve.Index) { _ = bi.Close() }, bi)
	b, size := bi.NewBatch(), 0
	for i, e := range ix.docs {
		doc := map[string]string{"title": e.title, "keywords": e.keywords, "about": e.about,
			"desc": e.desc, "body": e.body}
		if err := b.Index(strconv.Itoa(i), doc); err != nil {
			return nil, fmt.Errorf("search: index %s: %w", e.url, err)
		}
		for _, text := range []string{e.title, e.desc, e.body} {
			ix.learnWords(text)
		}
		if size += len(e.body); size >= batchBytes || i == len(ix.docs)-1 {
			if err := bi.Batch(b); err != nil {
				return nil, fmt.Errorf("search: build index: %w", err)
			}
			b, size = bi.NewBatch(), 0
		}
	}
	return ix, nil
}

// batchBytes is about how much text goes into one batch. In memory, scorch keeps each batch as
// a segment and never merges them: fewer, larger batches search faster, but a batch holds all
// its analysed text until it is written, so smaller ones bound the memory a build needs.
// docs/SEARCH.md has the measurements behind the choice.
const batchBytes = 2 << 20

// indexMapping indexes each field as English text (see analysis.go) and stores nothing:
// results are shown from the entries the Index keeps itself.
func indexMapping() (*mapping.IndexMappingImpl, error) {
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzerName
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.name, fm)
	}
	m := bleve.NewIndexMapping()
	if err := addAnalyzer(m); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	return m, nil
}

// learnWords records the analysed form of each word of text not seen before, so snippets find
// matching words by a map lookup instead of analysing text at query time. The keys are slices
// of the texts the Index keeps anyway.
func (ix *Index) learnWords(text string) {
	b := []byte(text)
	for i := 0; ; {
		start, end := nextWord(b, i)
		if start < 0 {
			return
		}
		i = end
		if _, ok := ix.stems[text[start:end]]; !ok {
			ix.stems[text[start:end]] = ix.stem(b[start:end])
		}
	}
}

// stem is the analysed form of one word, or "" when the analyzer drops it as a stop word.
func (ix *Index) stem(word []byte) string {
	for _, tok := range ix.analyzer.Analyze(bytes.Clone(word)) {
		return string(tok.Term)
	}
	return ""
}

// Len is the number of pages in the index.
func (ix *Index) Len() int { return len(ix.docs) }

// Results is the answer to one query.
type Results struct {
	Query   string   // the text searched, after cutting
	Cut     bool     // the query was longer than MaxQueryChars or MaxTerms words and was cut
	Words   int      // words searched for; 0 when the query had none worth searching
	Partial bool     // no page matched every word, so Hits match some of them
	Total   int      // pages matching
	Hits    []Result // the best of them, best first
}

// Result is one page found.
type Result struct {
	Kind    Kind
	URL     string
	Title   []Segment // the title, with matched words marked
	Detail  string    // what kind of subject, when written, by whom, in which group
	Snippet []Segment // a passage around the matches, or the start of the text
}

// Segment is a run of plain text, marked when it matched the query. Segments carry text, never
// HTML: whoever shows them escapes them.
type Segment struct {
	Text string
	Mark bool
}

// Search returns up to limit pages matching q, best first.
func (ix *Index) Search(q string, limit int) (Results, error) {
	limit = min(max(limit, 1), 100)
	var res Results
	res.Query, res.Cut = CutQuery(q)
	terms, more := ix.terms(res.Query)
	res.Cut = res.Cut || more
	res.Words = len(terms)
	if len(terms) == 0 {
		return res, nil
	}
	req := bleve.NewSearchRequestOptions(allOf(terms), limit, 0, false)
	sr, err := ix.bleve.Search(req)
	if err == nil && sr.Total == 0 && len(terms) > 1 {
		res.Partial = true
		req = bleve.NewSearchRequestOptions(anyOf(terms), limit, 0, false)
		sr, err = ix.bleve.Search(req)
	}
	if err != nil {
		return res, fmt.Errorf("search %q: %w", res.Query, err)
	}
	res.Total = int(sr.Total)
	m := ix.matcher(terms)
	for _, h := range sr.Hits {
		i, err := strconv.Atoi(h.ID)
		if err != nil || i < 0 || i >= len(ix.docs) {
			return res, fmt.Errorf("search %q: unknown document %q", res.Query, h.ID)
		}
		e := &ix.docs[i]
		res.Hits = append(res.Hits, Result{Kind: e.kind, URL: e.url, Detail: e.detail,
			Title: m.highlight(e.title), Snippet: m.snippet(e)})
	}
	return res, nil
}

// CutQuery trims q to its first MaxQueryChars characters, and reports whether it had to.
func CutQuery(q string) (string, bool) {
	n := 0
	for i := range q {
		if n == MaxQueryChars {
			return q[:i], true
		}
		n++
	}
	return q, false
}
