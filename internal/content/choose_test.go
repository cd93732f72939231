package content

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// The three fixture subjects, as the chooser sees them (only ordered aspects are scored):
//
//	        ORM (basics)        learning curve (runtime)   language (must-have only)
//	Alpha   built in    1       steep    0                 Python
//	Beta    add-on      0.5     gentle   1                 JavaScript
//	Gamma   none        0       moderate 0.5               Python
//
// Every expectation below was worked out by hand from this table.

func choose(t *testing.T, site *Site, query string) Answer {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	c, err := site.ParseChoice(q)
	if err != nil {
		t.Fatalf("ParseChoice(%q): %v", query, err)
	}
	return site.Choose(c)
}

func ranking(a Answer) string {
	var out []string
	for _, r := range a.Ranked {
		out = append(out, r.Subject.Slug+"="+strconv.FormatFloat(r.Score, 'f', -1, 64))
	}
	return strings.Join(out, " ")
}

func TestChooseByHand(t *testing.T) {
	site := threeSubjects(t)
	for _, tt := range []struct {
		query, ranking string
	}{
		// Every weight 1: Alpha (1+0)/2, Beta (0.5+1)/2, Gamma (0+0.5)/2.
		{"", "beta=75 alpha=50 gamma=25"},
		// Runtime counts 3: Alpha 1/4, Beta 3.5/4, Gamma 1.5/4.
		{"g-runtime=3", "beta=87.5 gamma=37.5 alpha=25"},
		// Basics ignored: only the learning curve counts.
		{"g-basics=0", "beta=100 gamma=50 alpha=0"},
		// The ORM counts 2: Alpha 2/3, Beta 2/3 — a tie — and Gamma 0.5/3.
		{"w-orm=2", "alpha=66.7 beta=66.7 gamma=16.7"},
	} {
		if got := ranking(choose(t, site, tt.query)); got != tt.ranking {
			t.Errorf("%q ranks %s, want %s", tt.query, got, tt.ranking)
		}
	}
	tie := choose(t, site, "w-orm=2")
	if tie.Ranked[0].Rank != 1 || tie.Ranked[1].Rank != 1 || !tie.Ranked[0].Tied || !tie.Ranked[1].Tied || tie.Ranked[2].Rank != 3 || tie.Ranked[2].Tied {
		t.Errorf("tie ranks: %+v", tie.Ranked)
	}
	if tie.Robust.Leader != nil {
		t.Error("a tie for first has a leader")
	}
	none := choose(t, site, "g-basics=0&g-runtime=0")
	if none.Scored {
		t.Error("with every weight 0 the answer is scored")
	}
}

func TestChooseMustHaves(t *testing.T) {
	site := threeSubjects(t)
	a := choose(t, site, "m-language=python&m-orm=add-on")
	if got := ranking(a); got != "alpha=50" {
		t.Errorf("ranking = %s, want only Alpha", got)
	}
	if len(a.Rejected) != 2 || a.Rejected[0].Subject.Slug != "beta" || a.Rejected[0].Aspect.ID != "language" || a.Rejected[0].Has.ID != "javascript" ||
		a.Rejected[1].Subject.Slug != "gamma" || a.Rejected[1].Aspect.ID != "orm" || a.Rejected[1].Must.AtLeast.ID != "add-on" || a.Rejected[1].Has.ID != "none" {
		t.Errorf("rejected = %+v", a.Rejected)
	}
	// Beta fails the language first: aspects are checked in their order, language before ORM.
	b := choose(t, site, "m-orm=built-in&m-language=python")
	if b.Rejected[0].Subject.Slug != "beta" || b.Rejected[0].Aspect.ID != "language" {
		t.Errorf("first failure = %+v", b.Rejected[0])
	}
	both := choose(t, site, "m-language=python&m-language=javascript")
	if len(both.Rejected) != 0 {
		t.Errorf("one of two languages rejected %+v", both.Rejected)
	}
}

// TestChooseRobustness moves each weight one step from the defaults (all 1). Beta leads with
// 75. Basics or the ORM at 2 ties Alpha with Beta at 66.7; Runtime or the learning curve at 0
// puts Alpha first (100 against 50); the other four moves keep Beta first.
func TestChooseRobustness(t *testing.T) {
	site := threeSubjects(t)
	rb := choose(t, site, "").Robust
	if rb.Leader == nil || rb.Leader.Slug != "beta" || rb.Tried != 8 {
		t.Fatalf("leader %v after %d tries", rb.Leader, rb.Tried)
	}
	var got []string
	for _, f := range rb.Flips {
		name := ""
		if f.Group != nil {
			name = f.Group.ID
		} else {
			name = f.Aspect.ID
		}
		var leaders []string
		for _, l := range f.Leader {
			leaders = append(leaders, l.Slug)
		}
		got = append(got, name+"→"+strconv.Itoa(f.To)+":"+strings.Join(leaders, "+"))
	}
	if want := "basics→2:alpha+beta runtime→0:alpha orm→2:alpha+beta learning-curve→0:alpha"; strings.Join(got, " ") != want {
		t.Errorf("flips = %s, want %s", strings.Join(got, " "), want)
	}
	stable := choose(t, site, "g-runtime=3").Robust
	if stable.Leader.Slug != "beta" || len(stable.Flips) != 0 {
		t.Errorf("with runtime critical Beta should stay first after any one step: %+v", stable.Flips)
	}
}

