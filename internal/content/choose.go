package content

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/versus-dev/versus/internal/problem"
)

// Choice is what a reader needs, as the chooser's parameters say it: must-haves on scaled
// aspects, and how much each group and aspect matters. The zero Choice needs nothing and
// weighs every group the same.
type Choice struct {
	Musts         map[*Aspect]Must
	GroupWeights  map[*Group]int  // set weights; a group not set weighs DefaultWeight
	AspectWeights map[*Aspect]int // set weights; an aspect not set weighs as its group
}

// Must is a must-have on one aspect: at least a level on an ordered scale, or one of some
// categories.
type Must struct {
	AtLeast *Level
	OneOf   []*Level // in scale order
}

// Weights run from 0 (ignore) to 3 (critical); DefaultWeight is what every group weighs until
// the reader says otherwise.
const (
	MaxWeight     = 3
	DefaultWeight = 1
)

// WeightLabels names each weight, for forms and explanations.
var WeightLabels = [MaxWeight + 1]string{"ignore", "a little", "matters", "critical"}

// The chooser's parameter names: a must-have, a group's weight and an aspect's weight, each
// followed by the id it is about, e.g. m-orm=built-in, g-security=3, w-learning-curve=0.
const (
	mustParam   = "m-"
	groupParam  = "g-"
	aspectParam = "w-"
)

// maxChoiceParams bounds the values one chooser link may carry: more than every must-have and
// weight could need is a malformed link.
const maxChoiceParams = 200

// ChoiceError says why a chooser link cannot be answered, and what is allowed instead.
type ChoiceError struct {
	Param   string
	Reason  string
	Allowed []string
}

func (e *ChoiceError) Error() string { return shorten(e.Param, 60) + ": " + e.Reason }

// filterAspectIDs are the category aspects offered first, as filters, by the chooser: what a
// team usually settles before anything else.
var filterAspectIDs = []string{"language", "platform-type"}

// IsFilter reports whether the chooser offers an aspect as a filter at the top of its form.
func (a *Aspect) IsFilter() bool { return a.Scale != nil && slices.Contains(filterAspectIDs, a.ID) }

// Weight is how much an aspect counts: its own weight if set, else its group's.
func (c Choice) Weight(a *Aspect) int {
	if w, ok := c.AspectWeights[a]; ok {
		return w
	}
	return c.GroupWeight(a.Group)
}

// GroupWeight is how much a group counts.
func (c Choice) GroupWeight(g *Group) int {
	if w, ok := c.GroupWeights[g]; ok {
		return w
	}
	return DefaultWeight
}

// Query is the choice in its canonical form: must-haves in aspect order, then group weights
// in group order, then aspect weights in aspect order; defaults are left out, and the levels
// of a must-have are in scale order.
func (c Choice) Query(s *Site) string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
	}
	for _, a := range s.Aspects {
		if m, ok := c.Musts[a]; ok {
			if m.AtLeast != nil {
				add(mustParam+a.ID, m.AtLeast.ID)
			}
			for _, l := range m.OneOf {
				add(mustParam+a.ID, l.ID)
			}
		}
	}
	for _, g := range s.Groups {
		if w, ok := c.GroupWeights[g]; ok && w != DefaultWeight {
			add(groupParam+g.ID, strconv.Itoa(w))
		}
	}
	for _, a := range s.Aspects {
		if w, ok := c.AspectWeights[a]; ok && w != c.GroupWeight(a.Group) {
			add(aspectParam+a.ID, strconv.Itoa(w))
		}
	}
	return b.String()
}

// Path is the chooser's page for the choice.
func (c Choice) Path(s *Site) string { return withQuery(ChoosePath, c.Query(s)) }

