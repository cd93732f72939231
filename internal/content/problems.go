package content

import (
	"fmt"
	"sort"
	"strings"
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
	KindSyntax    = "syntax"
	KindUnknown   = "unknown-key"
	KindMissing   = "missing"
	KindType      = "type"
	KindDate      = "date"
	KindSlug      = "slug"
	KindDuplicate = "duplicate"
	KindReference = "reference"
	KindLink      = "link"
	KindEncoding  = "encoding"
	KindEmpty     = "empty"
	KindTable     = "table"
)

func (p Problem) String() string {
	line := p.Line
	if line < 1 {
		line = 1
	}
	return fmt.Sprintf("%s:%d: %s", p.Path, line, p.Message)
}

// Problems is every problem found while loading; as an error it prints one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problemList collects problems during a load.
type problemList struct{ list Problems }

func (l *problemList) add(path string, line int, kind, format string, args ...any) {
	l.addAt(path, line, 0, kind, format, args...)
}

func (l *problemList) addAt(path string, line, column int, kind, format string, args ...any) {
	l.list = append(l.list, Problem{Path: path, Line: line, Column: column, Message: fmt.Sprintf(format, args...), Kind: kind})
}

func (l *problemList) sorted() Problems {
	sort.SliceStable(l.list, func(i, j int) bool {
		a, b := l.list[i], l.list[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Line < b.Line
	})
	return l.list
}

// didYouMean suggests the closest candidate within a small edit distance, or "".
func didYouMean(got string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := levenshtein(strings.ToLower(got), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	if len(got) > 8 {
		limit = 3
	}
	if bestD <= limit {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
