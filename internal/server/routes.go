package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes lists every URL the site answers.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.recoverPanics, middleware.GetHead) // access log and security headers wrap the router: see Handler
	r.NotFound(s.handleNotFound)
	r.MethodNotAllowed(s.handleMethodNotAllowed)

	r.Get("/healthz", s.handleHealth)
	r.Get("/readyz", s.handleHealth)
	r.Get("/search", s.handleSearch) // per query, so not in the page cache
	if s.opts.DevEvents != nil {
		r.Method(http.MethodGet, "/_dev/events", s.opts.DevEvents) // a stream: never cached
	}

	// Everything else is rendered once and served from the page cache.
	r.Group(func(r chi.Router) {
		r.Use(s.cached)
		r.Get("/", s.handleHome)
		r.Get("/articles", s.handleArticles)
		r.Get("/articles/{slug}", s.handleArticle)
		r.Get("/sources", s.handleSources)
		r.Get("/sources/{slug}", s.handleSource)
		r.Get("/subjects", s.handleSubjects)
		r.Get("/subjects/{slug}", s.handleSubject)
		r.Get("/compare", s.handlePicker)
		r.Get("/compare/{name}", s.handleCompare) // also {name}.json, .csv, .png
		r.Get("/tags", s.handleTags)
		r.Get("/tags/{tag}", s.handleTag)
		r.Get("/static/{file}", s.handleStatic)
		r.Get("/feed.xml", s.handleFeed)
		r.Get("/sitemap.xml", s.handleSitemap)
		r.Get("/robots.txt", s.handleRobots)
	})
	return r
}
