package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

// choice reads the chooser's parameters. A link whose parameters are not in their canonical
// form is redirected to it, so that every answer has one URL, and one entry in the cache.
func (s *Server) choice(r *http.Request, path string) (content.Choice, error) {
	site := s.Site()
	c, err := site.ParseChoice(r.URL.Query())
	var ce *content.ChoiceError
	if errors.As(err, &ce) {
		e := badRequest("This choice cannot be answered", "The link's "+ce.Error()+".")
		if len(ce.Allowed) > 0 {
			e.msg += " Allowed: " + strings.Join(ce.Allowed, ", ") + "."
		}
		e.links = []web.Crumb{{Label: "Start from the chooser's form", Href: content.ChoosePath}, {Label: "How the chooser works", Href: content.MethodPath}}
		return c, e
	}
	if err != nil {
		return c, err
	}
	if q := c.Query(site); q != r.URL.RawQuery {
		to := path
		if q != "" {
			to += "?" + q
		}
		return c, &redirect{to: to, status: http.StatusSeeOther}
	}
	return c, nil
}

func (s *Server) handleChoose(w http.ResponseWriter, r *http.Request) error {
	c, err := s.choice(r, content.ChoosePath)
	if err != nil {
		return err
	}
	site := s.Site()
	ans := site.Choose(c)
	p := s.page(r, false, "What fits your needs", "Say what you must have and what matters; get every backend technology ranked, with the reasons, by rules you can read.", web.Crumb{Label: "Choose"})
	if c.Query(site) != "" {
		p.Canonical = s.baseURL(r) + c.Path(site)
		p.NoIndex = true // one page per combination of needs: useful to share, not to index
	}
	v := web.ChooseView{Page: p, Answer: ans, Form: chooseForm(site, c), JSON: withJSON(c.Path(site)), Set: c.Query(site) != ""}
	if len(ans.Ranked) >= 2 { // the two leaders, a pair every export holds
		v.Top = content.Comparison{ans.Ranked[0].Subject, ans.Ranked[1].Subject}
	}
	return s.render(w, r, http.StatusOK, web.ChoosePage(v))
}

// withJSON is a chooser path's JSON form.
func withJSON(path string) string {
	p, q, ok := strings.Cut(path, "?")
	if !ok {
		return p + string(content.JSON)
	}
	return p + string(content.JSON) + "?" + q
}

// chooseForm is the chooser's form, filled in with a choice: filters first, then each group
// with its weight and its aspects' must-haves and weights.
func chooseForm(site *content.Site, c content.Choice) web.ChooseForm {
	var f web.ChooseForm
	control := func(a *content.Aspect) web.ChooseAspect {
		ca := web.ChooseAspect{Aspect: a, Ordered: a.Scale.Ordered}
		if w, ok := c.AspectWeights[a]; ok {
			ca.Weight, ca.WeightSet = w, true
		}
		m := c.Musts[a]
		for _, l := range a.Scale.Levels {
			ca.Levels = append(ca.Levels, web.ChooseLevel{Level: l, Selected: m.AtLeast == l || slices.Contains(m.OneOf, l)})
		}
		return ca
	}
	for _, g := range site.Groups {
		cg := web.ChooseGroup{Group: g, Weight: c.GroupWeight(g)}
		for _, a := range g.Aspects {
			switch {
			case a.Scale == nil:
			case a.IsFilter():
				f.Filters = append(f.Filters, control(a))
			default:
				cg.Aspects = append(cg.Aspects, control(a))
				cg.Scored = cg.Scored || a.Scale.Ordered
			}
		}
		f.Groups = append(f.Groups, cg)
	}
	return f
}

