package problem

import (
	"errors"
	"testing"
)

func TestCollectorSortsByPathAndLine(t *testing.T) {
	var c Collector
	if c.List() != nil {
		t.Fatal("an empty collector has problems")
	}
	c.Add("b.md", 3, Syntax, "third")
	c.Add("a.md", 9, Missing, "second")
	c.AddAt("a.md", 2, 5, Type, "first %d", 1)
	c.Add("a.md", 9, Missing, "second, found later")
	got := c.List()
	want := []string{"a.md:2: first 1", "a.md:9: second", "a.md:9: second, found later", "b.md:3: third"}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d", len(got), len(want))
	}
	for i, p := range got {
		if p.String() != want[i] {
			t.Errorf("problem %d = %q, want %q", i, p, want[i])
		}
	}
	if got[0].Column != 5 || got[0].Kind != Type {
		t.Errorf("first problem = %+v", got[0])
	}
	var err error = got
	var l List
	if !errors.As(err, &l) || len(l) != 4 {
		t.Error("a List is not usable as an error")
	}
}

func TestLineIsNeverBelowOne(t *testing.T) {
	if s := (Problem{Path: "x.md", Message: "m"}).String(); s != "x.md:1: m" {
		t.Errorf("got %q", s)
	}
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean("langage", []string{"language", "orm"}); got != ` (did you mean "language"?)` {
		t.Errorf("got %q", got)
	}
	if got := DidYouMean("zzzzzz", []string{"language", "orm"}); got != "" {
		t.Errorf("got %q for a far name", got)
	}
}
