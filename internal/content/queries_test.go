package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/versus-dev/versus/internal/testsite"
)

// fourSubjects is a site whose answers to the queries below were worked out by hand:
// alpha and gamma are Python full-stack frameworks that agree on two values; beta and delta
// are JavaScript runtimes.
func fourSubjects(t *testing.T) *Site {
	t.Helper()
	py := func(slug, name, orm string) testsite.Subject {
		return testsite.Subject{Slug: slug, Name: name, Values: map[string]testsite.Value{
			"language": {Value: "Python"}, "orm": {Value: orm}, "concurrency-model": {Value: "Worker processes"}}}
	}
	js := func(slug, name string) testsite.Subject {
		return testsite.Subject{Slug: slug, Name: name, Kind: "runtime", Language: "JavaScript", Values: map[string]testsite.Value{
			"language": {Value: "JavaScript"}, "concurrency-model": {Value: "Event loop"}}}
	}
	fsys := testsite.Files(py("alpha", "Alpha", "Built in"), js("beta", "Beta"), py("gamma", "Gamma", "Built in"), js("delta", "Delta"))
	for name, text := range map[string]string{
		"articles/one.md":   "---\ntitle: One\ndate: 2026-01-01\ntags: [x]\nsubjects: [alpha, beta]\n---\nText.\n",
		"articles/two.md":   "---\ntitle: Two\ndate: 2026-02-01\ntags: [x, y]\nsubjects: [alpha]\n---\nText.\n",
		"articles/three.md": "---\ntitle: Three\ndate: 2026-03-01\nsubjects: [delta]\n---\nText.\n",
		"articles/four.md":  "---\ntitle: Four\ndate: 2026-04-01\ntags: [y]\n---\nText.\n",
	} {
		fsys[name] = testsite.Article(text)
	}
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	return site
}

func slugs[T interface{ *Subject | *Article }](items []T) string {
	var out []string
	for _, it := range items {
		switch x := any(it).(type) {
		case *Subject:
			out = append(out, x.Slug)
		case *Article:
			out = append(out, x.Slug)
		}
	}
	return strings.Join(out, ",")
}

func names(cs []Comparison) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name())
	}
	return strings.Join(out, ",")
}

func TestPeers(t *testing.T) {
	site := fourSubjects(t)
	alpha, _ := site.Subject("alpha")
	// gamma: same kind (10) + language (6) + 3 equal values = 19; beta and delta: 0 each,
	// kept in name order (Beta before Delta).
	if got := slugs(site.peers(alpha, 3)); got != "gamma,beta,delta" {
		t.Errorf("peers(alpha) = %s", got)
	}
	if got := slugs(site.peers(alpha, 1)); got != "gamma" {
		t.Errorf("peers(alpha, 1) = %s", got)
	}
	if got := names(site.ComparisonsOf(alpha)); got != "alpha-vs-gamma,alpha-vs-beta,alpha-vs-delta" {
		t.Errorf("ComparisonsOf(alpha) = %s", got)
	}
}

func TestRelatedComparisons(t *testing.T) {
	site := fourSubjects(t)
	c, _ := site.ResolveSubjects([]string{"alpha", "beta"})
	// Each subject with its two closest peers outside the comparison.
	if got := names(site.RelatedComparisons(c)); got != "alpha-vs-gamma,alpha-vs-delta,beta-vs-delta,beta-vs-gamma" {
		t.Errorf("RelatedComparisons = %s", got)
	}
}

func TestRelatedArticlesAndNeighbours(t *testing.T) {
	site := fourSubjects(t)
	one, _ := site.Article("one")
	// two shares alpha (2) and tag x (3) = 5; four shares nothing with one; three shares nothing.
	if got := slugs(site.RelatedArticles(one, 3)); got != "two" {
		t.Errorf("RelatedArticles(one) = %s", got)
	}
	two, _ := site.Article("two")
	// one: alpha + x = 5; four: y = 3.
	if got := slugs(site.RelatedArticles(two, 3)); got != "one,four" {
		t.Errorf("RelatedArticles(two) = %s", got)
	}
	older, newer := site.Neighbours(two)
	if older != one || newer.Slug != "three" {
		t.Errorf("Neighbours(two) = %v, %v", older, newer)
	}
	beta, _ := site.Subject("beta")
	delta, _ := site.Subject("delta")
	if got := slugs(site.ArticlesAbout(beta, delta)); got != "three,one" {
		t.Errorf("ArticlesAbout(beta, delta) = %s", got)
	}
}

