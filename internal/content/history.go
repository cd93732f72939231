package content

import (
	"html/template"
	"sort"
	"strings"

	"github.com/versus-dev/versus/internal/frontmatter"
	"github.com/versus-dev/versus/internal/problem"
)

// Change is one change to a cell's value or level: when, what it was, what it became, why, and
// the references that settle it.
type Change struct {
	Subject  *Subject
	Aspect   *Aspect
	Date     Date
	From, To State
	Why      template.HTML // inline Markdown, rendered
	Refs     []Ref
}

// State is a cell's value and level at one time.
type State struct {
	Value string
	Level *Level // nil on an aspect without a scale
}

type changeYAML struct {
	Date string    `yaml:"date"`
	From stateYAML `yaml:"from"`
	To   stateYAML `yaml:"to"`
	Why  string    `yaml:"why"`
	Refs []refYAML `yaml:"refs"`
}

type stateYAML struct {
	Value string `yaml:"value"`
	Level string `yaml:"level"`
}

// history reads a cell's history, oldest first. Each change needs a date, what it was and what
// it became, why, and a reference; one change must start where the one before ended, and the
// last must end at the cell's value and level.
func (l *loader) history(p string, node frontmatter.Node, line int, s *Subject, a *Aspect, v *Value, ys []changeYAML) {
	for i, y := range ys {
		n := node.Item(i)
		cl := node.ItemLine(i, line)
		c := &Change{Subject: s, Aspect: a, Date: l.date(p, n, "date", y.Date)}
		if c.Date.IsZero() {
			l.probs.Add(p, n.KeyLine("date", cl), problem.History, "aspect %q: a change needs its date", a.ID)
		}
		if strings.TrimSpace(y.Why) == "" {
			l.probs.Add(p, cl, problem.History, "aspect %q: a change needs a why: one sentence on what changed and why", a.ID)
		}
		if len(y.Refs) == 0 {
			l.probs.Add(p, cl, problem.History, "aspect %q: a change needs a reference that settles it", a.ID)
		}
		c.Refs = l.refs(p, n.Key("refs"), cl, y.Refs)
		c.Why = l.inline(p, n.KeyLine("why", cl), a.ID, "why", y.Why)
		c.From = l.state(p, n.Key("from"), n.KeyLine("from", cl), a, "from", y.From)
		c.To = l.state(p, n.Key("to"), n.KeyLine("to", cl), a, "to", y.To)
		if k := len(v.History); k > 0 {
			prev := v.History[k-1]
			if prev.To != c.From {
				l.probs.Add(p, n.KeyLine("from", cl), problem.History, "aspect %q: this change starts from %s, but the one before ended at %s", a.ID, c.From, prev.To)
			}
			if c.Date.Time.Before(prev.Date.Time) {
				l.probs.Add(p, n.KeyLine("date", cl), problem.History, "aspect %q: changes are listed oldest first; %s comes before %s", a.ID, c.Date.ISO(), prev.Date.ISO())
			}
		}
		v.History = append(v.History, c)
	}
	if k := len(v.History); k > 0 {
		if now := (State{Value: v.Text, Level: v.Level}); v.History[k-1].To != now {
			l.probs.Add(p, node.ItemLine(k-1, line), problem.History, "aspect %q: the last change ends at %s, but the cell is %s", a.ID, v.History[k-1].To, now)
		}
	}
}

func (l *loader) state(p string, node frontmatter.Node, line int, a *Aspect, key string, y stateYAML) State {
	st := State{Value: strings.TrimSpace(y.Value)}
	if st.Value == "" {
		l.probs.Add(p, line, problem.History, "aspect %q: a change's %s needs a value", a.ID, key)
	}
	switch {
	case a.Scale == nil && y.Level != "":
		l.probs.Add(p, node.KeyLine("level", line), problem.History, "aspect %q has no scale, so a change's %s takes no level", a.ID, key)
	case a.Scale != nil && y.Level == "":
		l.probs.Add(p, line, problem.History, "aspect %q: a change's %s needs a level", a.ID, key)
	case a.Scale != nil:
		if st.Level = a.Scale.level(y.Level); st.Level == nil {
			l.probs.Add(p, node.KeyLine("level", line), problem.History, "aspect %q: a change's %s: %q is not a level of the %s scale%s", a.ID, key, y.Level, a.Scale.ID, problem.DidYouMean(y.Level, a.Scale.levelIDs()))
		}
	}
	return st
}

func (st State) String() string {
	if st.Level == nil {
		return "“" + st.Value + "”"
	}
	return "“" + st.Value + "” (" + st.Level.ID + ")"
}

// Changes lists every change of the site, newest first; changes of one day are in subject and
// aspect order.
func (s *Site) Changes() []*Change { return s.changes }

// ChangesOf lists the changes to any of the given subjects' cells, newest first.
func (s *Site) ChangesOf(subs ...*Subject) []*Change {
	var out []*Change
	for _, c := range s.changes {
		for _, sub := range subs {
			if c.Subject == sub {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// indexChanges collects every cell's history into the site's list, newest first.
func (l *loader) indexChanges() {
	s := l.site
	for _, sub := range s.Subjects {
		for _, a := range s.Aspects {
			if v := sub.Values[a.ID]; v != nil {
				s.changes = append(s.changes, v.History...)
			}
		}
	}
	sort.SliceStable(s.changes, func(i, j int) bool { return s.changes[i].Date.Time.After(s.changes[j].Date.Time) })
}
