package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A text line and its 1-based number in the document.
type textLine struct {
	n int
	s string
}

func splitLines(data []byte) []textLine {
	raw := strings.Split(string(data), "\n")
	lines := make([]textLine, len(raw))
	for i, s := range raw {
		lines[i] = textLine{i + 1, strings.TrimRight(s, " \t\r")}
	}
	return lines
}

// readText reads plain text: its metadata from the opening lines, and its tables, whether GFM,
// cells separated by " | ", or flattened rows under a header line that names subjects.
func readText(m *mapper, data []byte) (Meta, []*Table) {
	lines := splitLines(data)
	return textMeta(m, lines), textTables(m, lines)
}

// textTables finds every table in lines.
func textTables(m *mapper, lines []textLine) []*Table {
	var tables []*Table
	for i := 0; i < len(lines); {
		if t, next := gfmTable(m, lines, i); t != nil || next > i {
			if t != nil {
				tables = append(tables, t)
			}
			i = next
			continue
		}
		if t, next := pipeTable(m, lines, i); t != nil {
			tables = append(tables, t)
			i = next
			continue
		}
		if t, next := flattenedTable(m, lines, i); t != nil {
			tables = append(tables, t)
			i = next
			continue
		}
		i++
	}
	return tables
}

// gfmTable reads a GFM table starting at lines[i]: a row, a delimiter row, then rows. It
// returns the index after the table (or i when there is none) and the table when its header
// names subjects.
func gfmTable(m *mapper, lines []textLine, i int) (*Table, int) {
	if i+1 >= len(lines) || !isGFMRow(lines[i].s) || !isGFMDelimiter(lines[i+1].s) {
		return nil, i
	}
	header := gfmCells(lines[i].s)
	var rows [][]string
	var nums []int
	j := i + 2
	for ; j < len(lines) && isGFMRow(lines[j].s) && !isGFMDelimiter(lines[j].s); j++ {
		rows = append(rows, gfmCells(lines[j].s))
		nums = append(nums, lines[j].n)
	}
	return m.table("GFM table", lines[i].n, header, rows, nums), j
}

func isGFMRow(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "|") || strings.Count(s, "|")-strings.Count(s, `\|`) >= 1 && strings.Contains(s, " | ")
}

func isGFMDelimiter(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "-") {
		return false
	}
	for _, c := range strings.Trim(s, "|") {
		if !strings.ContainsRune("-:| \t", c) {
			return false
		}
	}
	return true
}

// gfmCells splits a GFM row on the pipes that are not escaped, dropping the outer ones.
func gfmCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			b.WriteByte('|')
			i++
		case s[i] == '|':
			cells = append(cells, cleanCell(b.String()))
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(cells, cleanCell(b.String()))
}

// cleanCell is a cell's text without Markdown emphasis or extra spaces.
func cleanCell(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "", "<br>", " ", "<br/>", " ", "<br />", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// pipeTable reads rows whose cells are separated by "|" with no delimiter row, as a rendered
// table saved as text often is. A row may wrap: a line that ends in "|" short of the header's
// cells is continued by the next line's cells, and a line with no "|" continues the last cell.
func pipeTable(m *mapper, lines []textLine, i int) (*Table, int) {
	if !strings.Contains(lines[i].s, " | ") {
		return nil, i
	}
	header := pipeCells(lines[i].s)
	if m.table("rows separated by |", lines[i].n, header, nil, nil) == nil {
		return nil, i
	}
	var rows [][]string
	var nums []int
	var cur []string // the row being read, until it has a cell per header cell
	open := false    // the last line did not end in "|": its last cell may go on
	flush := func() {
		if cur != nil {
			rows, cur = append(rows, cur), nil
		}
	}
	j := i + 1
reading:
	for ; j < len(lines); j++ {
		s := strings.TrimSpace(lines[j].s)
		if s == "" {
			break
		}
		if !strings.Contains(s, "|") {
			switch {
			case cur != nil:
				cur[len(cur)-1] += " " + s
			case len(rows) > 0 && open && len(s) <= maxWrappedLine:
				last := rows[len(rows)-1]
				last[len(last)-1] += " " + s
			default:
				break reading // prose after the table
			}
			continue
		}
		open = !strings.HasSuffix(s, "|")
		if cur == nil {
			nums = append(nums, lines[j].n)
		}
		cur = append(cur, pipeCells(s)...)
		if len(cur) >= len(header) {
			flush()
		}
	}
	flush()
	if len(rows) == 0 {
		return nil, i // a line that mentions subjects between pipes, not a table
	}
	for k := range rows {
		rows[k] = trimAll(rows[k])
	}
	return m.table("rows separated by |", lines[i].n, header, rows, nums), j
}

// maxWrappedLine is the longest line taken as the end of a wrapped cell; a longer one is the
// prose after the table.
const maxWrappedLine = 80

// pipeCells splits a line on "|", dropping the empty cell after a closing pipe.
func pipeCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "|")
	return trimAll(strings.Split(s, "|"))
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = cleanCell(c)
	}
	return out
}

