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
	Aspects []aspectYAML `yaml:"aspects"`
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
		if g.ID != "" && !validSlug(g.ID) {
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
		if !validSlug(a.ID) {
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
