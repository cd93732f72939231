package content

import (
	"io/fs"
	"strings"
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

// loadAspects reads the aspect vocabulary and indexes aspects by id, label and alias.
func (l *loader) loadAspects() {
	p := aspectsPath
	raw, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.probs.add(p, 1, KindMissing, "the aspect vocabulary is missing: %v", err)
		return
	}
	src, ok := normalise(p, raw, &l.probs)
	if !ok {
		return
	}
	var y aspectsYAML
	node, ok := decodeYAML(p, src, 1, &y, &l.probs)
	if node == nil {
		return
	}
	groupNodes := child(node, "groups")
	aspectNodes := child(node, "aspects")
	groups := map[string]*Group{}
	for i, g := range y.Groups {
		line := itemLine(groupNodes, i, 1)
		lines := keyLines(itemNode(groupNodes, i), 1)
		l.require(p, line, "id", g.ID)
		l.require(p, line, "label", g.Label)
		if g.ID != "" && !ValidSlug(g.ID) {
			l.probs.add(p, lines["id"], KindSlug, "group id %q is not a valid slug", g.ID)
		}
		if groups[g.ID] != nil {
			l.probs.add(p, lines["id"], KindDuplicate, "group %q is defined twice", g.ID)
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
		line := itemLine(aspectNodes, i, 1)
		lines := keyLines(itemNode(aspectNodes, i), 1)
		l.require(p, line, "id", a.ID)
		l.require(p, line, "label", a.Label)
		l.require(p, line, "description", a.Description)
		if a.ID == "" {
			continue
		}
		if !ValidSlug(a.ID) {
			l.probs.add(p, lines["id"], KindSlug, "aspect id %q is not a valid slug", a.ID)
		}
		if l.site.aspectByID[a.ID] != nil {
			l.probs.add(p, lines["id"], KindDuplicate, "aspect %q is defined twice", a.ID)
			continue
		}
		grp := groups[a.Group]
		if grp == nil {
			l.probs.add(p, lines["group"], KindReference, "aspect %q: unknown group %q%s", a.ID, a.Group, didYouMean(a.Group, groupIDs))
			continue
		}
		asp := &Aspect{ID: a.ID, Label: a.Label, Group: grp, Description: a.Description, Aliases: a.Aliases}
		grp.Aspects = append(grp.Aspects, asp)
		l.site.Aspects = append(l.site.Aspects, asp)
		l.site.aspectByID[a.ID] = asp
		for _, n := range append([]string{a.ID, a.Label}, a.Aliases...) {
			key := normName(n)
			if owner, taken := names[key]; taken && owner != a.ID {
				l.probs.add(p, lines["aliases"], KindDuplicate, "name %q of aspect %q is already used by aspect %q", n, a.ID, owner)
				continue
			}
			names[key] = a.ID
			l.site.aspectByName[key] = asp
			// "ORM and database access" also matches "orm-and-database-access".
			l.site.aspectByName[strings.ReplaceAll(key, " ", "-")] = asp
		}
	}
	if len(l.site.Aspects) == 0 && len(l.probs.list) == 0 {
		l.probs.add(p, 1, KindMissing, "no aspects defined")
	}
}