// ParseChoice reads a choice from the chooser's query parameters, checking every name and
// value. Its error is a *ChoiceError saying what is allowed. Parameters with empty values
// (a form's "any") are ignored.
func (s *Site) ParseChoice(q url.Values) (Choice, error) {
	c := Choice{Musts: map[*Aspect]Must{}, GroupWeights: map[*Group]int{}, AspectWeights: map[*Aspect]int{}}
	n := 0
	for _, vs := range q {
		n += len(vs)
	}
	if n > maxChoiceParams {
		return c, &ChoiceError{Param: "the link", Reason: fmt.Sprintf("carries %d values; a chooser link needs at most %d", n, maxChoiceParams)}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals := nonEmpty(q[k])
		if len(vals) == 0 {
			continue
		}
		switch {
		case strings.HasPrefix(k, mustParam):
			a, err := s.choiceAspect(k, mustParam, true)
			if err != nil {
				return c, err
			}
			m, err := parseMust(k, a, vals)
			if err != nil {
				return c, err
			}
			c.Musts[a] = m
		case strings.HasPrefix(k, groupParam):
			g, ok := s.Group(strings.TrimPrefix(k, groupParam))
			if !ok {
				return c, &ChoiceError{Param: k, Reason: "names no aspect group" + problem.DidYouMean(strings.TrimPrefix(k, groupParam), s.groupIDs()), Allowed: prefixed(groupParam, s.groupIDs())}
			}
			w, err := parseWeight(k, vals)
			if err != nil {
				return c, err
			}
			c.GroupWeights[g] = w
		case strings.HasPrefix(k, aspectParam):
			a, err := s.choiceAspect(k, aspectParam, false)
			if err != nil {
				return c, err
			}
			w, err := parseWeight(k, vals)
			if err != nil {
				return c, err
			}
			c.AspectWeights[a] = w
		default:
			name := k
			if strings.TrimSpace(name) == "" {
				name = "a parameter with no name"
			}
			return c, &ChoiceError{Param: shorten(name, 40), Reason: "is not a chooser parameter",
				Allowed: []string{mustParam + "{aspect}", groupParam + "{group}", aspectParam + "{aspect}"}}
		}
	}
	return c, nil
}

// choiceAspect resolves the aspect a parameter names; must-haves and aspect weights need a
// scale, and an aspect weight an ordered one, since only ordered levels are scored.
func (s *Site) choiceAspect(param, prefix string, must bool) (*Aspect, error) {
	var ids []string
	for _, a := range s.Aspects {
		if a.Scale != nil && (must || a.Scale.Ordered) {
			ids = append(ids, a.ID)
		}
	}
	id := strings.TrimPrefix(param, prefix)
	a, ok := s.Aspect(id)
	if !ok || !slices.Contains(ids, id) {
		reason := "names no aspect with levels" + problem.DidYouMean(id, ids)
		if ok && !must {
			reason = "is an aspect whose levels are categories; it can be a must-have but is not scored, so it has no weight"
		}
		return nil, &ChoiceError{Param: param, Reason: reason, Allowed: prefixed(prefix, ids)}
	}
	return a, nil
}

func parseMust(param string, a *Aspect, vals []string) (Must, error) {
	sc := a.Scale
	var ids []string
	for _, l := range sc.Levels {
		ids = append(ids, l.ID)
	}
	if sc.Ordered {
		if len(vals) > 1 {
			return Must{}, &ChoiceError{Param: param, Reason: "is given more than once; an ordered aspect takes one level, the least you accept", Allowed: ids}
		}
		l := sc.level(vals[0])
		if l == nil || l == Unknown {
			return Must{}, &ChoiceError{Param: param, Reason: fmt.Sprintf("%q is not a level of %s%s", shorten(vals[0], 40), a.Label, problem.DidYouMean(vals[0], ids)), Allowed: ids}
		}
		return Must{AtLeast: l}, nil
	}
	var m Must
	for _, v := range vals {
		l := sc.level(v)
		if l == nil || l == Unknown {
			return Must{}, &ChoiceError{Param: param, Reason: fmt.Sprintf("%q is not one of the %s categories%s", shorten(v, 40), a.Label, problem.DidYouMean(v, ids)), Allowed: ids}
		}
		if !slices.Contains(m.OneOf, l) {
			m.OneOf = append(m.OneOf, l)
		}
	}
	slices.SortFunc(m.OneOf, func(x, y *Level) int { return x.Rank - y.Rank })
	return m, nil
}

