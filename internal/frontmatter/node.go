package frontmatter

import "github.com/goccy/go-yaml/ast"

// Node is a parsed YAML value that knows the file line it starts at, so that a problem about a
// key or an item can be reported where the author wrote it. The zero Node stands for a value
// that is absent; its lookups return zero Nodes and lines.
type Node struct {
	n     ast.Node
	first int // file line of the YAML's first line
}

// IsZero reports whether the node is absent.
func (n Node) IsZero() bool { return n.n == nil }

// Line is the file line where the value starts, or 0 for an absent node.
func (n Node) Line() int {
	if n.n == nil || n.n.GetToken() == nil {
		return 0
	}
	return n.n.GetToken().Position.Line + n.first - 1
}

// Key returns the value under key in a mapping.
func (n Node) Key(key string) Node {
	for _, kv := range n.pairs() {
		if keyName(kv) == key {
			return Node{n: kv.Value, first: n.first}
		}
	}
	return Node{}
}

// KeyLine is the file line of key in a mapping, or fallback when the key is absent.
func (n Node) KeyLine(key string, fallback int) int {
	for _, kv := range n.pairs() {
		if keyName(kv) == key {
			return kv.Key.GetToken().Position.Line + n.first - 1
		}
	}
	return fallback
}

// Len is the number of items of a sequence, 0 for anything else.
func (n Node) Len() int {
	if s, ok := unwrap(n.n).(*ast.SequenceNode); ok {
		return len(s.Values)
	}
	return 0
}

// Item returns the i-th item of a sequence.
func (n Node) Item(i int) Node {
	if s, ok := unwrap(n.n).(*ast.SequenceNode); ok && i < len(s.Values) {
		return Node{n: s.Values[i], first: n.first}
	}
	return Node{}
}

// ItemLine is the file line of the i-th item of a sequence, or fallback when there is none.
func (n Node) ItemLine(i, fallback int) int {
	if l := n.Item(i).Line(); l > 0 {
		return l
	}
	return fallback
}

// pairs returns the key-value pairs of a mapping, whether the parser produced a mapping node
// or, for a single pair, a bare mapping-value node.
func (n Node) pairs() []*ast.MappingValueNode {
	switch m := unwrap(n.n).(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
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

func keyName(kv *ast.MappingValueNode) string {
	if tk := kv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return kv.Key.String()
}