// flattenedTable reads a table whose cells were run together when the page was saved as text:
// a header line that names two or more subjects ("Aspect Node.js Django" or
// "FeatureNode.jsDjango"), then one line per row up to a blank line.
func flattenedTable(m *mapper, lines []textLine, i int) (*Table, int) {
	label, subs, names, glued, ok := m.headerSubjects(lines[i].s)
	if !ok {
		return nil, i
	}
	t := &Table{Line: lines[i].n, Kind: "flattened rows", Subjects: subs, Headers: names, Label: label}
	if glued {
		t.Kind = "flattened rows, cells run together"
	}
	j := i + 1
	for ; j < len(lines) && strings.TrimSpace(lines[j].s) != "" && len(lines[j].s) <= maxFlattenedRow; j++ {
		t.Rows = append(t.Rows, m.flattenedRow(lines[j].n, lines[j].s, len(subs), glued))
	}
	if len(t.Rows) == 0 {
		return nil, i
	}
	return t, j
}

// maxFlattenedRow is the longest line read as a table row; a longer one is prose.
const maxFlattenedRow = 400

// flattenedRow splits one flattened row into its label and n cells.
func (m *mapper) flattenedRow(line int, s string, n int, glued bool) *Row {
	s = strings.TrimSpace(s)
	r := &Row{Line: line}
	if a, label, rest := m.aspectPrefix(s); a != nil {
		r.Aspect, r.Match, r.Label = a, 1, label
		r.Cells, r.Confidence = m.splitCells(rest, n, glued || gluedAfter(s, label))
		return r
	}
	parts, conf := m.splitCells(s, n+1, glued)
	r.Label, r.Cells, r.Confidence = parts[0], parts[1:], conf
	r.Aspect, r.Match = m.aspectOf(r.Label)
	return r
}

// gluedAfter reports whether the row's first cell runs straight on from its label.
func gluedAfter(row, label string) bool {
	return len(row) > len(label) && row[len(label)] != ' '
}

// splitCells divides a flattened row into n cells and says how sure the split is. Cells run
// together split where a lowercase letter, a digit or a closing bracket meets a capital, unless
// a known word ("JavaScript") spans the join; cells separated by spaces split where a new cell
// most plausibly starts: a capital after a full stop beats a capital after a comma or "for".
func (m *mapper) splitCells(s string, n int, glued bool) ([]string, float64) {
	s = strings.TrimSpace(s)
	if n <= 1 {
		return []string{s}, 1
	}
	if glued {
		if cuts := m.gluedCuts(s); len(cuts) == n-1 {
			return cutAt(s, cuts), 0.95
		} else if len(cuts) > n-1 {
			return cutAt(s, bestCuts(s, cuts, n-1, gluedScore)), 0.5
		}
	}
	cands := spaceCandidates(s)
	if len(cands) < n-1 {
		cells := cutAt(s, cands)
		for len(cells) < n {
			cells = append(cells, "")
		}
		return cells, 0.2
	}
	cuts := bestCuts(s, cands, n-1, spaceScore)
	return cutAt(s, cuts), spaceConfidence(s, cands, cuts)
}

// gluedCuts are the byte offsets where one run-together cell ends and the next begins.
func (m *mapper) gluedCuts(s string) []int {
	m.init()
	var protected [][2]int
	for _, w := range m.camel {
		for from := 0; ; {
			k := strings.Index(s[from:], w)
			if k < 0 {
				break
			}
			protected = append(protected, [2]int{from + k, from + k + len(w)})
			from += k + len(w)
		}
	}
	var cuts []int
	prev := rune(0)
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev) || prev == ')' || prev == ']') {
			inside := false
			for _, p := range protected {
				if p[0] < i && i < p[1] {
					inside = true
					break
				}
			}
			if !inside {
				cuts = append(cuts, i)
			}
		}
		prev = r
	}
	return cuts
}

