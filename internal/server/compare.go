package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

// compareNameRE is the shape of a comparison path segment: slugs joined by "-vs-".
var compareNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// compareRequest is a parsed /compare/{name}[.ext]?diff=&group= request.
type compareRequest struct {
	slugs []string
	ext   string // "", ".json", ".csv" or ".png"
	opts  content.CompareOptions
}

// requestError is a client error with its status and a message for the reader.
type requestError struct {
	status      int
	title, msg  string
	suggestions []*content.Subject
}

func (e *requestError) Error() string { return e.msg }

// parseCompare parses a comparison path segment and its query parameters.
func parseCompare(name string, query url.Values) (compareRequest, *requestError) {
	var req compareRequest
	name, req.ext = splitCompareExt(name)
	if len(name) > 300 || !compareNameRE.MatchString(name) {
		return req, &requestError{status: http.StatusNotFound, title: "Comparison not found",
			msg: "A comparison link looks like /compare/django-vs-nodejs: two to four subject names in lowercase, joined by -vs-."}
	}
	req.slugs = content.SplitComparison(name)
	if len(req.slugs) < content.MinCompared || len(req.slugs) > content.MaxCompared {
		return req, &requestError{status: http.StatusBadRequest, title: "Compare two to four subjects",
			msg: fmt.Sprintf("This link names %d subject(s). A comparison shows %d to %d different subjects, for example /compare/django-vs-nodejs.", len(req.slugs), content.MinCompared, content.MaxCompared)}
	}
	switch d := query.Get("diff"); d {
	case "", "0", "false":
	case "1", "true":
		req.opts.DiffOnly = true
	default:
		return req, &requestError{status: http.StatusBadRequest, title: "Unknown view",
			msg: fmt.Sprintf("diff=%q is not a view we know: use diff=1 to show only rows whose values differ, or leave it out.", truncate(d, 40))}
	}
	req.opts.Group = query.Get("group")
	return req, nil
}

// splitCompareExt splits a data or image extension (".json", ".csv", ".png") off a
// comparison path segment; ext is "" for the HTML page.
func splitCompareExt(name string) (base, ext string) {
	for _, e := range []string{".json", ".csv", ".png"} {
		if b, ok := strings.CutSuffix(name, e); ok {
			return b, e
		}
	}
	return name, ""
}

// validCompareName reports whether a lowercase path segment has the shape of a comparison.
func validCompareName(name string) bool {
	base, _ := splitCompareExt(name)
	return compareNameRE.MatchString(base)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if lower := strings.ToLower(name); lower != name && validCompareName(lower) {
		u := *r.URL
		u.Path = "/compare/" + lower
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
		return
	}
	req, rerr := parseCompare(name, r.URL.Query())
	if rerr != nil {
		s.compareError(w, r, rerr)
		return
	}
	site := s.Site()
	m, err := site.Compare(req.slugs, req.opts)
	if err != nil {
		s.compareError(w, r, comparisonError(err, site, req.opts.Group))
		return
	}
	switch req.ext {
	case ".json":
		s.writeMatrixJSON(w, r, m, req.opts)
		return
	case ".csv":
		s.writeMatrixCSV(w, r, m, req.opts)
		return
	case ".png":
		s.writeShareImage(w, r, m)
		return
	}
	v := web.CompareView{Matrix: m, Diff: req.opts.DiffOnly, Group: req.opts.Group, Groups: site.Groups,
		Related: relatedComparisons(site, m.Subjects), Articles: site.ArticlesAbout(m.Subjects, false), Sources: citedSources(m)}
	for _, sub := range m.Subjects {
		if sub.Updated.Time.After(v.Updated.Time) {
			v.Updated = sub.Updated
		}
	}
	title := ""
	for i, sub := range m.Subjects {
		if i > 0 {
			title += " vs "
		}
		title += sub.Name
	}
	desc := fmt.Sprintf("%s compared across %d aspects — architecture, concurrency, built-in features, security, ecosystem — with sources and disputed claims flagged.", title, m.Total)
	meta := s.meta(r, title, desc, web.Crumb{Label: "Compare", Href: "/compare"}, web.Crumb{Label: title})
	meta.Canonical = s.baseURL(r) + "/compare/" + m.Canon
	meta.Image = s.baseURL(r) + "/compare/" + m.Canon + ".png"
	if req.opts.DiffOnly || req.opts.Group != "" {
		meta.Canonical += "?" + r.URL.Query().Encode()
	}
	s.render(w, r, http.StatusOK, web.ComparePage(s.chrome(r, false), meta, v))
}

