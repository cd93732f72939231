// Package server serves the site over HTTP: one chi router (see routes.go) whose handlers read
// the immutable content model, render templ components fully into memory, and only then write.
package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/static"
	"github.com/versus-dev/versus/web"
)

// Options configures the server.
type Options struct {
	// BaseURL is the site's public origin, e.g. "https://versus.example". When empty, absolute
	// URLs are derived from the request's Host.
	BaseURL string
	// Logger receives errors; AccessLog, when set, one line per request.
	Logger    *slog.Logger
	AccessLog *slog.Logger
	// HSTS adds Strict-Transport-Security, for a site served over TLS.
	HSTS bool
	// NoCache renders every request afresh instead of keeping pages: for the static export,
	// which asks for each page once.
	NoCache bool
	// DevEvents, set by serve -dev, streams reload events at /_dev/events, and every page
	// loads static/devreload.js to listen to them.
	DevEvents http.Handler
}

// Server holds the current site and renders pages from it.
type Server struct {
	site     atomic.Pointer[content.Site]
	problems atomic.Pointer[[]string] // shown in a banner while the last reload failed
	cache    atomic.Pointer[pageCache]
	search   atomic.Pointer[searchState] // built on first use or by WarmSearch
	assets   *static.Assets
	opts     Options
	log      *slog.Logger
}

// New builds the server for a loaded site. The returned Server is an http.Handler.
func New(site *content.Site, assets *static.Assets, opts Options) *Server {
	s := &Server{assets: assets, opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.site.Store(site)
	s.cache.Store(newPageCache(cacheBytes))
	return s
}

// cacheBytes bounds the memory kept for rendered pages; the shipped site's pages and their
// compressed variants take a few megabytes, the rest serves comparison views as they are asked.
const cacheBytes = 128 << 20

// Handler returns the site's handler: access log, security headers, cached pages, then the
// router for everything else.
func (s *Server) Handler() http.Handler {
	return s.accessLog(s.securityHeaders(s.serveCached(s.routes())))
}

// Swap replaces the site atomically, as a -dev reload does; requests in flight keep the site
// they started with.
func (s *Server) Swap(site *content.Site) {
	s.site.Store(site)
	s.problems.Store(nil)
	s.cache.Store(newPageCache(cacheBytes))
}

// SetProblems records the problems of a failed reload, shown on every page until the next
// good one.
func (s *Server) SetProblems(p []string) {
	s.problems.Store(&p)
	s.cache.Store(newPageCache(cacheBytes))
}

// Site returns the site being served.
func (s *Server) Site() *content.Site { return s.site.Load() }

func (s *Server) chrome(r *http.Request, code bool) web.Chrome {
	c := web.Chrome{
		SiteName: "versus",
		CSS:      []string{s.assets.URL("site.css")},
		Icon:     s.assets.URL("favicon.svg"),
	}
	if code {
		c.CSS = append(c.CSS, s.assets.URL("chroma.css"))
	}
	if s.opts.DevEvents != nil {
		c.Scripts = append(c.Scripts, s.assets.URL("devreload.js"))
	}
	if p := s.problems.Load(); p != nil {
		c.Problems = *p
	}
	if r != nil && r.URL.Path == "/search" {
		c.Query = r.URL.Query().Get("q")
	}
	return c
}

// baseURL is the origin used for absolute links.
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return s.opts.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// render renders a component fully, then writes it with the given status, so a rendering
// error can still become a proper 500 page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.log.Error("render", "path", r.URL.Path, "err", err)
		s.serverError(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// serverError writes the 500 page; it renders nothing that could fail again.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	v := web.ErrorView{Status: http.StatusInternalServerError, Title: "Something went wrong on our side",
		Message: "The page could not be shown. It is not your fault; please try again in a moment."}
	err := web.ErrorPage(s.chrome(nil, false), web.Meta{Title: "Server error", NoIndex: true}, v).Render(context.Background(), &buf)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if err == nil {
		_, _ = w.Write(buf.Bytes())
	}
}
