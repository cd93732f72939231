package content

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
)

// TestRenderFailureIsReported checks that a body that cannot be rendered is an error with the
// file and line, from Body and from RenderAll, never a silent fallback.
func TestRenderFailureIsReported(t *testing.T) {
	failing := func(src []byte) (*markdown.Document, error) {
		if strings.Contains(string(src), "[the matrix]") { // the article hello
			return nil, &markdown.RenderError{Line: 3, Err: errors.New("highlight go: lexer failed")}
		}
		return markdown.Render(src)
	}
	site, err := LoadSite(validFS(), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), render: failing})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := site.Article("hello")
	if _, err := a.Body(); err == nil || !strings.HasPrefix(err.Error(), "articles/hello.md:9: the body cannot be rendered") {
		t.Errorf("Body() error = %v, want it at articles/hello.md:9 (body line 7 + 3 - 1)", err)
	}
	err = site.RenderAll()
	var probs problem.List
	if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Path != "articles/hello.md" || probs[0].Kind != problem.Render {
		t.Errorf("RenderAll() = %v", err)
	}
	ok, _ := load(t, validFS())
	if err := ok.RenderAll(); err != nil {
		t.Errorf("RenderAll on good content: %v", err)
	}
}