// comparisonError maps a content error to the page the reader should see.
func comparisonError(err error, site *content.Site, group string) *requestError {
	var unknown *content.UnknownSubjectError
	var bad *content.BadComparisonError
	switch {
	case errors.As(err, &unknown):
		return &requestError{status: http.StatusNotFound, title: "No subject called “" + truncate(unknown.Slug, 40) + "”",
			msg: "We do not compare a subject by that name (yet). Here are the closest ones we have.", suggestions: unknown.Suggestions}
	case errors.As(err, &bad):
		msg := bad.Reason + "."
		if group != "" {
			if _, ok := site.Group(group); !ok {
				var ids []string
				for _, g := range site.Groups {
					ids = append(ids, g.ID)
				}
				msg += " Groups are: " + strings.Join(ids, ", ") + "."
			}
		}
		return &requestError{status: http.StatusBadRequest, title: "This comparison cannot be shown", msg: msg}
	}
	return &requestError{status: http.StatusInternalServerError, title: "Server error", msg: err.Error()}
}

func (s *Server) compareError(w http.ResponseWriter, r *http.Request, e *requestError) {
	if e.status >= 500 {
		s.log.Error("compare", "path", r.URL.Path, "err", e.msg)
		s.serverError(w, r)
		return
	}
	s.errorPage(w, r, web.ErrorView{Status: e.status, Title: e.title, Message: e.msg, Suggestions: e.suggestions})
}

// handlePicker shows the picker, or sends a submitted picker to the canonical comparison.
func (s *Server) handlePicker(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	chosen := r.URL.Query()["s"]
	v := web.PickerView{Kinds: kindGroups(site), Selected: map[string]bool{}, Popular: pairsOf(site, featured)}
	for _, c := range chosen {
		v.Selected[c] = true
	}
	status := http.StatusOK
	if len(chosen) > 0 {
		if _, err := site.ResolveSubjects(chosen); err == nil {
			http.Redirect(w, r, "/compare/"+content.CanonicalName(chosen), http.StatusSeeOther)
			return
		}
		status = http.StatusBadRequest
		v.Problem = fmt.Sprintf("You picked %d. Pick %d to %d different subjects.", len(v.Selected), content.MinCompared, content.MaxCompared)
	}
	m := s.meta(r, "Compare", "Pick two to four backend technologies and compare them side by side.", web.Crumb{Label: "Compare"})
	s.render(w, r, status, web.PickerPage(s.chrome(r, false), m, v))
}

// relatedComparisons pairs each compared subject with its two closest peers not in the matrix.
func relatedComparisons(site *content.Site, subs []*content.Subject) [][]*content.Subject {
	in := map[*content.Subject]bool{}
	for _, x := range subs {
		in[x] = true
	}
	var out [][]*content.Subject
	for _, x := range subs {
		n := 0
		for _, p := range peers(site, x, len(site.Subjects)) {
			if in[p] || n == 2 {
				continue
			}
			out = append(out, []*content.Subject{x, p})
			n++
		}
	}
	return out
}

// citedSources lists the sources whose claims appear in the matrix, in first-seen order.
func citedSources(m *content.Matrix) []*content.Source {
	seen := map[*content.Source]bool{}
	var out []*content.Source
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			for _, v := range row.Values {
				for _, c := range v.Claims {
					if c.Source != nil && !seen[c.Source] {
						seen[c.Source] = true
						out = append(out, c.Source)
					}
				}
				for _, ref := range v.Refs {
					if ref.Source != nil && !seen[ref.Source] {
						seen[ref.Source] = true
						out = append(out, ref.Source)
					}
				}
			}
		}
	}
	return out
}
