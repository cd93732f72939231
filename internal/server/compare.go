package server

import (
	"errors"
	"fmt"
	"net/http"
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
	v, err := s.Site().ParseView(r.URL.Query())
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

func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) error {
	c, view, err := s.comparisonView(r, "")
	if err != nil {
		return err
	}
	site := s.Site()
	m := site.Compare(c, view)
	title := c.Title()
	desc := fmt.Sprintf("%s compared across %d aspects — architecture, concurrency, built-in features, security, ecosystem — with sources and disputed claims flagged.", title, m.Total)
	p := s.page(r, false, title, desc, web.Crumb{Label: "Compare", Href: content.PickerPath}, web.Crumb{Label: title})
	canon := c.Canonical()
	p.Canonical = s.baseURL(r) + canon.ViewPath(view)
	p.Image = s.baseURL(r) + canon.FormatPath(content.Image, content.View{})
	v := web.CompareView{Page: p, Matrix: m, Groups: site.Groups, Related: site.RelatedComparisons(c),
		Articles: site.ArticlesAbout(c...), Sources: m.CitedSources(), Updated: content.LastRevised(c)}
	return s.render(w, r, http.StatusOK, web.ComparePage(v))
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
