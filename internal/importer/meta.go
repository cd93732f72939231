package importer

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/goccy/go-yaml"
)

// dateLayouts are the ways documents write their dates, most specific first.
var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "2006/01/02", "January 2, 2006", "Jan 2, 2006",
	"2 January 2006", "2 Jan 2006", "January 02, 2006", "Jan. 2, 2006", "02-01-2006"}

// isoDate turns a written date into YYYY-MM-DD, or "" when it is not one.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// datePattern finds a date written out in a line of text.
var datePattern = regexp.MustCompile(`(\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}|\d{2}-\d{2}-\d{4})\b`)

// metaLines is how far into a text document its metadata is looked for.
const metaLines = 25

// textMeta finds a plain-text document's title, author and date in its opening lines: the
// title is the first line that names two subjects side by side ("Node.js vs Django"), or else
// the first line; the author a line that reads as a person's name; the date the first date.
func textMeta(m *mapper, lines []textLine) Meta {
	var meta Meta
	var first string
	seen := 0
	for _, l := range lines {
		s := strings.TrimSpace(l.s)
		if s == "" {
			continue
		}
		if seen++; seen > metaLines {
			break
		}
		if first == "" && !strings.Contains(s, "://") {
			first = s
		}
		if meta.Title == "" && len(s) < 160 && !strings.Contains(s, "://") && len(m.subjectsIn(s)) >= 2 {
			meta.Title = s
		}
		if after, ok := cutLabel(s, "by", "written by", "author:", "author"); ok && meta.Author == "" && m.isPersonName(after) {
			meta.Author = after
			meta.notes = append(meta.notes, Finding{l.n, GuessedMetadata, sprintf("author %q taken from this line: check it", after)})
		}
		if meta.Author == "" && m.isPersonName(s) {
			meta.Author = s
			meta.notes = append(meta.notes, Finding{l.n, GuessedMetadata, sprintf("author %q guessed from a line that reads as a name: check it", s)})
		}
		if meta.Date == "" {
			if d := isoDate(datePattern.FindString(s)); d != "" {
				meta.Date = d
				meta.notes = append(meta.notes, Finding{l.n, GuessedMetadata, sprintf("date %s taken from this line: check it is the publication date", d)})
			}
		}
	}
	if meta.Title == "" {
		meta.Title = first
	}
	meta.Title = cleanCell(meta.Title) // without Markdown emphasis
	return meta
}

func cutLabel(s string, labels ...string) (string, bool) {
	low := strings.ToLower(s)
	for _, l := range labels {
		if strings.HasPrefix(low, l+" ") {
			return strings.TrimSpace(s[len(l)+1:]), true
		}
	}
	return "", false
}

// isPersonName reports whether a line reads as a name: two to four words, each a capital
// followed by lowercase letters ("Tasadduq Ali"), none of them a word of the site's own
// vocabulary or a heading ("Feature Comparison Matrix").
func (m *mapper) isPersonName(s string) bool {
	m.init()
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 || m.subjectOf(s) != nil {
		return false
	}
	for _, w := range words {
		if m.known[strings.ToLower(w)] || headingWords[strings.ToLower(w)] {
			return false
		}
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) || len(rs) < 2 {
			return false
		}
		for _, r := range rs[1:] {
			if !unicode.IsLower(r) && r != '-' && r != '\'' && r != '’' {
				return false
			}
		}
	}
	return true
}

// headingWords are words of section headings and page furniture that are not names.
var headingWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`about after all also an and are as at back be before best between blog by can choice choose
		community comparison comparisons conclusion contents cost development differences do does each features feature final for from
		frequently get guide help home how in introduction is it its key latest learn more matrix menu minute minutes most new next
		of on or our overview performance post posted posts previous read related share should sign summary table the their this to
		top use used uses verdict versus vs what when which who why with you your`) {
		headingWords[w] = true
	}
}

// subjectsIn lists the known subjects named in a line of text, in the order of the site.
func (m *mapper) subjectsIn(s string) []*Subject {
	m.init()
	low := " " + strings.ToLower(s) + " "
	if len(low) != len(s)+2 {
		return nil
	}
	var out []*Subject
	at := map[*Subject]int{}
	for _, n := range m.subject {
		i := strings.Index(low, n.name)
		if i < 0 || len(n.name) < 2 {
			continue
		}
		// A short name is also a word ("go", "bun"): it counts only with its capital.
		if len(n.name) <= 3 && !unicode.IsUpper(rune(s[i-1])) {
			continue
		}
		before, after := rune(low[i-1]), rune(low[i+len(n.name)])
		if unicode.IsLetter(before) || unicode.IsDigit(before) || unicode.IsLetter(after) || unicode.IsDigit(after) {
			continue
		}
		if _, dup := at[n.v]; !dup {
			out = append(out, n.v)
			at[n.v] = i
		} else {
			at[n.v] = min(at[n.v], i)
		}
	}
	slices.SortStableFunc(out, func(a, b *Subject) int { return at[a] - at[b] }) // in the order written
	return out
}

// readMarkdown reads a Markdown document: YAML front matter (title, author or authors,
// date, site or publisher, url), the first "# " heading as a title, and its tables, whether
// GFM or HTML written inline.
func readMarkdown(m *mapper, data []byte) (Meta, []*Table) {
	lines := splitLines(data)
	var meta Meta
	body := lines
	if len(lines) > 0 && strings.TrimSpace(lines[0].s) == "---" {
		for i := 1; i < len(lines); i++ {
			if strings.TrimSpace(lines[i].s) == "---" {
				meta = frontMatterMeta(lines[1:i])
				body = lines[i+1:]
				break
			}
		}
	}
	if meta.Title == "" {
		for _, l := range body {
			if t, ok := strings.CutPrefix(l.s, "# "); ok {
				meta.Title = strings.TrimSpace(t)
				break
			}
		}
	}
	text := textMeta(m, body)
	if meta.Title == "" {
		meta.Title = text.Title
	}
	if meta.Date == "" {
		meta.Date = text.Date
	}
	tables := textTables(m, body)
	if strings.Contains(strings.ToLower(string(data)), "<table") {
		tables = append(tables, htmlTables(m, data, nil)...)
	}
	return meta, tables
}

// frontMatterMeta reads the metadata keys static site generators use.
func frontMatterMeta(lines []textLine) Meta {
	var src strings.Builder
	for _, l := range lines {
		src.WriteString(l.s + "\n")
	}
	var fm map[string]any
	if yaml.Unmarshal([]byte(src.String()), &fm) != nil {
		return Meta{}
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			switch v := fm[k].(type) {
			case string:
				if strings.TrimSpace(v) != "" {
					return strings.TrimSpace(v)
				}
			case time.Time:
				return v.Format("2006-01-02")
			case []any:
				var names []string
				for _, x := range v {
					if s, ok := x.(string); ok {
						names = append(names, s)
					}
				}
				if len(names) > 0 {
					return strings.Join(names, ", ")
				}
			}
		}
		return ""
	}
	return Meta{
		Title:     str("title"),
		Author:    str("author", "authors"),
		Publisher: str("publisher", "site", "site_name"),
		Date:      isoDate(str("date", "published", "publishDate", "pubDate", "updated", "lastmod")),
		URL:       str("canonical_url", "url", "canonical"),
	}
}
