package importer

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/versus-dev/versus/internal/content"
)

// Reword is how the draft marks a claim kept in the source's own words: `versus check`
// refuses a source claim that starts with it, so the author must write it anew.
const Reword = content.Reword

// Slug is a file name for the draft: from the title, or else from the document's file name.
// Content slugs never hold "-vs-", which is the comparison separator, so "vs" is dropped.
func (d *Document) Slug() string {
	s := slugOf(d.Meta.Title)
	if s == "" {
		s = slugOf(strings.TrimSuffix(path.Base(d.Name), path.Ext(d.Name)))
	}
	return s
}

func slugOf(s string) string {
	var words []string
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return (r < 'a' || r > 'z') && (r < '0' || r > '9') }) {
		if w == "vs" || w == "versus" {
			continue
		}
		if n+len(w)+1 > 60 {
			break
		}
		words, n = append(words, w), n+len(w)+1
	}
	return strings.Join(words, "-")
}

// Draft writes the draft source digest: front matter with what was found, an empty summary,
// and the claims of each table in its own words, each row noting its line in the original.
// Rows that map to no aspect and columns that name no subject are kept in comments, so nothing
// is lost; long cells are marked for rewording. today dates the draft.
func (d *Document) Draft(today string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	yamlField(&b, "title", d.Meta.Title)
	if d.Meta.Author != "" {
		yamlField(&b, "author", d.Meta.Author)
	}
	yamlField(&b, "publisher", d.Meta.Publisher)
	if d.Meta.Date != "" {
		b.WriteString("date: " + d.Meta.Date + "\n")
	}
	if d.Meta.URL != "" {
		yamlField(&b, "url", d.Meta.URL)
	}
	b.WriteString("updated: " + today + "\n")
	b.WriteString("description: \"\" # one sentence: what kind of document this is\n")
	b.WriteString("---\n")
	fmt.Fprintf(&b, "<!-- Drafted by `versus import` from %s on %s. Before it is published: write the summary, "+
		"reword every claim marked %s, give each claim a stance, (agrees) or (differs), against our value, "+
		"and run `versus check`. -->\n\n", commentSafe(d.Name), today, Reword)
	b.WriteString("## Summary\n\n")
	b.WriteString("<!-- In your own words: what the document is, who wrote it and for whom, what it gets right, " +
		"what it gets wrong or leaves out, and how it compares with the other sources. -->\n\n")
	b.WriteString("## Claims\n")
	if len(d.Tables) == 0 {
		b.WriteString("\n<!-- No comparison table was found: write the claims from the text by hand, one row per aspect. -->\n")
		if subs := d.titleSubjects(); len(subs) >= 2 {
			b.WriteString("\n")
			writeHeader(&b, subs)
		}
	}
	for _, t := range d.Tables {
		fmt.Fprintf(&b, "\n<!-- From the %s at line %d of the document. -->\n\n", t.Kind, t.Line)
		var cols []int
		var subs []*content.Subject
		for i, s := range t.Subjects {
			if s != nil {
				cols, subs = append(cols, i), append(subs, s)
			}
		}
		writeHeader(&b, subs)
		var left []string
		for _, r := range t.Rows {
			if r.Aspect == nil {
				left = append(left, fmt.Sprintf("line %d: %s", r.Line, quoteCells(append([]string{r.Label}, r.Cells...))))
				continue
			}
			fmt.Fprintf(&b, "| %s <!-- line %d: %s --> ", r.Aspect.Label, r.Line, tableSafe(commentSafe(strconv.Quote(r.Label))))
			for _, c := range cols {
				cell := ""
				if c < len(r.Cells) {
					cell = r.Cells[c]
				}
				if words(cell) > MaxClaimWords {
					cell = Reword + " " + cell
				}
				b.WriteString("| " + tableSafe(cell) + " ")
			}
			b.WriteString("|\n")
		}
		for i, s := range t.Subjects {
			if s == nil {
				var cells []string
				for _, r := range t.Rows {
					if i < len(r.Cells) && r.Cells[i] != "" {
						cells = append(cells, fmt.Sprintf("line %d: %s", r.Line, commentSafe(strconv.Quote(r.Cells[i]))))
					}
				}
				left = append(left, fmt.Sprintf("column %s names no subject we know; its cells: %s", commentSafe(strconv.Quote(t.Headers[i])), strings.Join(cells, "; ")))
			}
		}
		if len(left) > 0 {
			b.WriteString("\n<!-- Left out, to map by hand or drop:\n")
			for _, l := range left {
				b.WriteString("  " + l + "\n")
			}
			b.WriteString("-->\n")
		}
	}
	return []byte(b.String())
}

func writeHeader(b *strings.Builder, subs []*content.Subject) {
	b.WriteString("| Aspect |")
	for _, s := range subs {
		b.WriteString(" " + s.Name + " |")
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(subs)) + "\n")
}

// titleSubjects are the subjects the title names, for the header of a table to write by hand.
func (d *Document) titleSubjects() []*content.Subject {
	if d.mapper == nil {
		return nil
	}
	return d.mapper.subjectsIn(d.Meta.Title)
}

func yamlField(b *strings.Builder, key, value string) {
	b.WriteString(key + ": " + strconv.Quote(value) + "\n")
}

// tableSafe keeps a cell inside its table: pipes escaped, line breaks folded.
func tableSafe(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

// commentSafe keeps text inside an HTML comment.
func commentSafe(s string) string { return strings.ReplaceAll(s, "--", "- -") }

func quoteCells(cells []string) string {
	q := make([]string, len(cells))
	for i, c := range cells {
		q[i] = commentSafe(strconv.Quote(c))
	}
	return strings.Join(q, " | ")
}
