package importer

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML reads an HTML page: its metadata from the head (title, author, site name,
// published time, canonical URL) and its tables.
func readHTML(m *mapper, data []byte) (Meta, []*Table) {
	var meta Meta
	var h1 string
	tables := htmlTables(m, data, func(tok html.Token, text func() string) {
		switch tok.DataAtom {
		case atom.Title:
			if meta.Title == "" {
				meta.Title = text()
			}
		case atom.H1:
			if h1 == "" {
				h1 = text()
			}
		case atom.Meta:
			name, prop, value := attr(tok, "name"), attr(tok, "property"), strings.TrimSpace(attr(tok, "content"))
			switch {
			case value == "":
			case prop == "og:title" || name == "twitter:title":
				meta.Title = value
			case name == "author" || prop == "article:author" && !strings.Contains(value, "://"):
				meta.Author = value
			case prop == "og:site_name" || name == "application-name" && meta.Publisher == "":
				meta.Publisher = value
			case prop == "article:published_time" || name == "date" || name == "dc.date" || prop == "og:updated_time" && meta.Date == "":
				meta.Date = isoDate(value)
			case prop == "og:url" && meta.URL == "":
				meta.URL = value
			}
		case atom.Link:
			if attr(tok, "rel") == "canonical" {
				meta.URL = attr(tok, "href")
			}
		case atom.Time:
			if meta.Date == "" {
				meta.Date = isoDate(attr(tok, "datetime"))
			}
		}
	})
	if meta.Title == "" {
		meta.Title = h1
	}
	return meta, tables
}

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// htmlTables finds the tables of an HTML document or fragment, reporting every other start tag
// to seen with a way to read the text up to its end tag. Line numbers count the newlines of
// the raw bytes read so far, so they are the document's own.
func htmlTables(m *mapper, data []byte, seen func(tok html.Token, text func() string)) []*Table {
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	next := func() html.TokenType {
		tt := z.Next()
		return tt
	}
	advance := func() { line += bytes.Count(z.Raw(), []byte{'\n'}) }
	// textUntil reads the text up to the end tag of a, joining words with single spaces.
	textUntil := func(a atom.Atom) string {
		var b strings.Builder
		for {
			tt := next()
			tok := z.Token()
			advance()
			switch {
			case tt == html.ErrorToken:
				return cleanCell(b.String())
			case tt == html.TextToken:
				b.WriteString(tok.Data)
			case tt == html.StartTagToken && (tok.DataAtom == atom.Br || tok.DataAtom == atom.P || tok.DataAtom == atom.Li):
				b.WriteByte(' ')
			case tt == html.EndTagToken && tok.DataAtom == a:
				return cleanCell(b.String())
			}
		}
	}
	var tables []*Table
	for {
		tt := next()
		if tt == html.ErrorToken {
			return tables
		}
		tok := z.Token()
		start := line
		advance()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		if tok.DataAtom != atom.Table {
			if seen != nil && tok.DataAtom != atom.Script && tok.DataAtom != atom.Style {
				seen(tok, func() string { return textUntil(tok.DataAtom) })
			}
			continue
		}
		// A table: its rows, each a list of cells with the line the row starts on. A header
		// cell outside any row (a malformed <thead><th>…) starts a row of its own.
		var rows [][]string
		var nums []int
		var header []string
		inRow := false
		tableLine := start
		for depth := 1; depth > 0; {
			tt := next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			at := line
			advance()
			switch {
			case tt == html.StartTagToken && tok.DataAtom == atom.Table:
				depth++
			case tt == html.EndTagToken && tok.DataAtom == atom.Table:
				depth--
			case tt == html.StartTagToken && tok.DataAtom == atom.Tr:
				rows, nums, inRow = append(rows, nil), append(nums, at), true
			case tt == html.EndTagToken && tok.DataAtom == atom.Tr:
				inRow = false
			case tt == html.StartTagToken && (tok.DataAtom == atom.Td || tok.DataAtom == atom.Th):
				if !inRow {
					rows, nums, inRow = append(rows, nil), append(nums, at), true
				}
				rows[len(rows)-1] = append(rows[len(rows)-1], textUntil(tok.DataAtom))
			case tt == html.EndTagToken && (tok.DataAtom == atom.Thead || tok.DataAtom == atom.Tbody):
				inRow = false
			}
		}
		for len(rows) > 0 && len(rows[0]) == 0 {
			rows, nums = rows[1:], nums[1:]
		}
		if len(rows) == 0 {
			continue
		}
		header, rows, nums = rows[0], rows[1:], nums[1:]
		if t := m.table("HTML table", tableLine, header, rows, nums); t != nil {
			tables = append(tables, t)
		}
	}
}
