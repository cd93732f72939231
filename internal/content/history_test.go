package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/versus-dev/versus/internal/testsite"
)

// changedAlpha is Alpha with two releases, an ORM cell that changed twice and a learning curve
// still checked against the older line.
func changedAlpha() testsite.Subject {
	a := testsite.Alpha
	a.Releases = []testsite.Release{{Version: "3.0", Date: "2026-11-01", Support: "current"}, {Version: "2.0", Date: "2026-01-01", Support: "lts"}}
	a.Values = map[string]testsite.Value{
		"language": {Value: "Python", Level: "python"},
		"orm": {Value: "Built in", Level: "built-in", History: []testsite.Change{
			{Date: "2026-02-01", FromValue: "None", FromLevel: "none", ToValue: "Via a package", ToLevel: "add-on", Why: "A package arrived."},
			{Date: "2026-11-02", FromValue: "Via a package", FromLevel: "add-on", ToValue: "Built in", ToLevel: "built-in", Why: "3.0 ships an ORM."},
		}},
		"concurrency-model": {Value: "Worker processes", AsOf: "2026-12", History: []testsite.Change{
			{Date: "2026-11-03", FromValue: "Threads", ToValue: "Worker processes", Why: "Workers are the default now."},
		}},
		"learning-curve": {Value: "Steep", Level: "steep", AsOf: "2.0"},
	}
	return a
}

func TestReleasesAndHistory(t *testing.T) {
	fsys := validFS()
	a := changedAlpha()
	fsys[a.Path()] = &fstest.MapFile{Data: []byte(a.File())}
	site, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	alpha, _ := site.Subject("alpha")
	if alpha.Latest().Version != "3.0" || len(alpha.Releases) != 2 || alpha.Releases[1].Support.ID != "lts" || alpha.Latest().Ref.URL == "" {
		t.Fatalf("releases = %+v", alpha.Releases)
	}
	lc := alpha.Values["learning-curve"]
	if !lc.Stale(alpha) || lc.CheckedAgainst(alpha) != "Alpha 2.0" {
		t.Errorf("a cell checked against 2.0 is not stale: %v %q", lc.Stale(alpha), lc.CheckedAgainst(alpha))
	}
	if orm := alpha.Values["orm"]; orm.Stale(alpha) || orm.CheckedAgainst(alpha) != "Alpha 3.0" {
		t.Errorf("orm: stale %v, checked against %q", orm.Stale(alpha), orm.CheckedAgainst(alpha))
	}
	if cm := alpha.Values["concurrency-model"]; cm.Release != nil || cm.Stale(alpha) || cm.CheckedAgainst(alpha) != "2026-12" {
		t.Errorf("a dated cell: %+v", cm)
	}
	var got []string
	for _, c := range site.Changes() {
		got = append(got, c.Date.ISO()+" "+c.Aspect.ID+" "+c.From.Value+"→"+c.To.Value)
	}
	if want := "2026-11-03 concurrency-model Threads→Worker processes|2026-11-02 orm Via a package→Built in|2026-02-01 orm None→Via a package"; strings.Join(got, "|") != want {
		t.Errorf("changes = %q\nwant %q", strings.Join(got, "|"), want)
	}
	if c := site.Changes()[1]; c.From.Level.ID != "add-on" || c.To.Level.ID != "built-in" || len(c.Refs) != 1 || string(c.Why) != "3.0 ships an ORM." {
		t.Errorf("change = %+v", c)
	}
	beta, _ := site.Subject("beta")
	if n := len(site.ChangesOf(beta)); n != 0 {
		t.Errorf("beta has %d changes", n)
	}
	gaps := site.Gaps()
	if len(gaps) != 1 || gaps[0].Aspect.ID != "learning-curve" || !gaps[0].Stale || gaps[0].Unknown {
		t.Errorf("gaps = %+v", gaps)
	}
}

// TestReleaseAndHistoryProblems checks each rule, reported at its line.
func TestReleaseAndHistoryProblems(t *testing.T) {
	base := changedAlpha().File()
	for _, tt := range []struct {
		name, from, to, want string
	}{
		{"change without a date", `      - date: 2026-02-01`, `      - date: ""`, `a change needs its date`},
		{"change without a reference", "        refs:\n          - {title: \"Changelog\", url: \"https://example.org/changelog\"}\n      - date: 2026-11-02",
			"        refs: []\n      - date: 2026-11-02", `aspect "orm": a change needs a reference`},
		{"change without a why", `        why: "A package arrived."`, `        why: ""`, `aspect "orm": a change needs a why`},
		{"asof a release not listed", `    asof: "2.0"`, `    asof: "1.9"`, `aspect "learning-curve": asof "1.9" names a release the subject does not list`},
		{"release without a reference", `    ref: {title: "Alpha 3.0 release notes", url: "https://example.org/releases/3.0"}`, ``, `release "3.0" needs a ref`},
		{"unknown support stage", `    support: lts`, `    support: longterm`, `support "longterm" is not one of`},
		{"no releases", "releases:\n", "releasez:\n", `unknown key "releasez"`},
		{"broken chain", `from: {value: "Via a package", level: "add-on"}`, `from: {value: "A package", level: "add-on"}`,
			`aspect "orm": this change starts from “A package” (add-on), but the one before ended at “Via a package” (add-on)`},
		{"last change does not end at the cell", `to: {value: "Built in", level: "built-in"}`, `to: {value: "Built-in", level: "built-in"}`,
			`aspect "orm": the last change ends at “Built-in” (built-in), but the cell is “Built in” (built-in)`},
		{"level on a prose change", `from: {value: "Threads"}`, `from: {value: "Threads", level: "none"}`, `has no scale, so a change's from takes no level`},
		{"releases not newest first", "    date: 2026-01-01\n    support: lts", "    date: 2026-12\n    support: lts", `release "2.0" (2026-12) is newer than "3.0" above it`},
		{"changes out of order", `      - date: 2026-11-02`, `      - date: 2026-01-02`, `changes are listed oldest first`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.from) {
				t.Fatalf("the fixture has no %q", tt.from)
			}
			data := strings.Replace(base, tt.from, tt.to, 1)
			fsys := validFS()
			fsys["subjects/alpha.md"] = &fstest.MapFile{Data: []byte(data)}
			_, probs := load(t, fsys)
			for _, p := range probs {
				if strings.Contains(p.String(), tt.want) && strings.HasPrefix(p.String(), "subjects/alpha.md:") {
					line := 0
					fmt.Sscanf(strings.TrimPrefix(p.String(), "subjects/alpha.md:"), "%d", &line)
					if line < 2 {
						t.Errorf("%q reported at line %d", tt.want, line)
					}
					return
				}
			}
			t.Errorf("want %q, got:\n%v", tt.want, probs)
		})
	}
}
