package content

import (
	"slices"
	"sort"
)

// Verdict sums a comparison up from its levels and the sources' stances, by the rules /method
// publishes. Every line of it names the rows it comes from.
type Verdict struct {
	Groups    []GroupTally
	Apart     []*MatrixRow // ordered rows where the subjects are furthest apart, furthest first
	Choose    []Reasons    // per subject, in comparison order: the editorial lines that apply
	Disputed  []*MatrixRow // rows where the sources dispute at least one cell
	Cells     int          // cells in the comparison
	Contested int          // cells the sources dispute
	Unknown   int          // cells whose level is unknown
}

// GroupTally counts, for one aspect group, how the subjects' levels compare row by row.
type GroupTally struct {
	Group   *Group
	Ahead   []int // per subject in comparison order: ordered rows where it has the best level
	Level   int   // ordered rows where every subject has the same level
	Same    int   // category rows where every subject has the same level
	Differ  int   // category rows where the levels differ
	Unknown int   // scaled rows where a level is unknown
	Prose   int   // rows without a scale, described in words only
}

// Reasons are the editorial lines for choosing one subject that this comparison bears out.
type Reasons struct {
	Subject *Subject
	Lines   []Reason
}

// Reason is one "choose this if …" line and the row that bears it out.
type Reason struct {
	Text   string
	Aspect *Aspect
}

// maxApart and maxReasons bound the verdict's lists, so it reads in a glance.
const (
	maxApart   = 3
	maxReasons = 2
)

func verdict(s *Site, c Comparison, rows []*MatrixRow) Verdict {
	v := Verdict{Cells: len(rows) * len(c)}
	tallies := map[*Group]*GroupTally{}
	for _, g := range s.Groups {
		v.Groups = append(v.Groups, GroupTally{Group: g, Ahead: make([]int, len(c))})
	}
	for i := range v.Groups {
		tallies[v.Groups[i].Group] = &v.Groups[i]
	}
	type apart struct {
		row    *MatrixRow
		spread float64
	}
	var spreads []apart
	for _, row := range rows {
		t := tallies[row.Aspect.Group]
		for _, val := range row.Values {
			if val.Level == Unknown {
				v.Unknown++
			}
			if val.Disputed != "" {
				v.Contested++
			}
		}
		if row.Disputed {
			v.Disputed = append(v.Disputed, row)
		}
		sc := row.Aspect.Scale
		switch {
		case sc == nil:
			t.Prose++
		case slices.ContainsFunc(row.Values, func(val *Value) bool { return val.Level == Unknown }):
			t.Unknown++
		case !sc.Ordered && allSame(row.Values):
			t.Same++
		case !sc.Ordered:
			t.Differ++
		case allSame(row.Values):
			t.Level++
		default:
			best, worst := bestWorst(row.Values)
			for i, val := range row.Values {
				if val.Level.Rank == best {
					t.Ahead[i]++
				}
			}
			spreads = append(spreads, apart{row, float64(worst-best) / float64(len(sc.Levels)-1)})
		}
	}
	sort.SliceStable(spreads, func(i, j int) bool { return spreads[i].spread > spreads[j].spread })
	for _, a := range spreads[:min(maxApart, len(spreads))] {
		v.Apart = append(v.Apart, a.row)
	}
	for i, sub := range c {
		r := Reasons{Subject: sub}
		for _, line := range sub.Choose {
			if a := setsApart(c, i, line.Aspects); a != nil && len(r.Lines) < maxReasons {
				r.Lines = append(r.Lines, Reason{Text: line.Text, Aspect: a})
			}
		}
		v.Choose = append(v.Choose, r)
	}
	return v
}

// setsApart returns the first of the aspects on which subject i of c stands apart from every
// other subject: a strictly better level on an ordered scale, a different one on a category
// scale. It returns nil when none does, or a level involved is unknown.
func setsApart(c Comparison, i int, aspects []*Aspect) *Aspect {
	for _, a := range aspects {
		mine := c[i].Values[a.ID].Level
		if a.Scale == nil || mine == nil || mine == Unknown {
			continue
		}
		apart := true
		for j, other := range c {
			theirs := other.Values[a.ID].Level
			if j == i {
				continue
			}
			if theirs == Unknown || theirs == mine || a.Scale.Ordered && theirs.Rank <= mine.Rank {
				apart = false
				break
			}
		}
		if apart {
			return a
		}
	}
	return nil
}

func allSame(vals []*Value) bool {
	for _, v := range vals[1:] {
		if v.Level != vals[0].Level {
			return false
		}
	}
	return true
}

// bestWorst are the lowest and highest ranks among known levels.
func bestWorst(vals []*Value) (best, worst int) {
	best, worst = vals[0].Level.Rank, vals[0].Level.Rank
	for _, v := range vals[1:] {
		best, worst = min(best, v.Level.Rank), max(worst, v.Level.Rank)
	}
	return best, worst
}
