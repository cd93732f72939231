package search

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainText returns the readable text of HTML rendered by internal/markdown: entities decoded,
// whitespace collapsed, block boundaries kept as spaces so words of neighbouring cells or
// paragraphs never run together, and headings ended like sentences. Heading anchor links ("#")
// and footnote back-links ("↩︎") are left out; they are navigation, not text.
func plainText(h template.HTML) string {
	var w textWriter
	z := html.NewTokenizer(strings.NewReader(string(h)))
	skip := 0 // depth of <a> elements inside a navigation link being left out
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return w.b.String()
		}
		if tt == html.TextToken {
			if skip == 0 {
				w.text(string(z.Text()))
			}
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		switch {
		case skip > 0 && a == atom.A && tt == html.StartTagToken:
			skip++
		case skip > 0 && a == atom.A && tt == html.EndTagToken:
			skip--
		case skip > 0:
		case a == atom.A && tt == html.StartTagToken && hasAttr && navLink(z):
			skip = 1
		case heading[a] && tt == html.EndTagToken:
			w.endSentence()
		case block[a]:
			w.space = true
		}
	}
}

// textWriter collapses white space: a space is written only between two words.
type textWriter struct {
	b     strings.Builder
	space bool // a space is due before the next word
}

func (w *textWriter) text(t string) {
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsSpace(r) {
		w.space = true
	}
	for _, f := range strings.Fields(t) {
		if w.space && w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(f)
		w.space = true
	}
	if r, _ := utf8.DecodeLastRuneInString(t); t != "" && !unicode.IsSpace(r) {
		w.space = false
	}
}

// endSentence ends a heading with a full stop unless it has punctuation of its own, so a
// snippet reads "What blocks the event loop. The guide…", not "…event loop The guide…".
func (w *textWriter) endSentence() {
	r, _ := utf8.DecodeLastRuneInString(w.b.String())
	if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(")”’\"'`", r) {
		w.b.WriteByte('.')
	}
	w.space = true
}

// navLink reports whether the <a> tag being read is a heading anchor or a footnote back-link.
func navLink(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "class" {
			c := string(v)
			return c == "anchor" || c == "footnote-backref"
		}
		if !more {
			return false
		}
	}
}

var heading = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// block lists the elements whose start and end separate words.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Pre: true,
	atom.Blockquote: true, atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Section: true,
	atom.Sup: true,
}
