package content

import (
	"testing"

	"github.com/versus-dev/versus/internal/testsite"
)

// threeSubjects is the fixture with Gamma. With Alpha (Python, ORM built in) and Beta
// (JavaScript, ORM by add-on, disputed) the verdicts below were worked out by hand.
func threeSubjects(t *testing.T) *Site {
	t.Helper()
	fsys := validFS()
	fsys[testsite.Gamma.Path()] = testsite.Article(testsite.Gamma.File())
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	return site
}

func TestVerdictByHand(t *testing.T) {
	site := threeSubjects(t)
	c, _ := site.ResolveSubjects([]string{"alpha", "beta", "gamma"})
	v := site.Compare(c, View{}).Verdict
	// Basics: language is a category where Beta differs (1 unlike); on the ORM Alpha (built in)
	// leads Beta (add-on) and Gamma (none). Runtime: the concurrency model is prose, and on the
	// learning curve Beta (gentle) leads Gamma (moderate) and Alpha (steep).
	basics, runtime := v.Groups[0], v.Groups[1]
	if basics.Group.ID != "basics" || basics.Ahead[0] != 1 || basics.Ahead[1] != 0 || basics.Ahead[2] != 0 ||
		basics.Differ != 1 || basics.Level != 0 || basics.Same != 0 || basics.Unknown != 0 || basics.Prose != 0 {
		t.Errorf("basics tally = %+v", basics)
	}
	if runtime.Prose != 1 || runtime.Ahead[1] != 1 || runtime.Ahead[0]+runtime.Ahead[2] != 0 || runtime.Differ+runtime.Level+runtime.Same+runtime.Unknown != 0 {
		t.Errorf("runtime tally = %+v", runtime)
	}
	// Both ordered rows span their whole scale (spread 1); the ORM comes first, in aspect order.
	if len(v.Apart) != 2 || v.Apart[0].Aspect.ID != "orm" || v.Apart[1].Aspect.ID != "learning-curve" {
		t.Errorf("apart = %v, want the ORM and the learning curve", v.Apart)
	}
	// Alpha's ORM line holds (it leads); Beta's language line holds (its language is unlike
	// both others); Gamma's language line fails (Alpha writes Python too), and so does its ORM
	// line (it is last).
	if r := v.Choose[0]; len(r.Lines) != 1 || r.Lines[0].Aspect.ID != "orm" {
		t.Errorf("alpha's reasons = %+v", r.Lines)
	}
	if r := v.Choose[1]; len(r.Lines) != 1 || r.Lines[0].Text != "you write JavaScript" {
		t.Errorf("beta's reasons = %+v", r.Lines)
	}
	if r := v.Choose[2]; len(r.Lines) != 0 {
		t.Errorf("gamma's reasons = %+v, want none", r.Lines)
	}
	if v.Cells != 12 || v.Contested != 1 || len(v.Disputed) != 1 || v.Unknown != 0 {
		t.Errorf("cells %d, contested %d, disputed rows %d, unknown %d", v.Cells, v.Contested, len(v.Disputed), v.Unknown)
	}
}

func TestBaseViewMarks(t *testing.T) {
	site := threeSubjects(t)
	c, _ := site.ResolveSubjects([]string{"alpha", "beta", "gamma"})
	m := site.Compare(c, View{Base: "beta"})
	if m.Columns[0].Slug != "beta" || m.Columns[1].Slug != "alpha" || m.Columns[2].Slug != "gamma" || m.Comparison[0].Slug != "alpha" {
		t.Fatalf("columns = %s, comparison = %s", m.Columns.Name(), m.Comparison.Name())
	}
	marks := map[string][]Mark{}
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			for _, cell := range row.Cells {
				marks[row.Aspect.ID] = append(marks[row.Aspect.ID], cell.Mark)
			}
		}
	}
	for id, want := range map[string][]Mark{
		"orm":               {NoMark, Better, Worse},
		"language":          {NoMark, Different, Different},
		"concurrency-model": {NoMark, NoMark, NoMark},
	} {
		got := marks[id]
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("%s marks = %v, want %v", id, got, want)
		}
	}
}

func TestGaps(t *testing.T) {
	fsys := validFS()
	a := testsite.Alpha
	a.Values = map[string]testsite.Value{"language": {Value: "Python", Level: "python"}, "orm": {Value: "?", Level: "unknown", Note: "The docs do not say."}}
	fsys[a.Path()] = testsite.Article(a.File())
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	gaps := site.Gaps()
	if len(gaps) != 1 || gaps[0].Subject.Slug != "alpha" || gaps[0].Aspect.ID != "orm" {
		t.Errorf("gaps = %+v", gaps)
	}
	c, _ := site.ResolveSubjects([]string{"alpha", "beta"})
	if v := site.Compare(c, View{}).Verdict; v.Unknown != 1 || v.Groups[0].Unknown != 1 {
		t.Errorf("an unknown cell is not counted: %+v", v)
	}
}
