package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

// redirect is a handler's answer that the page lives at another URL.
type redirect struct {
	to     string
	status int
}

func (e *redirect) Error() string { return fmt.Sprintf("%d to %s", e.status, e.to) }

// comparison reads the comparison a /compare/{name}[.ext] request names, in format f. A name
// with capitals is redirected to its lowercase form.
func (s *Server) comparison(r *http.Request, f content.Format) (content.Comparison, error) {
	name := chi.URLParam(r, "name")
	if lower := strings.ToLower(name); lower != name && content.IsComparisonSegment(lower) {
		u := *r.URL
		u.Path = content.PickerPath + "/" + lower + string(f)
		return nil, &redirect{to: u.String(), status: http.StatusMovedPermanently}
	}
	c, _, err := s.Site().ParseComparison(name)
	if err != nil {
		return nil, comparisonError(err)
	}
	return c, nil
}

// comparisonView is comparison with the view the request's query asks for.
func (s *Server) comparisonView(r *http.Request, f content.Format) (content.Comparison, content.View, error) {
	c, err := s.comparison(r, f)
	if err != nil {
		return nil, content.View{}, err
	}
	v, err := s.Site().ParseView(c, r.URL.Query())
	if err != nil {
		return nil, content.View{}, comparisonError(err)
	}
	return c, v, nil
}

// comparisonError maps a comparison that cannot be shown to the page the reader should see.
func comparisonError(err error) error {
	var unknown *content.UnknownSubjectError
	var bad *content.BadComparisonError
	switch {
	case errors.As(err, &unknown):
		e := notFound("No subject called “"+unknown.Slug+"”", "We do not compare a subject by that name (yet). Here are the closest ones we have.")
		e.suggestions = unknown.Suggestions
		return e
	case errors.As(err, &bad) && bad.Malformed:
		return notFound("Comparison not found", upperFirst(bad.Reason)+".")
	case errors.As(err, &bad):
		return badRequest("This comparison cannot be shown", upperFirst(bad.Reason)+".")
	}
	return err
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// readingLimit is how many articles a comparison suggests; the subject pages list them all.
const readingLimit = 6

func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) error {
	c, view, err := s.comparisonView(r, "")
	if err != nil {
		return err
	}
	site := s.Site()
	m := site.Compare(c, view)
	title := c.Title()
	desc := fmt.Sprintf("%s compared across %d aspects — architecture, concurrency, built-in features, security, ecosystem — with a level in every cell, a verdict, and what the sources say.", title, m.Total)
	p := s.page(r, false, title, desc, web.Crumb{Label: "Compare", Href: content.PickerPath}, web.Crumb{Label: title})
	canon := c.Canonical()
	p.Canonical = s.baseURL(r) + canon.ViewPath(view)
	p.Image = s.baseURL(r) + canon.FormatPath(content.Image, content.View{})
	v := web.CompareView{Page: p, Matrix: m, Views: viewLinks(site, c, view), Legend: legendScales(m),
		Related: site.RelatedComparisons(c), Articles: site.ReadingFor(c, readingLimit), Sources: m.CitedSources(), Updated: content.LastRevised(c),
		Choose: site.ChoiceWeighing(c).Path(site), Changes: recent(site.ChangesOf(c...)), Feed: canon.ChangesFeedPath()}
	v.MoreArticles = len(site.ArticlesAbout(c...)) - len(v.Articles)
	for _, sub := range c {
		if len(site.ArticlesAbout(sub)) > 0 {
			v.MoreIn = append(v.MoreIn, sub)
		}
	}
	v.Feeds = []web.Crumb{{Label: "Changes to " + title, Href: canon.ChangesFeedPath()}}
	return s.render(w, r, http.StatusOK, web.ComparePage(v))
}

// viewLinks is the toolbar of a comparison: each view the site links to.
func viewLinks(site *content.Site, c content.Comparison, current content.View) []web.ViewLink {
	var out []web.ViewLink
	for _, v := range site.Views(c) {
		label := "At a glance"
		switch {
		case v.DiffOnly:
			label = "Only differences"
		case v.Group != "":
			g, _ := site.Group(v.Group)
			label = g.Label
		case v.Base != "":
			sub, _ := site.Subject(v.Base)
			label = "Against " + sub.Name
		case v.Full:
			label = "Every note and claim"
		}
		out = append(out, web.ViewLink{Label: label, Href: c.ViewPath(v), Current: v == current})
	}
	return out
}

