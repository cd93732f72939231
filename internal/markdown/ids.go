package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// headingIDs generates heading ids that keep letters and digits of any script, so that
// "Évènements" and "並行性" get readable, stable ids, and de-duplicates repeats with -2, -3…
type headingIDs struct {
	seen map[string]bool
}

func newHeadingIDs() parser.IDs { return &headingIDs{seen: map[string]bool{}} }

// Slug is the id a heading's text becomes before de-duplication: lowercase letters and digits
// of any script, runs of anything else folded to a single hyphen. It is never empty.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "Django's" → "djangos": apostrophes are not word breaks.
		default:
			hyphen = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	id := base
	for n := 2; h.seen[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	h.seen[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }
