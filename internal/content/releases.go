package content

import (
	"slices"
	"strings"

	"github.com/versus-dev/versus/internal/frontmatter"
	"github.com/versus-dev/versus/internal/problem"
)

// Release is one release line of a subject that we check cells against: "6.1", "26".
type Release struct {
	Version string
	Date    Date // when the line's first release came out
	Support Support
	Ref     Ref
}

// Support is where a release line is in its life.
type Support struct {
	ID, Label string
}

// Supports are the stages a release line can be in, from newest to oldest.
var Supports = []Support{
	{"current", "current"}, {"lts", "long-term support"}, {"maintenance", "maintenance"},
	{"security", "security fixes only"}, {"end-of-life", "end of life"},
}

type releaseYAML struct {
	Version string  `yaml:"version"`
	Date    string  `yaml:"date"`
	Support string  `yaml:"support"`
	Ref     refYAML `yaml:"ref"`
}

// Name is the release as readers see it: "Django 6.1".
func (r *Release) Name(s *Subject) string { return s.Name + " " + r.Version }

// Latest is the subject's newest release line, the one every cell should be checked against.
func (s *Subject) Latest() *Release { return &s.Releases[0] }

// Stale reports whether a cell was checked against an older release line than the subject's
// latest: it may be out of date.
func (v *Value) Stale(s *Subject) bool { return v.Release != nil && v.Release != s.Latest() }

// CheckedAgainst is how a cell says what it was checked against: "Django 6.1", or the month for
// a cell about the wider world.
func (v *Value) CheckedAgainst(s *Subject) string {
	if v.Release != nil {
		return v.Release.Name(s)
	}
	return v.AsOf
}

// loadReleases reads a subject's release lines, newest first; each needs a version, a date, a
// support stage and a reference.
func (l *loader) loadReleases(p string, s *Subject, node frontmatter.Node, ys []releaseYAML) {
	rn := node.Key("releases")
	if len(ys) == 0 {
		l.probs.Add(p, node.KeyLine("releases", 2), problem.Release, "releases: list the subject's current release line(s), newest first, each with version, date, support and ref")
		return
	}
	supportIDs := make([]string, len(Supports))
	for i, sp := range Supports {
		supportIDs[i] = sp.ID
	}
	for i, y := range ys {
		n := rn.Item(i)
		line := rn.ItemLine(i, 2)
		l.require(p, line, "version", y.Version)
		r := Release{Version: strings.TrimSpace(y.Version), Date: l.date(p, n, "date", y.Date)}
		if r.Date.IsZero() {
			l.probs.Add(p, n.KeyLine("date", line), problem.Release, "release %q needs a date (YYYY-MM-DD or YYYY-MM)", y.Version)
		}
		j := slices.IndexFunc(Supports, func(sp Support) bool { return sp.ID == y.Support })
		if j < 0 {
			l.probs.Add(p, n.KeyLine("support", line), problem.Release, "release %q: support %q is not one of %s%s", y.Version, y.Support,
				strings.Join(supportIDs, ", "), problem.DidYouMean(y.Support, supportIDs))
		} else {
			r.Support = Supports[j]
		}
		refs := l.refs(p, n.Key("ref"), n.KeyLine("ref", line), []refYAML{y.Ref})
		if y.Ref == (refYAML{}) || len(refs) == 0 {
			l.probs.Add(p, n.KeyLine("ref", line), problem.Release, "release %q needs a ref: the release notes or support policy that states it", y.Version)
		} else {
			r.Ref = refs[0]
		}
		if slices.ContainsFunc(s.Releases, func(o Release) bool { return o.Version == r.Version }) {
			l.probs.Add(p, line, problem.Duplicate, "release %q is listed twice", r.Version)
			continue
		}
		if k := len(s.Releases) - 1; k >= 0 && !r.Date.IsZero() && !s.Releases[k].Date.IsZero() && r.Date.Time.After(s.Releases[k].Date.Time) {
			l.probs.Add(p, n.KeyLine("date", line), problem.Release, "release %q (%s) is newer than %q above it (%s); list releases newest first",
				r.Version, r.Date.ISO(), s.Releases[k].Version, s.Releases[k].Date.ISO())
		}
		s.Releases = append(s.Releases, r)
	}
}

// asOf resolves a cell's asof: a release version the subject lists, or a date for a cell about
// the wider world (community size, say).
func (l *loader) asOf(p string, line int, s *Subject, aspect, asof string) *Release {
	asof = strings.TrimSpace(asof)
	if asof == "" {
		return nil
	}
	for i := range s.Releases {
		if s.Releases[i].Version == asof {
			return &s.Releases[i]
		}
	}
	if _, err := parseDate(asof); err == nil && len(s.Releases) > 0 {
		return nil
	}
	versions := make([]string, len(s.Releases))
	for i, r := range s.Releases {
		versions[i] = r.Version
	}
	if len(versions) > 0 {
		l.probs.Add(p, line, problem.Release, "aspect %q: asof %q names a release the subject does not list%s; use one of %s, or a date (YYYY-MM) for a fact about the wider world",
			aspect, asof, problem.DidYouMean(asof, versions), strings.Join(versions, ", "))
	}
	return nil
}
