package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestEditorial(t *testing.T) {
	fsys := validFS()
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("featured: [beta-vs-alpha, /compare/alpha-vs-beta]\nshare_aspects: [orm]\nsearch_examples: [orm, \" event loop \"]\n")}
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	if len(site.Featured) != 2 || site.Featured[0].Name() != "beta-vs-alpha" || site.Featured[1].Name() != "alpha-vs-beta" {
		t.Errorf("Featured = %v", names(site.Featured))
	}
	if len(site.ShareAspects) != 1 || site.ShareAspects[0].ID != "orm" {
		t.Errorf("ShareAspects = %v", site.ShareAspects)
	}
	if strings.Join(site.SearchExamples, "|") != "orm|event loop" {
		t.Errorf("SearchExamples = %q", site.SearchExamples)
	}
}

// TestEditorialTypos reports each mistake in site.yaml at its line.
func TestEditorialTypos(t *testing.T) {
	fsys := validFS()
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("featured:\n  - alpha-vs-beta\n  - alpha-vs-btea\n  - alpha\nshare_aspects: [orm, ormm]\nsearch_examples: [\"\"]\nfeature: []\n")}
	_, probs := load(t, fsys)
	for _, want := range []string{
		`site.yaml:3: featured comparison "alpha-vs-btea": no subject called "btea"`,
		`site.yaml:4: featured comparison "alpha": a comparison needs 2 to 4`,
		`site.yaml:5: unknown aspect "ormm" (did you mean "orm"?)`,
		`site.yaml:6: a search example is empty`,
		`site.yaml:7: unknown key "feature" (did you mean "featured"?)`,
	} {
		found := false
		for _, p := range probs {
			found = found || strings.HasPrefix(p.String(), want)
		}
		if !found {
			t.Errorf("missing %q in:\n%v", want, probs)
		}
	}
	delete(fsys, "site.yaml")
	if _, probs := load(t, fsys); len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "site.yaml:1: the editorial file is missing") {
		t.Errorf("without site.yaml: %v", probs)
	}
}