func (s *Server) handleChooseJSON(w http.ResponseWriter, r *http.Request) error {
	c, err := s.choice(r, content.ChoosePath+string(content.JSON))
	if err != nil {
		return err
	}
	site := s.Site()
	body, err := json.MarshalIndent(answerData(s.baseURL(r), site, site.Choose(c)), "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(append(body, '\n'))
	return nil
}

// The JSON shape of a chooser answer. Field names are part of the public interface.
type answerJSON struct {
	Canonical  string         `json:"canonical"`
	Scored     bool           `json:"scored"`
	Ranked     []rankedJSON   `json:"ranked"`
	Rejected   []rejectedJSON `json:"rejected"`
	Robustness robustJSON     `json:"robustness"`
}

type rankedJSON struct {
	Subject string      `json:"subject"`
	Name    string      `json:"name"`
	Rank    int         `json:"rank"`
	Tied    bool        `json:"tied"`
	Score   float64     `json:"score"`
	Unknown int         `json:"unknown"`
	Groups  []groupJSON `json:"groups"`
}

type groupJSON struct {
	Group  string  `json:"group"`
	Score  float64 `json:"score"`
	Weight int     `json:"weight"`
}

type rejectedJSON struct {
	Subject string   `json:"subject"`
	Aspect  string   `json:"aspect"`
	Needs   []string `json:"needs"` // level ids: the least accepted, or every accepted category
	AtLeast bool     `json:"at_least"`
	Has     string   `json:"has"`
}

type robustJSON struct {
	Leader string     `json:"leader,omitempty"`
	Tried  int        `json:"tried"`
	Flips  []flipJSON `json:"flips"`
}

type flipJSON struct {
	Group  string   `json:"group,omitempty"`
	Aspect string   `json:"aspect,omitempty"`
	From   int      `json:"from"`
	To     int      `json:"to"`
	Leader []string `json:"leader"`
}

func answerData(base string, site *content.Site, a content.Answer) answerJSON {
	out := answerJSON{Canonical: base + a.Choice.Path(site), Scored: a.Scored, Ranked: []rankedJSON{}, Rejected: []rejectedJSON{},
		Robustness: robustJSON{Tried: a.Robust.Tried, Flips: []flipJSON{}}}
	for _, r := range a.Ranked {
		rj := rankedJSON{Subject: r.Subject.Slug, Name: r.Subject.Name, Rank: r.Rank, Tied: r.Tied, Score: r.Score, Unknown: r.Unknown}
		for _, g := range r.Groups {
			rj.Groups = append(rj.Groups, groupJSON{Group: g.Group.ID, Score: g.Score, Weight: g.Weight})
		}
		out.Ranked = append(out.Ranked, rj)
	}
	for _, r := range a.Rejected {
		rj := rejectedJSON{Subject: r.Subject.Slug, Aspect: r.Aspect.ID, Has: r.Has.ID, AtLeast: r.Must.AtLeast != nil}
		if r.Must.AtLeast != nil {
			rj.Needs = []string{r.Must.AtLeast.ID}
		}
		for _, l := range r.Must.OneOf {
			rj.Needs = append(rj.Needs, l.ID)
		}
		out.Rejected = append(out.Rejected, rj)
	}
	if a.Robust.Leader != nil {
		out.Robustness.Leader = a.Robust.Leader.Slug
	}
	for _, f := range a.Robust.Flips {
		fj := flipJSON{From: f.From, To: f.To}
		if f.Group != nil {
			fj.Group = f.Group.ID
		} else {
			fj.Aspect = f.Aspect.ID
		}
		for _, l := range f.Leader {
			fj.Leader = append(fj.Leader, l.Slug)
		}
		out.Robustness.Flips = append(out.Robustness.Flips, fj)
	}
	return out
}

func (s *Server) handleMethod(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	v := web.MethodView{Page: s.page(r, false, "How versus decides", "How levels become a verdict, a ranking and a list of alternatives: the points, the formula, the rules for ties and unknowns.", web.Crumb{Label: "Method"}),
		Scales: methodScales(site)}
	return s.render(w, r, http.StatusOK, web.MethodPage(v))
}

// methodScales are the site's scales with the aspects that use each, for /method.
func methodScales(site *content.Site) []web.MethodScale {
	var out []web.MethodScale
	for _, a := range site.Aspects {
		if a.Scale == nil {
			continue
		}
		i := slices.IndexFunc(out, func(m web.MethodScale) bool { return m.Scale == a.Scale })
		if i < 0 {
			out = append(out, web.MethodScale{Scale: a.Scale})
			i = len(out) - 1
		}
		out[i].Aspects = append(out[i].Aspects, a)
	}
	return out
}

func (s *Server) handleAlternatives(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	sub, ok := site.Subject(chi.URLParam(r, "slug"))
	if !ok {
		return pageNotFound(r)
	}
	f, err := site.ParseAlternativesFilter(r.URL.Query())
	var ce *content.ChoiceError
	if errors.As(err, &ce) {
		e := badRequest("These alternatives cannot be shown", "The link's "+ce.Error()+".")
		if len(ce.Allowed) > 0 {
			e.msg += " Allowed: " + strings.Join(ce.Allowed, ", ") + "."
		}
		e.links = []web.Crumb{{Label: "Every alternative to " + sub.Name, Href: sub.AlternativesPath()}}
		return e
	}
	title := "Alternatives to " + sub.Name
	p := s.page(r, false, title, "The subjects whose levels come closest to "+sub.Name+"'s, with the main differences named.",
		web.Crumb{Label: "Subjects", Href: content.SubjectsPath}, web.Crumb{Label: sub.Name, Href: sub.Path()}, web.Crumb{Label: "Alternatives"})
	p.Canonical = s.baseURL(r) + withQueryString(sub.AlternativesPath(), f.Query())
	v := web.AlternativesView{Page: p, Subject: sub, Alternatives: site.Alternatives(sub, f), Filter: alternativesForm(site, f)}
	return s.render(w, r, http.StatusOK, web.AlternativesPage(v))
}

func withQueryString(path, q string) string {
	if q == "" {
		return path
	}
	return path + "?" + q
}

// alternativesForm offers every language and kind as a filter, ticked as the filter has them.
func alternativesForm(site *content.Site, f content.AlternativesFilter) web.AlternativesForm {
	var out web.AlternativesForm
	if a, ok := site.Aspect("language"); ok && a.Scale != nil {
		for _, l := range a.Scale.Levels {
			out.Languages = append(out.Languages, web.ChooseLevel{Level: l, Selected: slices.Contains(f.Languages, l)})
		}
	}
	for _, k := range content.Kinds {
		out.Kinds = append(out.Kinds, web.KindChoice{Kind: k, Selected: slices.Contains(f.Kinds, k)})
	}
	return out
}
