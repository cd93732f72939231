package content

import (
	"strings"

	"github.com/versus-dev/versus/internal/problem"
)

const editorialPath = "site.yaml"

type editorialYAML struct {
	Featured       []string `yaml:"featured"`
	ShareAspects   []string `yaml:"share_aspects"`
	SearchExamples []string `yaml:"search_examples"`
}

// loadEditorial reads site.yaml: the comparisons the home page features, the aspects a share
// image shows and the example searches. Every name must exist.
func (l *loader) loadEditorial() {
	p := editorialPath
	var y editorialYAML
	node, _ := l.readYAML(p, "the editorial file", &y)
	if node.IsZero() {
		return
	}
	ed := &l.site.Editorial
	featured := node.Key("featured")
	for i, name := range y.Featured {
		line := featured.ItemLine(i, node.KeyLine("featured", 1))
		c, f, err := l.site.ParseComparison(strings.TrimPrefix(strings.TrimSpace(name), PickerPath+"/"))
		if err != nil || f != "" {
			msg := "not a comparison"
			if err != nil {
				msg = err.Error()
			}
			l.probs.Add(p, line, problem.Reference, "featured comparison %q: %s", name, msg)
			continue
		}
		ed.Featured = append(ed.Featured, c)
	}
	share := node.Key("share_aspects")
	ids := make([]string, len(l.site.Aspects))
	for i, a := range l.site.Aspects {
		ids[i] = a.ID
	}
	for i, id := range y.ShareAspects {
		a, ok := l.site.Aspect(id)
		if !ok {
			l.probs.Add(p, share.ItemLine(i, node.KeyLine("share_aspects", 1)), problem.Reference, "unknown aspect %q%s", id, problem.DidYouMean(id, ids))
			continue
		}
		ed.ShareAspects = append(ed.ShareAspects, a)
	}
	examples := node.Key("search_examples")
	for i, q := range y.SearchExamples {
		if strings.TrimSpace(q) == "" {
			l.probs.Add(p, examples.ItemLine(i, 1), problem.Missing, "a search example is empty")
			continue
		}
		ed.SearchExamples = append(ed.SearchExamples, strings.TrimSpace(q))
	}
}