// spaceCandidates are the offsets of every word but the first: where a cell could begin.
func spaceCandidates(s string) []int {
	var cands []int
	for i := 1; i < len(s); i++ {
		if s[i-1] == ' ' && s[i] != ' ' {
			cands = append(cands, i)
		}
	}
	return cands
}

// cutAt splits s at the given increasing offsets.
func cutAt(s string, cuts []int) []string {
	var out []string
	from := 0
	for _, c := range cuts {
		out = append(out, strings.TrimSpace(s[from:c]))
		from = c
	}
	return append(out, strings.TrimSpace(s[from:]))
}

// bestCuts picks k of the candidate offsets with the highest scores, in order.
func bestCuts(s string, cands []int, k int, score func(s string, at int) float64) []int {
	type scored struct {
		at    int
		score float64
	}
	all := make([]scored, len(cands))
	for i, c := range cands {
		all[i] = scored{c, score(s, c) - balance(s, c, k)}
	}
	// Highest first; on a tie the earlier offset.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && (all[j].score > all[j-1].score || all[j].score == all[j-1].score && all[j].at < all[j-1].at); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	cuts := make([]int, 0, k)
	for _, c := range all[:k] {
		cuts = append(cuts, c.at)
	}
	for i := 1; i < len(cuts); i++ {
		for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	return cuts
}

// balance is a small penalty for a cut that leaves one cell much longer than the other: with
// k cuts, cells are expected to be about equally long.
func balance(s string, at, k int) float64 {
	if k != 1 {
		return 0
	}
	l, r := float64(at), float64(len(s)-at)
	if l+r == 0 {
		return 0
	}
	d := l - r
	if d < 0 {
		d = -d
	}
	return 0.5 * d / (l + r)
}

func gluedScore(s string, at int) float64 {
	prev, _ := utf8.DecodeLastRuneInString(s[:at])
	if prev == ')' || prev == ']' {
		return 1
	}
	return 0
}

// continuing are words after which a cell rarely ends, and with which (in lowercase) one
// rarely starts.
var continuing = map[string]bool{"a": true, "an": true, "and": true, "or": true, "for": true, "with": true, "of": true, "the": true,
	"to": true, "in": true, "on": true, "by": true, "via": true, "as": true, "than": true, "from": true, "at": true, "is": true,
	"are": true, "be": true, "but": true, "nor": true, "into": true, "its": true, "their": true, "your": true, "like": true}

// spaceScore is how plausibly a new cell begins at the word at offset at.
func spaceScore(s string, at int) float64 {
	word := s[at:]
	if k := strings.IndexByte(word, ' '); k >= 0 {
		word = word[:k]
	}
	before := strings.TrimRight(s[:at], " ")
	prevWord := before
	if k := strings.LastIndexByte(before, ' '); k >= 0 {
		prevWord = before[k+1:]
	}
	first, _ := utf8.DecodeRuneInString(word)
	last, _ := utf8.DecodeLastRuneInString(before)
	score := 0.0
	switch {
	case unicode.IsUpper(first) && isAcronym(word):
		score += 0.5
	case unicode.IsUpper(first):
		score += 2
	case unicode.IsDigit(first):
		score += 0.5
	case first == '(':
		score--
	case continuing[strings.ToLower(word)]:
		score--
	}
	switch {
	case last == '.' || last == '!' || last == '?':
		score += 1.5
	case last == ')':
		score++
	case last == ',' || last == ':' || last == ';' || last == '/' || last == '-' || last == '&':
		score -= 2
	}
	if continuing[strings.ToLower(prevWord)] {
		score -= 2
	}
	return score
}

// isAcronym reports whether a word is written in capitals, such as "ORM," or "I/O-bound".
func isAcronym(w string) bool {
	caps, letters := 0, 0
	for _, r := range w {
		if r == '/' {
			return true
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		}
		if letters == 3 {
			break
		}
	}
	return caps >= 2
}

// spaceConfidence turns the margin between the chosen cuts and the best cut not taken into a
// confidence: a clear winner is 0.9, a near tie about 0.5.
func spaceConfidence(s string, cands, cuts []int) float64 {
	k := len(cuts)
	chosen := map[int]bool{}
	worst := 1e9
	for _, c := range cuts {
		chosen[c] = true
		worst = min(worst, spaceScore(s, c)-balance(s, c, k))
	}
	runner := -1e9
	for _, c := range cands {
		if !chosen[c] {
			runner = max(runner, spaceScore(s, c)-balance(s, c, k))
		}
	}
	if runner == -1e9 {
		return 0.9
	}
	return max(0.3, min(0.9, 0.5+0.2*(worst-runner)))
}
