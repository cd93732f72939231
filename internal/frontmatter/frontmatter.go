// Package frontmatter reads the files versus is written in: YAML front matter between two ---
// lines, then a Markdown body. It splits a file, decodes the YAML strictly into a Go value
// (every unknown key is a problem, with a suggestion) and keeps the parsed YAML so that callers
// can report a problem at the line of the key it concerns. Every problem is reported at its
// line in the original file, and all of them are reported, not the first.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/versus-dev/versus/internal/problem"
)

// File is a content file split into front matter and body, with the lines needed to report
// problems against the original file.
type File struct {
	Path     string
	Body     []byte // the Markdown after the closing ---
	BodyLine int    // file line of the first body line
	yaml     []byte
}

// yamlLine is the file line of the first front-matter line: the one after the opening ---.
const yamlLine = 2

// Normalise strips a UTF-8 byte order mark and turns CRLF and lone CR line endings into LF,
// keeping the line count. Empty and non-UTF-8 files are problems.
func Normalise(path string, raw []byte, probs *problem.Collector) ([]byte, bool) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		line := 1
		for len(raw) > 0 {
			r, size := utf8.DecodeRune(raw)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			raw = raw[size:]
		}
		probs.Add(path, line, problem.Encoding, "file is not valid UTF-8 (first bad byte on this line)")
		return nil, false
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		probs.Add(path, 1, problem.Empty, "file is empty")
		return nil, false
	}
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	return raw, true
}

// Split separates the front matter between the opening and closing --- lines from the body.
func Split(path string, raw []byte, probs *problem.Collector) (File, bool) {
	src, ok := Normalise(path, raw, probs)
	if !ok {
		return File{}, false
	}
	f := File{Path: path}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		probs.Add(path, 1, problem.Syntax, "front matter missing: the file must start with a line of three dashes (---)")
		return f, false
	}
	rest := src[4:]
	line := yamlLine
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		l := rest[off:]
		if end >= 0 {
			l = rest[off : off+end]
		}
		if t := strings.TrimRight(string(l), " \t"); t == "---" || t == "..." {
			f.yaml = rest[:off]
			if end >= 0 {
				f.Body = rest[off+end+1:]
			}
			f.BodyLine = line + 1
			return f, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	probs.Add(path, 1, problem.Syntax, "front matter is not closed: no line of three dashes (---) after the opening one")
	return f, false
}

// Decode decodes the file's front matter into dst (a pointer to a struct with yaml tags); see
// DecodeYAML. An empty front matter is a problem.
func (f File) Decode(dst any, probs *problem.Collector) (Node, bool) {
	node, ok := DecodeYAML(f.Path, f.yaml, yamlLine, dst, probs)
	if node.IsZero() && ok {
		probs.Add(f.Path, yamlLine, problem.Missing, "front matter is empty")
		return node, false
	}
	return node, ok
}

// DecodeYAML decodes YAML that starts at firstLine of the file at path into dst. It reports
// syntax errors, every unknown key (with a suggestion) and type errors at their file lines.
// It returns the parsed document, so callers can find the lines of keys, and whether dst can be
// trusted; the node is zero when the YAML could not be parsed or is empty.
func DecodeYAML(path string, src []byte, firstLine int, dst any, probs *problem.Collector) (Node, bool) {
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		line, col := errPos(err, firstLine)
		probs.AddAt(path, line, col, problem.Syntax, "YAML: %s", errMessage(err))
		return Node{}, false
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return Node{}, true
	}
	body := Node{n: file.Docs[0].Body, first: firstLine}
	before := probs.Len()
	checkKeys(path, body, reflect.TypeOf(dst).Elem(), probs)
	if err := nodeToValue(body.n, dst); err != nil {
		line, col := errPos(err, firstLine)
		probs.AddAt(path, line, col, problem.Type, "%s", errMessage(err))
		return body, false
	}
	return body, probs.Len() == before
}

// errPos maps a YAML error's position to the file line and column.
func errPos(err error, firstLine int) (line, column int) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		pos := ye.GetToken().Position
		return pos.Line + firstLine - 1, pos.Column
	}
	return firstLine, 0
}

func errMessage(err error) string {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return err.Error()
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return "wrong type: " + ye.GetMessage()
	}
	return ye.GetMessage()
}

// checkKeys walks a YAML node alongside the Go type it decodes into and reports every mapping
// key the type does not have.
func checkKeys(path string, n Node, t reflect.Type, probs *problem.Collector) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = t.Field(i).Type
			names = append(names, name)
		}
		for _, kv := range n.pairs() {
			key := keyName(kv)
			ft, ok := fields[key]
			if !ok {
				pos := kv.Key.GetToken().Position
				probs.AddAt(path, pos.Line+n.first-1, pos.Column, problem.Unknown,
					"unknown key %q%s; allowed: %s", key, problem.DidYouMean(key, names), strings.Join(names, ", "))
				continue
			}
			checkKeys(path, Node{n: kv.Value, first: n.first}, ft, probs)
		}
	case reflect.Map:
		for _, kv := range n.pairs() {
			checkKeys(path, Node{n: kv.Value, first: n.first}, t.Elem(), probs)
		}
	case reflect.Slice:
		for i := range n.Len() {
			checkKeys(path, n.Item(i), t.Elem(), probs)
		}
	}
}

// nodeToValue decodes a YAML node into dst. go-yaml can panic on some malformed input (for
// example a tag on a scalar where a list is expected, found by FuzzLoadArticle); that becomes
// an ordinary error instead of taking the process down.
func nodeToValue(n ast.Node, dst any) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("YAML value cannot be decoded (%v); check tags (!…) and the shape of lists and maps", v)
		}
	}()
	return yaml.NodeToValue(n, dst)
}
