package export

import "testing"

func TestFile(t *testing.T) {
	for _, tt := range []struct{ path, query, want string }{
		{"/", "", "index.html"},
		{"/compare/a-vs-b", "", "compare/a-vs-b/index.html"},
		{"/compare/a-vs-b/orm", "", "compare/a-vs-b/orm/index.html"},
		{"/compare/a-vs-b.json", "", "compare/a-vs-b.json"},
		{"/compare/a-vs-b", "diff=1", "compare/a-vs-b/diff=1.html"},
		{"/compare/a-vs-b", "base=a&view=full", "compare/a-vs-b/base=a&view=full.html"},
		{"/static/site.1a2b.css", "", "static/site.1a2b.css"},
		{"/../etc/passwd", "", "etc/passwd/index.html"},
	} {
		if got := File(tt.path, tt.query); got != tt.want {
			t.Errorf("File(%q, %q) = %q, want %q", tt.path, tt.query, got, tt.want)
		}
	}
}
