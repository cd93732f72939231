package content

import (
	"io/fs"
	"strings"

	"github.com/versus-dev/versus/internal/frontmatter"
	"github.com/versus-dev/versus/internal/problem"
)

const aspectsPath = "aspects.yaml"

type aspectsYAML struct {
	Groups  []groupYAML  `yaml:"groups"`
	Scales  []scaleYAML  `yaml:"scales"`
	Aspects []aspectYAML `yaml:"aspects"`
}

type scaleYAML struct {
	ID      string      `yaml:"id"`
	Label   string      `yaml:"label"`
	Ordered bool        `yaml:"ordered"`
	Levels  []levelYAML `yaml:"levels"`
}

type levelYAML struct {
	ID        string `yaml:"id"`
	Label     string `yaml:"label"`
	Means     string `yaml:"means"`
	Qualifies bool   `yaml:"qualifies"`
}

type groupYAML struct {
	ID          string `yaml:"id"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
}

type aspectYAML struct {
	ID          string   `yaml:"id"`
	Label       string   `yaml:"label"`
	Group       string   `yaml:"group"`
	Description string   `yaml:"description"`
	Aliases     []string `yaml:"aliases"`
	Scale       string   `yaml:"scale"`
}

// readYAML reads a content file that is all YAML, such as aspects.yaml, into dst; what names
// the file's role in the problem reported when it is missing.
func (l *loader) readYAML(p, what string, dst any) (frontmatter.Node, bool) {
	raw, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.probs.Add(p, 1, problem.Missing, "%s is missing: %v", what, err)
		return frontmatter.Node{}, false
	}
	src, ok := frontmatter.Normalise(p, raw, &l.probs)
	if !ok {
		return frontmatter.Node{}, false
	}
	return frontmatter.DecodeYAML(p, src, 1, dst, &l.probs)
}

// loadAspects reads the aspect vocabulary and indexes aspects by id, label and alias.
func (l *loader) loadAspects() {
	p := aspectsPath
	var y aspectsYAML
	node, _ := l.readYAML(p, "the aspect vocabulary", &y)
	if node.IsZero() {
		return
	}
	groupNodes := node.Key("groups")
	aspectNodes := node.Key("aspects")
	groups := map[string]*Group{}
	for i, g := range y.Groups {
		gn := groupNodes.Item(i)
		line := groupNodes.ItemLine(i, 1)
		l.require(p, line, "id", g.ID)
		l.require(p, line, "label", g.Label)
		if g.ID != "" && !ValidSlug(g.ID) {
			l.probs.Add(p, gn.KeyLine("id", line), problem.Slug, "group id %q is not a valid slug", g.ID)
		}
		if groups[g.ID] != nil {
			l.probs.Add(p, gn.KeyLine("id", line), problem.Duplicate, "group %q is defined twice", g.ID)
			continue
		}
		grp := &Group{ID: g.ID, Label: g.Label, Description: g.Description}
		groups[g.ID] = grp
		l.site.Groups = append(l.site.Groups, grp)
	}
	var groupIDs []string
	for _, g := range l.site.Groups {
		groupIDs = append(groupIDs, g.ID)
	}
	scales := l.loadScales(p, node.Key("scales"), y.Scales)
	scaleIDs := make([]string, 0, len(y.Scales))
	for _, sc := range y.Scales {
		scaleIDs = append(scaleIDs, sc.ID)
	}
	names := map[string]string{} // normalised name → aspect id that owns it
	for i, a := range y.Aspects {
		an := aspectNodes.Item(i)
		line := aspectNodes.ItemLine(i, 1)
		l.require(p, line, "id", a.ID)
		l.require(p, line, "label", a.Label)
		l.require(p, line, "description", a.Description)
		if a.ID == "" {
			continue
		}
		if !ValidSlug(a.ID) {
			l.probs.Add(p, an.KeyLine("id", line), problem.Slug, "aspect id %q is not a valid slug", a.ID)
		}
		if l.site.aspectByID[a.ID] != nil {
			l.probs.Add(p, an.KeyLine("id", line), problem.Duplicate, "aspect %q is defined twice", a.ID)
			continue
		}
		grp := groups[a.Group]
		if grp == nil {
			l.probs.Add(p, an.KeyLine("group", line), problem.Reference, "aspect %q: unknown group %q%s", a.ID, a.Group, problem.DidYouMean(a.Group, groupIDs))
			continue
		}
		asp := &Aspect{ID: a.ID, Label: a.Label, Group: grp, Description: a.Description, Aliases: a.Aliases}
		if a.Scale != "" {
			if asp.Scale = scales[a.Scale]; asp.Scale == nil {
				l.probs.Add(p, an.KeyLine("scale", line), problem.Reference, "aspect %q: unknown scale %q%s", a.ID, a.Scale, problem.DidYouMean(a.Scale, scaleIDs))
			}
		}
		grp.Aspects = append(grp.Aspects, asp)
		l.site.Aspects = append(l.site.Aspects, asp)
		l.site.aspectByID[a.ID] = asp
		for _, n := range append([]string{a.ID, a.Label}, a.Aliases...) {
			key := normName(n)
			if owner, taken := names[key]; taken && owner != a.ID {
				l.probs.Add(p, an.KeyLine("aliases", line), problem.Duplicate, "name %q of aspect %q is already used by aspect %q", n, a.ID, owner)
				continue
			}
			names[key] = a.ID
			l.site.aspectByName[key] = asp
			// "ORM and database access" also matches "orm-and-database-access".
			l.site.aspectByName[strings.ReplaceAll(key, " ", "-")] = asp
		}
	}
	if len(l.site.Aspects) == 0 && l.probs.Len() == 0 {
		l.probs.Add(p, 1, problem.Missing, "no aspects defined")
	}
}

// loadScales reads the scales of the aspect vocabulary: each a closed list of levels with a
// label and a one-sentence meaning.
func (l *loader) loadScales(p string, node frontmatter.Node, ys []scaleYAML) map[string]*Scale {
	out := map[string]*Scale{}
	for i, y := range ys {
		sn := node.Item(i)
		line := node.ItemLine(i, 1)
		l.require(p, line, "id", y.ID)
		l.require(p, line, "label", y.Label)
		if out[y.ID] != nil {
			l.probs.Add(p, sn.KeyLine("id", line), problem.Duplicate, "scale %q is defined twice", y.ID)
			continue
		}
		sc := &Scale{ID: y.ID, Label: y.Label, Ordered: y.Ordered}
		if len(y.Levels) < 2 {
			l.probs.Add(p, sn.KeyLine("levels", line), problem.Missing, "scale %q needs at least two levels", y.ID)
		}
		levels := sn.Key("levels")
		for j, ly := range y.Levels {
			ll := levels.ItemLine(j, line)
			l.require(p, ll, "id", ly.ID)
			l.require(p, ll, "label", ly.Label)
			l.require(p, ll, "means", ly.Means)
			if ly.ID == Unknown.ID {
				l.probs.Add(p, ll, problem.Duplicate, "scale %q: %q is a level of every scale and cannot be defined", y.ID, Unknown.ID)
				continue
			}
			if sc.level(ly.ID) != nil {
				l.probs.Add(p, ll, problem.Duplicate, "scale %q: level %q is defined twice", y.ID, ly.ID)
				continue
			}
			sc.Levels = append(sc.Levels, &Level{ID: ly.ID, Label: ly.Label, Means: ly.Means, Qualify: ly.Qualifies, Rank: len(sc.Levels), Scale: sc})
		}
		out[y.ID] = sc
	}
	return out
}

// level returns the scale's level with the given id, Unknown included.
func (sc *Scale) level(id string) *Level {
	if id == Unknown.ID {
		return Unknown
	}
	for _, lv := range sc.Levels {
		if lv.ID == id {
			return lv
		}
	}
	return nil
}

// levelIDs lists the ids a cell of the scale may name.
func (sc *Scale) levelIDs() []string {
	out := make([]string, 0, len(sc.Levels)+1)
	for _, lv := range sc.Levels {
		out = append(out, lv.ID)
	}
	return append(out, Unknown.ID)
}