func parseWeight(param string, vals []string) (int, error) {
	allowed := []string{"0 (ignore)", "1 (a little)", "2 (matters)", "3 (critical)"}
	if len(vals) > 1 {
		return 0, &ChoiceError{Param: param, Reason: "is given more than once", Allowed: allowed}
	}
	w, err := strconv.Atoi(vals[0])
	if err != nil || w < 0 || w > MaxWeight || vals[0] != strconv.Itoa(w) {
		return 0, &ChoiceError{Param: param, Reason: fmt.Sprintf("%q is not a weight", shorten(vals[0], 20)), Allowed: allowed}
	}
	return w, nil
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func prefixed(prefix string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = prefix + id
	}
	return out
}

func (s *Site) groupIDs() []string {
	out := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		out[i] = g.ID
	}
	return out
}

// ChoiceWeighing is the choice a comparison's "what fits my needs?" link carries: every
// ordered aspect on which the compared subjects' levels differ weighs 2 instead of its group's
// 1, so the answer leans on what tells them apart.
func (s *Site) ChoiceWeighing(c Comparison) Choice {
	ch := Choice{AspectWeights: map[*Aspect]int{}}
	for _, a := range s.Aspects {
		if a.Scale == nil || !a.Scale.Ordered {
			continue
		}
		for _, sub := range c[1:] {
			if sub.Values[a.ID].Level != c[0].Values[a.ID].Level {
				ch.AspectWeights[a] = 2
				break
			}
		}
	}
	return ch
}

// ChoiceLike is the choice a subject page's chooser link carries: the subject's language as a
// must-have, when the site has a language scale.
func (s *Site) ChoiceLike(sub *Subject) Choice {
	ch := Choice{}
	if a, ok := s.Aspect(languageAspect); ok && a.Scale != nil {
		if l := sub.Values[a.ID].Level; l != nil && l != Unknown {
			ch.Musts = map[*Aspect]Must{a: {OneOf: []*Level{l}}}
		}
	}
	return ch
}

// Answer is the chooser's answer to a choice: the subjects that pass every must-have, ranked,
// and those that do not, each with the first must-have it fails.
type Answer struct {
	Choice   Choice
	Scored   bool // false when every weight is 0: nothing is ranked
	Ranked   []Ranked
	Rejected []Rejected
	Robust   Robustness
}

// Ranked is one subject's place in an answer.
type Ranked struct {
	Subject *Subject
	Rank    int     // 1 for the best; equal scores share a rank
	Tied    bool    // another subject has the same rank
	Score   float64 // 0–100, to a tenth
	Groups  []GroupScore
	Unknown int // scored aspects whose level is unknown, so left out of the score
}

// GroupScore is one group's share of a subject's score.
type GroupScore struct {
	Group  *Group
	Score  float64 // 0–100 within the group, to a tenth; meaningless when Weight is 0
	Weight int     // the sum of the weights of the group's aspects that were scored
}

// Rejected is a subject that fails a must-have: the first, in aspect order.
type Rejected struct {
	Subject *Subject
	Aspect  *Aspect
	Must    Must
	Has     *Level
}

// Robustness says whether the leader stays first when any single weight moves one step.
type Robustness struct {
	Leader *Subject // nil when there is no single leader (a tie, or fewer than two ranked)
	Flips  []Flip   // the one-step changes that take first place from the leader
	Tried  int      // the changes tried
}

// Flip is a one-step change of one weight that takes first place from the leader.
type Flip struct {
	Group  *Group  // a group weight, or
	Aspect *Aspect // an aspect weight
	From   int
	To     int
	Leader []*Subject // who is first then (several on a tie)
}

// Points is what a level is worth to the chooser: 1 for the first level of an ordered scale,
// 0 for the last, evenly between. Category levels and Unknown are not scored (ok is false).
func Points(l *Level) (p float64, ok bool) {
	if l == nil || l == Unknown || l.Scale == nil || !l.Scale.Ordered {
		return 0, false
	}
	n := len(l.Scale.Levels) - 1
	return float64(n-l.Rank) / float64(n), true
}

// Choose answers a choice over every subject.
func (s *Site) Choose(c Choice) Answer {
	ans := Answer{Choice: c}
	var passing []*Subject
	for _, sub := range s.Subjects {
		if r, ok := s.firstFailed(c, sub); ok {
			ans.Rejected = append(ans.Rejected, r)
		} else {
			passing = append(passing, sub)
		}
	}
	ans.Ranked, ans.Scored = s.rank(c, passing)
	if ans.Scored {
		ans.Robust = s.robustness(c, passing, ans.Ranked)
	}
	return ans
}

