// Package markdown turns the site's Markdown into HTML in exactly one way: GitHub-flavoured
// Markdown with footnotes and typographic punctuation, stable Unicode-aware heading IDs with
// anchor links, chroma-highlighted code with CSS classes, and no raw HTML. Alongside the HTML
// it returns what the rest of the site needs from a document: its table of contents, its
// tables (with line numbers, for feature-table extraction) and its links (for link checking).
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is one entry of a document's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Cell is one table cell's plain text and the 1-based line it is on.
type Cell struct {
	Text string
	Line int
}

// Table is a GFM table: its header row and body rows, with line numbers.
type Table struct {
	Line   int
	Header []Cell
	Rows   [][]Cell
}

// Link is a link destination found in the document and the line it is on.
type Link struct {
	Dest string
	Line int
}

// Document is a rendered Markdown document. Line numbers are relative to the source given
// to Render, starting at 1.
type Document struct {
	HTML   []byte
	TOC    []Heading // h2 and h3, in document order
	IDs    []string  // every heading id, for checking #fragment links
	Tables []Table
	Links  []Link
	Words  int
}

// maxNesting bounds how deeply lists and block quotes may nest. goldmark's cost grows with the
// square of the depth (2,000 levels took 11 s), and no real document needs more than a handful.
const maxNesting = 32

// deepestNesting estimates, in one pass, the deepest container nesting of any line: two columns
// of indentation or one list or quote marker count as one level. It returns the 1-based line
// and its depth.
func deepestNesting(src []byte) (line, depth int) {
	ln := 1
	inFence := false
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		l := src[:end]
		if t := bytes.TrimLeft(l, " \t"); bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			inFence = !inFence // indentation inside code is not nesting
		} else if d := lineNesting(l); !inFence && d > depth {
			line, depth = ln, d
		}
		if end == len(src) {
			break
		}
		src = src[end+1:]
		ln++
	}
	return line, depth
}

func lineNesting(l []byte) int {
	cols, markers := 0, 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == ' ':
			cols++
		case c == '\t':
			cols += 4
		case c == '>':
			markers++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			markers++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && l[j+1] == ' ' {
				markers++
				i = j
				continue
			}
			return cols/2 + markers
		default:
			return cols/2 + markers
		}
	}
	return cols/2 + markers
}

// maxSourceBytes bounds the size of a document we agree to render, so that a runaway file is
// reported instead of exhausting the machine.
const maxSourceBytes = 4 << 20

var md = goldmark.New(
	goldmark.WithExtensions(
		extension.GFM, // tables, strikethrough, autolinks, task lists
		extension.Footnote,
		extension.Typographer,
	),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(siteTransformer{}, 100)),
	),
	goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(
			util.Prioritized(headingRenderer{}, 100),
			util.Prioritized(codeRenderer{}, 100),
		),
	),
)

// Render converts Markdown source to HTML and collects the document's outline, tables and links.
// Raw HTML in the source is dropped, and dangerous link schemes are not rendered as links.
func Render(src []byte) (*Document, error) {
	doc, root, err := parse(src)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	doc.HTML = buf.Bytes()
	return doc, nil
}

// Parse collects a document's outline, tables, links and word count without rendering HTML,
// which is where highlighting spends most of the time: a loader can validate a site quickly
// and render each page when it is first needed.
func Parse(src []byte) (*Document, error) {
	doc, _, err := parse(src)
	return doc, err
}

func parse(src []byte) (*Document, ast.Node, error) {
	if len(src) > maxSourceBytes {
		return nil, nil, fmt.Errorf("document is %d bytes; the limit is %d", len(src), maxSourceBytes)
	}
	if !utf8.Valid(src) {
		return nil, nil, fmt.Errorf("document is not valid UTF-8")
	}
	if line, depth := deepestNesting(src); depth > maxNesting {
		return nil, nil, fmt.Errorf("line %d nests lists or quotes %d levels deep; the limit is %d", line, depth, maxNesting)
	}
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	doc := &Document{}
	if err := collect(root, src, newLineIndex(src), doc); err != nil {
		return nil, nil, err
	}
	return doc, root, nil
}

// collect walks the parsed document once, gathering headings, tables, links and a word count.
func collect(root ast.Node, src []byte, lines lineIndex, doc *Document) error {
	return ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idStr := string(id.([]byte))
			doc.IDs = append(doc.IDs, idStr)
			if n.Level == 2 || n.Level == 3 {
				doc.TOC = append(doc.TOC, Heading{Level: n.Level, ID: idStr, Text: plainText(n, src)})
			}
		case *extast.Table:
			doc.Tables = append(doc.Tables, tableOf(n, src, lines))
		case *ast.Link:
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Line: lines.lineOfNode(n)})
		case *ast.Text:
			doc.Words += len(strings.Fields(string(n.Segment.Value(src))))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			doc.Words += countCodeWords(n, src)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

func countCodeWords(n ast.Node, src []byte) int {
	words := 0
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		words += len(strings.Fields(string(seg.Value(src))))
	}
	return words
}

func tableOf(t *extast.Table, src []byte, lines lineIndex) Table {
	var out Table
	out.Line = lines.lineOfNode(t)
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []Cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, Cell{Text: plainText(c, src), Line: lines.lineOfNode(c)})
		}
		if _, ok := row.(*extast.TableHeader); ok {
			out.Header = cells
			continue
		}
		out.Rows = append(out.Rows, cells)
	}
	if out.Line == 0 && len(out.Header) > 0 {
		out.Line = out.Header[0].Line
	}
	return out
}

// plainText returns the visible text of an inline subtree: text, code spans and link labels.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// The typographer turns quotes into entities such as &rsquo;; plain text wants the characters.
	return strings.TrimSpace(html.UnescapeString(b.String()))
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) lineOf(offset int) int {
	lo, hi := 0, len(l)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// lineOfNode finds the first source offset under n (its own lines, or its first
// descendant's text) and returns that line; 0 if the node has no position.
func (l lineIndex) lineOfNode(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || off >= 0 {
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return 0
	}
	return l.lineOf(off)
}

// siteTransformer marks links that leave the site with rel="noopener", and makes tables
// focusable: on a narrow screen a wide table scrolls sideways inside itself, and a keyboard
// user can only scroll a region that takes focus.
type siteTransformer struct{}

func (siteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if IsExternal(string(n.Destination)) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *extast.Table:
			n.SetAttributeString("tabindex", []byte("0"))
		}
		return ast.WalkContinue, nil
	})
}

// IsExternal reports whether a link destination leaves the site.
func IsExternal(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "//")
}

// Inline renders a short piece of Markdown, such as a table note, as inline HTML: emphasis,
// code spans and links, without the surrounding paragraph. Raw HTML is dropped.
func Inline(src string) (string, error) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	out := strings.TrimSpace(buf.String())
	out = strings.TrimPrefix(out, "<p>")
	out = strings.TrimSuffix(out, "</p>")
	return out, nil
}
