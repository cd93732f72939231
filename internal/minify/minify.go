// Package minify makes the site's HTML and CSS smaller on the wire with tdewolff/minify, the
// minifier Hugo uses: white space that does not show, comments, redundant CSS. It keeps every
// end tag, the document tags and attribute quotes, so pages stay as readable to tools (and to
// our tests and link checker) as they were; the savings are measured in docs/PERFORMANCE.md.
package minify

import (
	"bytes"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
)

var m = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	return m
}()

// HTML returns page minified, or page itself if it cannot be parsed.
func HTML(page []byte) []byte { return run("text/html", page) }

// CSS returns a stylesheet minified, or itself if it cannot be parsed.
func CSS(sheet []byte) []byte { return run("text/css", sheet) }

func run(mediatype string, in []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(in))
	if err := m.Minify(mediatype, &out, bytes.NewReader(in)); err != nil {
		return in
	}
	return out.Bytes()
}
