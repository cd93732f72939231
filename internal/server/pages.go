package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	latest := site.Published()
	v := web.HomeView{
		Page:     s.page(r, false, "versus", "Compare backend runtimes and frameworks side by side — Node.js, Django, Rails, Laravel and more — with every claim sourced."),
		Featured: site.Featured, Latest: latest[:min(5, len(latest))], Kinds: site.KindGroups(),
		Subjects: len(site.Subjects), Sources: len(site.Sources), Aspects: len(site.Aspects),
	}
	return s.render(w, r, http.StatusOK, web.HomePage(v))
}

func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	v := web.ArticlesView{Page: s.page(r, false, "Articles", "Guides and worked examples comparing backend technologies.", web.Crumb{Label: "Articles"}),
		Articles: site.Published(), Tags: site.Tags}
	return s.render(w, r, http.StatusOK, web.ArticlesPage(v))
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	a, ok := site.Article(chi.URLParam(r, "slug"))
	if !ok {
		return pageNotFound(r)
	}
	body, err := a.Body()
	if err != nil {
		return err
	}
	v := web.ArticleView{Page: s.page(r, true, a.Title, a.Description,
		web.Crumb{Label: "Articles", Href: content.ArticlesPath}, web.Crumb{Label: a.Title}),
		Article: a, Body: body, Comparisons: content.PairsAmong(a.Subjects, 6), Related: site.RelatedArticles(a, 3)}
	v.Older, v.Newer = site.Neighbours(a)
	v.Type = "article"
	return s.render(w, r, http.StatusOK, web.ArticlePage(v))
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) error {
	v := web.SourcesView{Page: s.page(r, false, "Sources", "The published Node.js and Django comparisons we track, summarised and with every claim recorded.", web.Crumb{Label: "Sources"}),
		Sources: s.Site().Sources}
	return s.render(w, r, http.StatusOK, web.SourcesPage(v))
}

func (s *Server) handleSource(w http.ResponseWriter, r *http.Request) error {
	src, ok := s.Site().Source(chi.URLParam(r, "slug"))
	if !ok {
		return pageNotFound(r)
	}
	body, err := src.Body()
	if err != nil {
		return err
	}
	_, aspects := src.SubjectsClaimed()
	v := web.SourceView{Page: s.page(r, false, src.Title, src.Description,
		web.Crumb{Label: "Sources", Href: content.SourcesPath}, web.Crumb{Label: src.Title}),
		Source: src, Body: body, Compare: src.Comparison(), Aspects: aspects}
	v.Type = "article"
	return s.render(w, r, http.StatusOK, web.SourcePage(v))
}

func (s *Server) handleSubjects(w http.ResponseWriter, r *http.Request) error {
	v := web.SubjectsView{Page: s.page(r, false, "Subjects", "Every runtime and framework we compare, grouped by kind.", web.Crumb{Label: "Subjects"}),
		Kinds: s.Site().KindGroups()}
	return s.render(w, r, http.StatusOK, web.SubjectsPage(v))
}

func (s *Server) handleSubject(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	sub, ok := site.Subject(chi.URLParam(r, "slug"))
	if !ok {
		return pageNotFound(r)
	}
	body, err := sub.Body()
	if err != nil {
		return err
	}
	v := web.SubjectView{Page: s.page(r, false, sub.Name, sub.Description,
		web.Crumb{Label: "Subjects", Href: content.SubjectsPath}, web.Crumb{Label: sub.Name}),
		Subject: sub, Body: body, Comparisons: site.ComparisonsOf(sub), Articles: site.ArticlesAbout(sub),
		Choose: site.ChoiceLike(sub).Path(site), Changes: recent(site.ChangesOf(sub)), Feed: sub.ChangesFeedPath()}
	v.Feeds = []web.Crumb{{Label: "Changes to " + sub.Name, Href: sub.ChangesFeedPath()}}
	for _, g := range site.Groups {
		pg := web.ProfileGroup{Group: g}
		for _, a := range g.Aspects {
			pg.Entries = append(pg.Entries, web.ProfileEntry{Aspect: a, Value: sub.Values[a.ID]})
		}
		v.Profile = append(v.Profile, pg)
	}
	return s.render(w, r, http.StatusOK, web.SubjectPage(v))
}

func (s *Server) handleTags(w http.ResponseWriter, r *http.Request) error {
	v := web.TagsView{Page: s.page(r, false, "Tags", "Articles by topic.", web.Crumb{Label: "Tags"}), Tags: s.Site().Tags}
	return s.render(w, r, http.StatusOK, web.TagsPage(v))
}

func (s *Server) handleTag(w http.ResponseWriter, r *http.Request) error {
	t, ok := s.Site().Tag(chi.URLParam(r, "tag"))
	if !ok || len(t.Articles) == 0 {
		return pageNotFound(r)
	}
	v := web.TagView{Page: s.page(r, false, "Tagged "+t.Name, "Articles tagged "+t.Name+".",
		web.Crumb{Label: "Tags", Href: content.TagsPath}, web.Crumb{Label: t.Name}), Tag: t}
	return s.render(w, r, http.StatusOK, web.TagPage(v))
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.assets.ByURL(r.URL.Path)
	if !ok {
		return pageNotFound(r)
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.Body)
	return nil
}

func (s *Server) handleGaps(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	v := web.GapsView{Page: s.page(r, false, "Open gaps", "Cells of the versus matrix that still need a level, and what each is missing.", web.Crumb{Label: "Open gaps"}),
		Gaps: site.Gaps(), Cells: len(site.Subjects) * len(site.Aspects)}
	return s.render(w, r, http.StatusOK, web.GapsPage(v))
}

// recentChanges is how many changes a subject or comparison page shows; the feeds and
// /changes have the rest.
const recentChanges = 5

func recent(changes []*content.Change) []*content.Change {
	return changes[:min(recentChanges, len(changes))]
}

func (s *Server) handleChanges(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	v := web.ChangesView{Page: s.page(r, false, "What changed", "Every change to a value or level on versus, newest first, with why and the source that settles it.", web.Crumb{Label: "Changes"}),
		Changes: site.Changes()}
	v.Feeds = []web.Crumb{{Label: "Every change", Href: content.ChangesFeed}}
	return s.render(w, r, http.StatusOK, web.ChangesPage(v))
}