// legendScales are the scales of the rows a matrix shows, in the order they first appear.
func legendScales(m *content.Matrix) []*content.Scale {
	var out []*content.Scale
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			if sc := row.Aspect.Scale; sc != nil && !slices.Contains(out, sc) {
				out = append(out, sc)
			}
		}
	}
	return out
}

// aspectOf reads the {aspect} of a /compare/{name}/{aspect} request.
func (s *Server) aspectOf(r *http.Request, c content.Comparison) (*content.Aspect, error) {
	id := chi.URLParam(r, "aspect")
	a, ok := s.Site().Aspect(id)
	if !ok {
		e := notFound("No aspect by that name", c.Title()+" has no row called that. Every aspect we compare is a row of the comparison.")
		e.links = []web.Crumb{{Label: "Every aspect of " + c.Title(), Href: c.Path()}}
		return nil, e
	}
	return a, nil
}

func (s *Server) handleCompareAspect(w http.ResponseWriter, r *http.Request) error {
	c, err := s.comparison(r, "")
	if err != nil {
		return err
	}
	a, err := s.aspectOf(r, c)
	if err != nil {
		return err
	}
	site := s.Site()
	row := site.CompareAspect(c, a)
	title := a.Label + ": " + c.Title()
	p := s.page(r, false, title, fmt.Sprintf("%s compared on %s: each value with its level, notes, references, and what every source claims.", c.Title(), strings.ToLower(a.Label)),
		web.Crumb{Label: "Compare", Href: content.PickerPath}, web.Crumb{Label: c.Title(), Href: c.RowPath(a)}, web.Crumb{Label: a.Label})
	canon := c.Canonical()
	p.Canonical = s.baseURL(r) + canon.AspectPath(a)
	p.Image = s.baseURL(r) + canon.FormatPath(content.Image, content.View{}) // the comparison's image: see docs/DECISIONS.md
	v := web.AspectView{Page: p, Comparison: c, Row: row}
	if a.Scale != nil {
		for _, l := range append(slices.Clone(a.Scale.Levels), content.Unknown) {
			lh := web.LevelHolders{Level: l}
			for i, val := range row.Values {
				if val.Level == l {
					lh.Subjects = append(lh.Subjects, c[i])
				}
			}
			if l != content.Unknown || len(lh.Subjects) > 0 {
				v.Scale = append(v.Scale, lh)
			}
		}
	}
	i := slices.Index(site.Aspects, a)
	if i > 0 {
		v.Prev = site.Aspects[i-1]
	}
	if i+1 < len(site.Aspects) {
		v.Next = site.Aspects[i+1]
	}
	return s.render(w, r, http.StatusOK, web.AspectPage(v))
}

// handlePicker shows the picker, or sends a submitted picker to the canonical comparison.
func (s *Server) handlePicker(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	chosen := r.URL.Query()["s"]
	checked := map[string]bool{}
	for _, slug := range chosen {
		checked[slug] = true
	}
	v := web.PickerView{Page: s.page(r, false, "Compare", "Pick two to four backend technologies and compare them side by side.", web.Crumb{Label: "Compare"}),
		Popular: site.Featured}
	for _, k := range site.KindGroups() {
		pk := web.PickerKind{Kind: k.Kind}
		for _, sub := range k.Subjects {
			pk.Choices = append(pk.Choices, web.PickerChoice{Subject: sub, Checked: checked[sub.Slug]})
		}
		v.Kinds = append(v.Kinds, pk)
	}
	status := http.StatusOK
	if len(chosen) > 0 {
		if c, err := site.ResolveSubjects(chosen); err == nil {
			return &redirect{to: c.Canonical().Path(), status: http.StatusSeeOther}
		}
		status = http.StatusBadRequest
		v.Problem = fmt.Sprintf("You picked %d. Pick %d to %d different subjects.", len(checked), content.MinCompared, content.MaxCompared)
	}
	return s.render(w, r, status, web.PickerPage(v))
}
