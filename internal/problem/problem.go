// Package problem is how versus reports what is wrong with a content file: every Problem names
// a path and a line (and a column when known), and a List collects all of them, so an author
// sees every problem of a run at once rather than the first. The loader, the front-matter
// layer and the importer report through it; `versus check` prints it as path:line: message or
// as JSON.
package problem

import (
	"fmt"
	"sort"
	"strings"

	"github.com/versus-dev/versus/internal/spelling"
)

// Problem is one thing wrong with the content, located at a file and line.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"` // 0 when only the line is known
	Message string `json:"message"`
	Kind    string `json:"kind"`
}

// Problem kinds, so tools can group problems.
const (
	Syntax    = "syntax"
	Unknown   = "unknown-key"
	Missing   = "missing"
	Type      = "type"
	Date      = "date"
	Slug      = "slug"
	Duplicate = "duplicate"
	Reference = "reference"
	Link      = "link"
	Encoding  = "encoding"
	Empty     = "empty"
	Table     = "table"
	Render    = "render"
	Level     = "level"
	Stance    = "stance"
	Wording   = "wording"
	Release   = "release"
	History   = "history"
)

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s", p.Path, max(p.Line, 1), p.Message)
}

// List is every problem found in a run; as an error it prints one per line.
type List []Problem

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Collector gathers problems as they are found. Its zero value is ready to use.
type Collector struct{ list List }

// Add records a problem at a line.
func (c *Collector) Add(path string, line int, kind, format string, args ...any) {
	c.AddAt(path, line, 0, kind, format, args...)
}

// AddAt records a problem at a line and column.
func (c *Collector) AddAt(path string, line, column int, kind, format string, args ...any) {
	c.list = append(c.list, Problem{Path: path, Line: line, Column: column, Message: fmt.Sprintf(format, args...), Kind: kind})
}

// Len is the number of problems recorded so far.
func (c *Collector) Len() int { return len(c.list) }

// List returns the problems sorted by path and line (in the order found among equals), or nil
// when there are none.
func (c *Collector) List() List {
	if len(c.list) == 0 {
		return nil
	}
	out := append(List(nil), c.list...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// DidYouMean is " (did you mean "x"?)" for the candidate closest to got, or "" when none is
// close enough: the tail of a message about an unknown name.
func DidYouMean(got string, candidates []string) string {
	if best, ok := spelling.Suggest(got, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
