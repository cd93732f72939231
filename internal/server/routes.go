package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/versus-dev/versus/internal/content"
)

// routes lists every URL the site answers, and where the page cache applies. Every handler is
// adapted by s.handle, which turns its error into the right error page. Cached routes name the
// query parameters they read: those are part of the cache key, in a fixed order, and any
// others are ignored, so no query can change what other requests are served.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	// The access log and security headers wrap the router: see New.
	r.Use(s.recoverPanics, middleware.RedirectSlashes, middleware.GetHead)
	r.NotFound(s.handle(s.handleNotFound))
	r.MethodNotAllowed(s.handle(s.handleMethodNotAllowed))

	r.Get("/healthz", s.handleHealth)
	r.Get("/readyz", s.handleHealth)
	r.With(s.cachedSearch).Get(content.SearchPath, s.handle(s.handleSearch)) // per query, in a cache of its own
	if s.opts.DevEvents != nil {
		r.Method(http.MethodGet, "/_dev/events", s.opts.DevEvents) // a stream: never cached
	}

	page := s.cached() // rendered once, whatever the query
	r.With(page).Get(content.HomePath, s.handle(s.handleHome))
	r.With(page).Get(content.ArticlesPath, s.handle(s.handleArticles))
	r.With(page).Get(content.ArticlesPath+"/{slug}", s.handle(s.handleArticle))
	r.With(page).Get(content.SourcesPath, s.handle(s.handleSources))
	r.With(page).Get(content.SourcesPath+"/{slug}", s.handle(s.handleSource))
	r.With(page).Get(content.SubjectsPath, s.handle(s.handleSubjects))
	r.With(page).Get(content.SubjectsPath+"/{slug}", s.handle(s.handleSubject))
	r.With(page).Get(content.TagsPath, s.handle(s.handleTags))
	r.With(page).Get(content.TagsPath+"/{tag}", s.handle(s.handleTag))
	r.With(page).Get(content.FeedPath, s.handle(s.handleFeed))
	r.With(page).Get(content.ChangesPath, s.handle(s.handleChanges))
	r.With(page).Get(content.ChangesFeed, s.handle(s.handleChangesFeed))
	r.With(page).Get(content.SubjectsPath+"/{slug}/changes.xml", s.handle(s.handleSubjectChangesFeed))
	r.With(page).Get(content.SitemapPath, s.handle(s.handleSitemap))
	r.With(page).Get(content.RobotsPath, s.handle(s.handleRobots))
	r.With(page).Get("/static/{file}", s.handle(s.handleStatic))

	r.Get(content.PickerPath, s.handle(s.handlePicker)) // a submitted picker redirects: not cached
	view := s.cached(content.ViewParams...)
	r.With(view).Get(content.PickerPath+"/{name}", s.handle(s.handleCompare))
	r.With(view).Get(content.PickerPath+"/{name}.json", s.handle(s.handleCompareJSON))
	r.With(view).Get(content.PickerPath+"/{name}.csv", s.handle(s.handleCompareCSV))
	r.With(page).Get(content.PickerPath+"/{name}.png", s.handle(s.handleShareImage))
	r.With(page).Get(content.PickerPath+"/{name}/changes.xml", s.handle(s.handleComparisonChangesFeed))
	r.With(page).Get(content.PickerPath+"/{name}/{aspect}", s.handle(s.handleCompareAspect))
	r.With(page).Get(content.GapsPath, s.handle(s.handleGaps))
	r.With(page).Get(content.MethodPath, s.handle(s.handleMethod))
	r.With(s.cached(content.AlternativesFilterParams...)).Get(content.SubjectsPath+"/{slug}/alternatives", s.handle(s.handleAlternatives))

	// Chooser answers: one per canonical link (others redirect to it), kept in a cache of their
	// own so that however many combinations readers try, they cannot evict the site's pages.
	r.With(s.cachedAnswers).Get(content.ChoosePath, s.handle(s.handleChoose))
	r.With(s.cachedAnswers).Get(content.ChoosePath+string(content.JSON), s.handle(s.handleChooseJSON))
	return r
}

// cached serves a route from the page cache. params are the query parameters the route reads:
// the page is rendered from a request that carries only those, sorted, which is also its key,
// so what a page shows is exactly what its key says.
func (s *Server) cached(params ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if s.opts.NoCache {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if q := keptQuery(r.URL, params); q != r.URL.RawQuery {
				u := *r.URL
				u.RawQuery = q
				r = r.WithContext(r.Context()) // a shallow copy, so the URL can change
				r.URL = &u
			}
			key := r.URL.Path
			if r.URL.RawQuery != "" {
				key += "?" + r.URL.RawQuery
			}
			if s.opts.BaseURL == "" {
				key = r.Host + key // absolute links are derived from the host
			}
			s.cache.Load().Serve(w, r, key, next)
		})
	}
}

// cachedAnswers serves a chooser route from the answers cache, keyed by its whole query: the
// handler redirects every query that is not canonical, and only canonical answers are kept.
func (s *Server) cachedAnswers(next http.Handler) http.Handler {
	if s.opts.NoCache {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path + "?" + r.URL.RawQuery
		if s.opts.BaseURL == "" {
			key = r.Host + key
		}
		s.answers.Load().Serve(w, r, key, next)
	})
}

// cachedSearch serves searches from the search cache, keyed by the query with its white space
// folded: the page is rendered from a request that carries only that query, so "orm" and
// " orm " share one answer, and no other parameter can change it.
func (s *Server) cachedSearch(next http.Handler) http.Handler {
	if s.opts.NoCache {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := *r.URL
		u.RawQuery = ""
		if q := strings.Join(strings.Fields(r.URL.Query().Get("q")), " "); q != "" {
			u.RawQuery = "q=" + url.QueryEscape(q)
		}
		r = r.WithContext(r.Context())
		r.URL = &u
		key := u.Path + "?" + u.RawQuery
		if s.opts.BaseURL == "" {
			key = r.Host + key
		}
		s.searches.Load().Serve(w, r, key, next)
	})
}

// keptQuery is the part of u's query naming params, encoded with keys sorted.
func keptQuery(u *url.URL, params []string) string {
	if u.RawQuery == "" || len(params) == 0 {
		return ""
	}
	all, kept := u.Query(), url.Values{}
	for _, p := range params {
		if v, ok := all[p]; ok {
			kept[p] = v
		}
	}
	return kept.Encode()
}
