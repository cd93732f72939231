package spelling

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"orm", "ORM", 0}, {"kitten", "sitting", 3}, {"évènement", "evenement", 2}, {"", "abc", 3},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	candidates := []string{"language", "architecture", "orm"}
	for _, tt := range []struct {
		got, want string
		ok        bool
	}{
		{"langauge", "language", true},
		{"architectrue", "architecture", true}, // long words allow three edits
		{"xyz", "", false},
		{"or", "orm", true},
	} {
		got, ok := Suggest(tt.got, candidates)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.got, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := Suggest("a", nil); ok {
		t.Error("Suggest with no candidates suggested something")
	}
}