func TestKindGroupsAndSuggestions(t *testing.T) {
	site := fourSubjects(t)
	groups := site.KindGroups()
	if len(groups) != 2 || groups[0].Kind.ID != "runtime" || slugs(groups[0].Subjects) != "beta,delta" ||
		groups[1].Kind.ID != "full-stack-framework" || slugs(groups[1].Subjects) != "alpha,gamma" {
		t.Errorf("KindGroups = %+v", groups)
	}
	// gama→gamma is one edit, gama→beta three, gama→alpha and gama→delta four.
	if got := slugs(site.suggestSubjects("gama", 2)); got != "gamma,beta" {
		t.Errorf("suggestSubjects(gama) = %s", got)
	}
	if got := slugs(site.suggestSubjects("del", 1)); got != "delta" {
		t.Errorf("suggestSubjects(del) = %s (a prefix wins)", got)
	}
}

func TestCompareAndCitedSources(t *testing.T) {
	site, _ := load(t, validFS())
	c, _ := site.ResolveSubjects([]string{"alpha", "beta"})
	m := site.Compare(c, View{})
	if m.Rows != 4 || m.Total != 4 || len(m.Groups) != 2 {
		t.Fatalf("full matrix: %d rows of %d in %d groups", m.Rows, m.Total, len(m.Groups))
	}
	orm := m.Groups[0].Rows[1]
	if orm.Aspect.ID != "orm" || !orm.Differ || !orm.Disputed {
		t.Errorf("orm row = %+v", orm)
	}
	if got := site.Compare(c, View{Group: "runtime"}); got.Rows != 2 || got.Groups[0].Group.ID != "runtime" {
		t.Errorf("group view: %d rows", got.Rows)
	}
	fsys := validFS()
	same := testsite.Beta
	same.Values = map[string]testsite.Value{"language": {Value: "python"}, "orm": {Value: "None"}, "concurrency-model": {Value: "Event loop"}}
	fsys[same.Path()] = &fstest.MapFile{Data: []byte(same.File())}
	site2, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	c2, _ := site2.ResolveSubjects([]string{"alpha", "beta"})
	if got := site2.Compare(c2, View{DiffOnly: true}); got.Rows != 3 || got.Total != 4 {
		t.Errorf("diff view: %d of %d rows, want 3 of 4 (Python equals python)", got.Rows, got.Total)
	}
	if cited := m.CitedSources(); len(cited) != 1 || cited[0].Slug != "src" {
		t.Errorf("CitedSources = %v", cited)
	}
	src, _ := site.Source("src")
	subs, aspects := src.SubjectsClaimed()
	if slugs(subs) != "alpha,beta" || aspects != 2 {
		t.Errorf("SubjectsClaimed = %s, %d", slugs(subs), aspects)
	}
}

// A source's page links the comparison of the subjects it covers, so the export must hold it.
func TestSourceComparisonIsExported(t *testing.T) {
	site := fourSubjects(t)
	sub := func(slug string) *Subject { s, _ := site.Subject(slug); return s }
	lang := site.Aspects[0]
	claims := func(slugs ...string) []*Claim {
		var out []*Claim
		for _, s := range slugs {
			out = append(out, &Claim{Subject: sub(s), Aspect: lang})
		}
		return out
	}
	one := &Source{Document: Document{Slug: "one", Claims: claims("alpha")}}
	three := &Source{Document: Document{Slug: "three", Claims: claims("gamma", "alpha", "beta", "gamma")}}
	five := &Source{Document: Document{Slug: "five", Claims: claims("delta", "gamma", "beta", "alpha", "delta")}}
	if c := one.Comparison(); c != nil {
		t.Errorf("a source about one subject links %s", c.Name())
	}
	if got := three.Comparison().Name(); got != "alpha-vs-beta-vs-gamma" {
		t.Errorf("three subjects: %s", got)
	}
	if got := five.Comparison().Name(); got != "alpha-vs-beta-vs-delta-vs-gamma" {
		t.Errorf("four subjects, canonical: %s", got)
	}
	site.Sources = append(site.Sources, one, three, five, &Source{Document: Document{Slug: "again", Claims: claims("beta", "alpha", "gamma")}})
	got := names(site.Exported())
	pairs := names(site.Pairs())
	if want := pairs + ",alpha-vs-beta-vs-gamma,alpha-vs-beta-vs-delta-vs-gamma"; got != want {
		t.Errorf("Exported = %s\nwant %s", got, want)
	}
}
