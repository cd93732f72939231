package server

import (
	"net/http"
	"sort"

	"github.com/go-chi/chi/v5"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

// featured are the comparisons the home page leads with, when their subjects exist.
var featured = [][]string{
	{"django", "nodejs"}, {"django", "express"}, {"express", "fastify"}, {"fastapi", "flask"},
	{"laravel", "rails"}, {"aspnet-core", "spring-boot"}, {"fastapi", "nestjs"}, {"nodejs", "phoenix"},
}

func (s *Server) meta(r *http.Request, title, description string, crumbs ...web.Crumb) web.Meta {
	m := web.Meta{Title: title, Description: description, Path: r.URL.Path,
		Canonical: s.baseURL(r) + r.URL.Path}
	if len(crumbs) > 0 {
		m.Crumbs = append([]web.Crumb{{Label: "Home", Href: "/"}}, crumbs...)
	}
	return m
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	latest := site.Published()
	if len(latest) > 5 {
		latest = latest[:5]
	}
	v := web.HomeView{Featured: pairsOf(site, featured), Latest: latest, Kinds: kindGroups(site),
		Sources: len(site.Sources), Aspects: len(site.Aspects)}
	m := s.meta(r, "versus", "Compare backend runtimes and frameworks side by side — Node.js, Django, Rails, Laravel and more — with every claim sourced.")
	s.render(w, r, http.StatusOK, web.HomePage(s.chrome(r, false), m, v))
}

func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	m := s.meta(r, "Articles", "Guides and worked examples comparing backend technologies.", web.Crumb{Label: "Articles"})
	s.render(w, r, http.StatusOK, web.ArticlesPage(s.chrome(r, false), m, site.Published(), site.Tags))
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	a, ok := site.Article(chi.URLParam(r, "slug"))
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	v := web.ArticleView{Article: a, Comparisons: subjectPairs(a.Subjects, 6), Related: relatedArticles(site, a, 3)}
	list := site.Published()
	for i, x := range list {
		if x == a {
			if i > 0 {
				v.Next = list[i-1] // newer
			}
			if i+1 < len(list) {
				v.Prev = list[i+1] // older
			}
		}
	}
	m := s.meta(r, a.Title, a.Description, web.Crumb{Label: "Articles", Href: "/articles"}, web.Crumb{Label: a.Title})
	m.Type = "article"
	s.render(w, r, http.StatusOK, web.ArticlePage(s.chrome(r, true), m, v))
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	m := s.meta(r, "Sources", "The published Node.js and Django comparisons we track, summarised and with every claim recorded.", web.Crumb{Label: "Sources"})
	s.render(w, r, http.StatusOK, web.SourcesPage(s.chrome(r, false), m, s.Site().Sources))
}

func (s *Server) handleSource(w http.ResponseWriter, r *http.Request) {
	src, ok := s.Site().Source(chi.URLParam(r, "slug"))
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	v := web.SourceView{Source: src}
	seenS, seenA := map[*content.Subject]bool{}, map[string]bool{}
	for _, c := range src.Claims {
		if !seenS[c.Subject] {
			seenS[c.Subject] = true
			v.Subjects = append(v.Subjects, c.Subject)
		}
		seenA[c.Aspect.ID] = true
	}
	v.Aspects = len(seenA)
	if len(v.Subjects) > content.MaxCompared {
		v.Subjects = v.Subjects[:content.MaxCompared]
	}
	m := s.meta(r, src.Title, src.Description, web.Crumb{Label: "Sources", Href: "/sources"}, web.Crumb{Label: src.Title})
	m.Type = "article"
	s.render(w, r, http.StatusOK, web.SourcePage(s.chrome(r, false), m, v))
}

func (s *Server) handleSubjects(w http.ResponseWriter, r *http.Request) {
	m := s.meta(r, "Subjects", "Every runtime and framework we compare, grouped by kind.", web.Crumb{Label: "Subjects"})
	s.render(w, r, http.StatusOK, web.SubjectsPage(s.chrome(r, false), m, kindGroups(s.Site())))
}

func (s *Server) handleSubject(w http.ResponseWriter, r *http.Request) {
	site := s.Site()
	sub, ok := site.Subject(chi.URLParam(r, "slug"))
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	var pairs [][]*content.Subject
	for _, peer := range peers(site, sub, len(site.Subjects)) {
		pairs = append(pairs, []*content.Subject{sub, peer})
	}
	v := web.SubjectView{Subject: sub, Groups: site.Groups, Comparisons: pairs,
		Articles: site.ArticlesAbout([]*content.Subject{sub}, false)}
	m := s.meta(r, sub.Name, sub.Description, web.Crumb{Label: "Subjects", Href: "/subjects"}, web.Crumb{Label: sub.Name})
	s.render(w, r, http.StatusOK, web.SubjectPage(s.chrome(r, false), m, v))
}

