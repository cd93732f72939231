package content

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
)

// sourceFile is a content file split into YAML front matter and Markdown body, with the
// line numbers needed to report problems against the original file.
type sourceFile struct {
	path     string
	yaml     []byte
	yamlLine int // file line of the first YAML line
	body     []byte
	bodyLine int // file line of the first body line
}

// normalise strips a UTF-8 byte order mark and turns CRLF and lone CR line endings into LF,
// keeping the line count, and rejects empty and non-UTF-8 files.
func normalise(path string, raw []byte, probs *problemList) ([]byte, bool) {
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
		probs.add(path, line, KindEncoding, "file is not valid UTF-8 (first bad byte on this line)")
		return nil, false
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		probs.add(path, 1, KindEmpty, "file is empty")
		return nil, false
	}
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	return raw, true
}

// splitFrontMatter separates the front matter between the opening and closing --- lines.
func splitFrontMatter(path string, raw []byte, probs *problemList) (sourceFile, bool) {
	src, ok := normalise(path, raw, probs)
	if !ok {
		return sourceFile{}, false
	}
	f := sourceFile{path: path}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		probs.add(path, 1, KindSyntax, "front matter missing: the file must start with a line of three dashes (---)")
		return f, false
	}
	rest := src[4:]
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if t := strings.TrimRight(string(l), " \t"); t == "---" || t == "..." {
			f.yaml = rest[:off]
			f.yamlLine = 2
			if end < 0 {
				f.body = nil
			} else {
				f.body = rest[off+end+1:]
			}
			f.bodyLine = line + 1
			return f, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	probs.add(path, 1, KindSyntax, "front matter is not closed: no line of three dashes (---) after the opening one")
	return f, false
}

// decodeYAML decodes YAML into dst, reporting syntax errors, every unknown key (with a
// suggestion) and type errors as problems at file lines. It returns the parsed document body
// so callers can look up the lines of keys, or nil when the YAML could not be parsed.
func decodeYAML(path string, src []byte, firstLine int, dst any, probs *problemList) (ast.Node, bool) {
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		line, col := yamlErrPos(err, firstLine)
		probs.addAt(path, line, col, KindSyntax, "YAML: %s", yamlErrMessage(err))
		return nil, false
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, true
	}
	body := file.Docs[0].Body
	before := len(probs.list)
	checkKeys(path, body, reflect.TypeOf(dst).Elem(), firstLine, probs)
	if err := nodeToValue(body, dst); err != nil {
		line, col := yamlErrPos(err, firstLine)
		probs.addAt(path, line, col, KindType, "%s", yamlErrMessage(err))
		return body, false
	}
	return body, len(probs.list) == before
}

// yamlErrPos maps a YAML error's position to the file line and column.
func yamlErrPos(err error, firstLine int) (line, column int) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		pos := ye.GetToken().Position
		return pos.Line + firstLine - 1, pos.Column
	}
	return firstLine, 0
}

func yamlErrMessage(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return fmt.Sprintf("wrong type: %s", msg)
		}
		return msg
	}
	return err.Error()
}

// checkKeys walks a YAML node alongside the Go type it decodes into and reports every
// mapping key the type does not have.
func checkKeys(path string, n ast.Node, t reflect.Type, firstLine int, probs *problemList) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	n = unwrap(n)
	switch t.Kind() {
	case reflect.Struct:
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields[name] = t.Field(i).Type
			names = append(names, name)
		}
		for _, kv := range pairs(n) {
			key := keyName(kv)
			ft, ok := fields[key]
			if !ok {
				pos := kv.Key.GetToken().Position
				probs.addAt(path, pos.Line+firstLine-1, pos.Column, KindUnknown,
					"unknown key %q%s; allowed: %s", key, didYouMean(key, names), strings.Join(names, ", "))
				continue
			}
			checkKeys(path, kv.Value, ft, firstLine, probs)
		}
	case reflect.Map:
		for _, kv := range pairs(n) {
			checkKeys(path, kv.Value, t.Elem(), firstLine, probs)
		}
	case reflect.Slice:
		if s, ok := n.(*ast.SequenceNode); ok {
			for _, v := range s.Values {
				checkKeys(path, v, t.Elem(), firstLine, probs)
			}
		}
	}
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// keyLines returns the file line of each key of a YAML mapping node.
func keyLines(n ast.Node, firstLine int) map[string]int {
	out := map[string]int{}
	for _, kv := range pairs(n) {
		out[keyName(kv)] = kv.Key.GetToken().Position.Line + firstLine - 1
	}
	return out
}

// child returns the value node under key in a YAML mapping node.
func child(n ast.Node, key string) ast.Node {
	for _, kv := range pairs(n) {
		if keyName(kv) == key {
			return kv.Value
		}
	}
	return nil
}

// pairs returns the key-value pairs of a YAML mapping, whether the parser produced a mapping
// node or, for a single pair, a bare mapping-value node.
func pairs(n ast.Node) []*ast.MappingValueNode {
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

func keyName(kv *ast.MappingValueNode) string {
	if tk := kv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return kv.Key.String()
}

// itemNode returns the i-th element of a YAML sequence node.
func itemNode(seq ast.Node, i int) ast.Node {
	if s, ok := unwrap(seq).(*ast.SequenceNode); ok && i < len(s.Values) {
		return s.Values[i]
	}
	return nil
}

// itemLine returns the file line of the i-th element of a YAML sequence node.
func itemLine(seq ast.Node, i, firstLine int) int {
	if n := itemNode(seq, i); n != nil && n.GetToken() != nil {
		return n.GetToken().Position.Line + firstLine - 1
	}
	return firstLine
}

// nodeToValue decodes a YAML node into dst. go-yaml can panic on some malformed input (for
// example a tag on a scalar where a list is expected, found by FuzzLoadArticle); that becomes
// an ordinary error at the node's line instead of taking the process down.
func nodeToValue(n ast.Node, dst any) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("YAML value cannot be decoded (%v); check tags (!…) and the shape of lists and maps", v)
		}
	}()
	return yaml.NodeToValue(n, dst)
}