// firstFailed returns the first must-have, in aspect order, that sub fails. An unknown level
// fails: the must-have cannot be confirmed.
func (s *Site) firstFailed(c Choice, sub *Subject) (Rejected, bool) {
	for _, a := range s.Aspects {
		m, ok := c.Musts[a]
		if !ok {
			continue
		}
		has := sub.Values[a.ID].Level
		pass := has != Unknown && (m.AtLeast != nil && has.Rank <= m.AtLeast.Rank || slices.Contains(m.OneOf, has))
		if !pass {
			return Rejected{Subject: sub, Aspect: a, Must: m, Has: has}, true
		}
	}
	return Rejected{}, false
}

// rank scores the subjects and orders them, best first; equal scores (to a tenth) share a rank.
func (s *Site) rank(c Choice, subs []*Subject) ([]Ranked, bool) {
	var out []Ranked
	scored := false
	for _, sub := range subs {
		r := Ranked{Subject: sub}
		num, den := 0.0, 0
		for _, g := range s.Groups {
			gs := GroupScore{Group: g}
			gnum := 0.0
			for _, a := range g.Aspects {
				w := c.Weight(a)
				if a.Scale == nil || !a.Scale.Ordered || w == 0 {
					continue
				}
				p, ok := Points(sub.Values[a.ID].Level)
				if !ok {
					r.Unknown++
					continue
				}
				gnum += float64(w) * p
				gs.Weight += w
			}
			if gs.Weight > 0 {
				gs.Score = tenth(100 * gnum / float64(gs.Weight))
			}
			num += gnum
			den += gs.Weight
			r.Groups = append(r.Groups, gs)
		}
		if den > 0 {
			r.Score = tenth(100 * num / float64(den))
			scored = true
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
			out[i].Tied, out[i-1].Tied = true, true
		}
	}
	return out, scored
}

func tenth(x float64) float64 { return math.Round(x*10) / 10 }

// robustness moves each weight, of every group and every ordered aspect, one step up and one
// down (within 0–3) and records the changes after which the leader is no longer alone first.
func (s *Site) robustness(c Choice, subs []*Subject, ranked []Ranked) Robustness {
	var rb Robustness
	if len(ranked) < 2 || ranked[0].Tied {
		return rb
	}
	rb.Leader = ranked[0].Subject
	try := func(f Flip, changed Choice) {
		rb.Tried++
		r, ok := s.rank(changed, subs)
		if !ok || r[0].Subject != rb.Leader || r[0].Tied {
			for _, x := range r {
				if x.Rank == 1 {
					f.Leader = append(f.Leader, x.Subject)
				}
			}
			rb.Flips = append(rb.Flips, f)
		}
	}
	for _, g := range s.Groups {
		from := c.GroupWeight(g)
		for _, to := range []int{from - 1, from + 1} {
			if to >= 0 && to <= MaxWeight {
				try(Flip{Group: g, From: from, To: to}, c.withGroupWeight(g, to))
			}
		}
	}
	for _, a := range s.Aspects {
		if a.Scale == nil || !a.Scale.Ordered {
			continue
		}
		from := c.Weight(a)
		for _, to := range []int{from - 1, from + 1} {
			if to >= 0 && to <= MaxWeight {
				try(Flip{Aspect: a, From: from, To: to}, c.withAspectWeight(a, to))
			}
		}
	}
	return rb
}

func (c Choice) withGroupWeight(g *Group, w int) Choice {
	out := c
	out.GroupWeights = map[*Group]int{g: w}
	for k, v := range c.GroupWeights {
		if k != g {
			out.GroupWeights[k] = v
		}
	}
	return out
}

func (c Choice) withAspectWeight(a *Aspect, w int) Choice {
	out := c
	out.AspectWeights = map[*Aspect]int{a: w}
	for k, v := range c.AspectWeights {
		if k != a {
			out.AspectWeights[k] = v
		}
	}
	return out
}
