package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id and, on h2–h4, a visible anchor link so a
// reader can copy a link to the section.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + string(rune('0'+n.Level))
	id, _ := n.AttributeString("id")
	idBytes, _ := id.([]byte)
	if entering {
		_, _ = w.WriteString("<" + tag)
		if len(idBytes) > 0 {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(idBytes))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if n.Level >= 2 && n.Level <= 4 && len(idBytes) > 0 {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(idBytes))
		_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	_, _ = w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// codeRenderer highlights fenced code blocks with chroma.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code = append(code, seg.Value(source)...)
	}
	lang := ""
	if n.Info != nil {
		lang = string(n.Language(source))
	}
	if err := highlight(w, string(code), lang); err != nil {
		line := 1
		if n.Lines().Len() > 0 {
			line += bytes.Count(source[:n.Lines().At(0).Start], []byte("\n"))
		}
		return ast.WalkStop, &RenderError{Line: line, Err: err}
	}
	return ast.WalkSkipChildren, nil
}

// RenderError is a part of a document that could not be rendered, at a 1-based line of the
// source given to Render.
type RenderError struct {
	Line int
	Err  error
}

func (e *RenderError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *RenderError) Unwrap() error { return e.Err }