func TestChoiceCanonicalQuery(t *testing.T) {
	site := threeSubjects(t)
	for in, want := range map[string]string{
		"":                  "",
		"g-basics=1&m-orm=": "",
		"w-learning-curve=2&g-runtime=3&m-orm=add-on&m-language=javascript&m-language=python": "m-language=python&m-language=javascript&m-orm=add-on&g-runtime=3&w-learning-curve=2",
		"w-orm=1":            "",
		"g-basics=2&w-orm=2": "g-basics=2",
		"g-basics=2&w-orm=1": "g-basics=2&w-orm=1",
	} {
		q, _ := url.ParseQuery(in)
		c, err := site.ParseChoice(q)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := c.Query(site); got != want {
			t.Errorf("%q canonical = %q, want %q", in, got, want)
		}
		again, _ := url.ParseQuery(c.Query(site))
		c2, err := site.ParseChoice(again)
		if err != nil || c2.Query(site) != c.Query(site) {
			t.Errorf("%q: the canonical form does not parse to itself", in)
		}
	}
}

func TestChoiceErrors(t *testing.T) {
	site := threeSubjects(t)
	for _, tt := range []struct{ query, want string }{
		{"m-ormm=add-on", `m-ormm: names no aspect with levels (did you mean "orm"?)`},
		{"m-orm=addon", `m-orm: "addon" is not a level of ORM and database access (did you mean "add-on"?)`},
		{"m-orm=add-on&m-orm=none", "m-orm: is given more than once"},
		{"m-language=perl", `m-language: "perl" is not one of the Language categories`},
		{"m-concurrency-model=x", "m-concurrency-model: names no aspect with levels"},
		{"w-language=2", "w-language: is an aspect whose levels are categories"},
		{"g-basic=2", `g-basic: names no aspect group (did you mean "basics"?)`},
		{"g-basics=4", `g-basics: "4" is not a weight`},
		{"g-basics=01", `g-basics: "01" is not a weight`},
		{"x=1", "x: is not a chooser parameter"},
		{"m-orm=unknown", `m-orm: "unknown" is not a level`},
		{strings.Repeat("g-basics=1&", 201), "the link: carries 201 values"},
	} {
		q, _ := url.ParseQuery(tt.query)
		_, err := site.ParseChoice(q)
		var ce *ChoiceError
		if !errors.As(err, &ce) || !strings.HasPrefix(ce.Error(), tt.want) || (ce.Param != "the link" && len(ce.Allowed) == 0) {
			t.Errorf("%.40q: error %v, want %q with what is allowed", tt.query, err, tt.want)
		}
	}
}

func TestAlternativesByHand(t *testing.T) {
	site := threeSubjects(t)
	alpha, _ := site.Subject("alpha")
	// Alpha against Beta: language unlike (0), ORM 1 step of 2 apart (0.5), learning curve 2 of
	// 2 apart (0): 0.5/3 = 16.7. Against Gamma: language alike (1), ORM 2 of 2 (0), learning 1
	// of 2 (0.5): 1.5/3 = 50.
	alts := site.Alternatives(alpha, AlternativesFilter{})
	if len(alts) != 2 || alts[0].Subject.Slug != "gamma" || alts[0].Similarity != 50 || alts[1].Subject.Slug != "beta" || alts[1].Similarity != 16.7 {
		t.Fatalf("alternatives = %+v", alts)
	}
	if d := alts[0].Differences; len(d) != 2 || d[0].Aspect.ID != "orm" || d[1].Aspect.ID != "learning-curve" {
		t.Errorf("differences from Gamma = %+v", d)
	}
	q, _ := url.ParseQuery("language=javascript")
	f, err := site.ParseAlternativesFilter(q)
	if err != nil {
		t.Fatal(err)
	}
	if alts := site.Alternatives(alpha, f); len(alts) != 1 || alts[0].Subject.Slug != "beta" {
		t.Errorf("JavaScript alternatives = %+v", alts)
	}
	if _, err := site.ParseAlternativesFilter(url.Values{"kind": {"spaceship"}}); err == nil {
		t.Error("an unknown kind was accepted")
	}
}