func (s *Server) handleTags(w http.ResponseWriter, r *http.Request) {
	m := s.meta(r, "Tags", "Articles by topic.", web.Crumb{Label: "Tags"})
	s.render(w, r, http.StatusOK, web.TagsPage(s.chrome(r, false), m, s.Site().Tags))
}

func (s *Server) handleTag(w http.ResponseWriter, r *http.Request) {
	t, ok := s.Site().Tag(chi.URLParam(r, "tag"))
	if !ok || len(t.Articles) == 0 {
		s.handleNotFound(w, r)
		return
	}
	m := s.meta(r, "Tagged "+t.Name, "Articles tagged "+t.Name+".", web.Crumb{Label: "Tags", Href: "/tags"}, web.Crumb{Label: t.Name})
	s.render(w, r, http.StatusOK, web.TagPage(s.chrome(r, false), m, t))
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets.ByURL(r.URL.Path)
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.Body)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, web.ErrorView{Status: http.StatusNotFound, Title: "Page not found",
		Message: "There is no page at " + r.URL.Path + ". It may have moved, or the link may be mistyped."})
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	s.errorPage(w, r, web.ErrorView{Status: http.StatusMethodNotAllowed, Title: "Method not allowed",
		Message: "This site only answers GET and HEAD requests."})
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, v web.ErrorView) {
	if v.Status == http.StatusNotFound || v.Status == http.StatusBadRequest {
		v.Popular = pairsOf(s.Site(), featured[:4])
	}
	m := web.Meta{Title: v.Title, Path: r.URL.Path, NoIndex: true}
	s.render(w, r, v.Status, web.ErrorPage(s.chrome(r, false), m, v))
}

// kindGroups groups subjects by kind, in the order of content.Kinds.
func kindGroups(site *content.Site) []web.KindGroup {
	var out []web.KindGroup
	for _, k := range content.Kinds {
		g := web.KindGroup{Kind: k}
		for _, sub := range site.Subjects {
			if sub.Kind.ID == k.ID {
				g.Subjects = append(g.Subjects, sub)
			}
		}
		out = append(out, g)
	}
	return out
}

// pairsOf resolves lists of slugs to subjects, skipping lists naming a missing subject.
func pairsOf(site *content.Site, lists [][]string) [][]*content.Subject {
	var out [][]*content.Subject
	for _, l := range lists {
		if subs, err := site.ResolveSubjects(l); err == nil {
			out = append(out, subs)
		}
	}
	return out
}

// subjectPairs returns up to n pairs from a list of subjects.
func subjectPairs(subs []*content.Subject, n int) [][]*content.Subject {
	var out [][]*content.Subject
	for i := 0; i < len(subs); i++ {
		for j := i + 1; j < len(subs) && len(out) < n; j++ {
			out = append(out, []*content.Subject{subs[i], subs[j]})
		}
	}
	return out
}

// peers returns the n subjects most similar to sub: same kind and language first, then the
// number of aspects on which their values agree.
func peers(site *content.Site, sub *content.Subject, n int) []*content.Subject {
	var others []*content.Subject
	for _, o := range site.Subjects {
		if o != sub {
			others = append(others, o)
		}
	}
	return topScored(others, n, func(other *content.Subject) int {
		score := 0
		if other.Kind.ID == sub.Kind.ID {
			score += 10
		}
		if other.Language == sub.Language {
			score += 6
		}
		for id, v := range sub.Values {
			if ov := other.Values[id]; ov != nil && ov.Text == v.Text {
				score++
			}
		}
		return score
	})
}

// relatedArticles returns up to n other articles sharing the most subjects and tags with a.
func relatedArticles(site *content.Site, a *content.Article, n int) []*content.Article {
	var candidates []*content.Article
	for _, other := range site.Published() {
		if other != a && relatedness(a, other) > 0 {
			candidates = append(candidates, other)
		}
	}
	return topScored(candidates, n, func(other *content.Article) int { return relatedness(a, other) })
}

// relatedness counts what two articles share: 2 per subject, 3 per tag.
func relatedness(a, b *content.Article) int {
	score := 0
	for _, x := range b.Subjects {
		for _, y := range a.Subjects {
			if x == y {
				score += 2
			}
		}
	}
	for _, x := range b.Tags {
		for _, y := range a.Tags {
			if x == y {
				score += 3
			}
		}
	}
	return score
}

// topScored returns the n items with the highest score, keeping the input order among equals.
func topScored[T any](items []T, n int, score func(T) int) []T {
	scores := make(map[int]int, len(items))
	idx := make([]int, len(items))
	for i, it := range items {
		idx[i] = i
		scores[i] = score(it)
	}
	sort.SliceStable(idx, func(i, j int) bool { return scores[idx[i]] > scores[idx[j]] })
	var out []T
	for _, i := range idx {
		if len(out) == n {
			break
		}
		out = append(out, items[i])
	}
	return out
}
