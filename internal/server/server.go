// Package server serves the site over HTTP: one chi router (routes.go lists every URL) whose
// handlers read the immutable content model, build a view, render it fully into memory and
// only then write, or return an error that becomes the right error page (errors.go). Pages
// are kept in the page cache where routes.go says so.
package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/minify"
	"github.com/versus-dev/versus/internal/pagecache"
	"github.com/versus-dev/versus/static"
	"github.com/versus-dev/versus/web"
)

// Options configures the server.
type Options struct {
	// BaseURL is the site's public origin, e.g. "https://versus.example". When empty, absolute
	// URLs are derived from the request's Host, and pages are cached per host.
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
	cache    atomic.Pointer[pagecache.Cache]
	answers  atomic.Pointer[pagecache.Cache] // chooser answers, bounded apart from pages
	searches atomic.Pointer[pagecache.Cache] // search results per query, bounded apart too
	// searchSlots bounds the searches running at once; more wait for a slot rather than
	// share the CPU so thinly that every one of them is slow.
	searchSlots chan struct{}
	search      atomic.Pointer[searchState] // built on first use or by WarmSearch
	assets      *static.Assets
	opts        Options
	log         *slog.Logger
	handler     http.Handler
	security    http.Header // the headers every response carries
	// internalError is the 500 page, rendered when the server is built so that it can always
	// be sent, whatever has failed.
	internalError []byte
}

// cacheBytes bounds the memory kept for rendered pages; the shipped site's pages and their
// compressed variants take a few megabytes, the rest serves comparison views as they are asked.
// answerBytes bounds the chooser's answers: about 250 answers of 60 KB.
const (
	cacheBytes  = 128 << 20
	answerBytes = 16 << 20
	searchBytes = 16 << 20
)

// New builds the server for a loaded site.
func New(site *content.Site, assets *static.Assets, opts Options) *Server {
	s := &Server{assets: assets, opts: opts, log: opts.Logger, searchSlots: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.site.Store(site)
	s.resetCaches()
	s.security = newSecurityHeaders(opts.HSTS)
	s.internalError = s.renderInternalError()
	s.handler = s.accessLog(s.securityHeaders(s.routes()))
	return s
}

// Handler returns the site's handler: access log, security headers, then the router.
func (s *Server) Handler() http.Handler { return s.handler }

// Swap replaces the site atomically, as a -dev reload does; requests in flight keep the site
// they started with.
func (s *Server) Swap(site *content.Site) {
	s.site.Store(site)
	s.problems.Store(nil)
	s.resetCaches()
}

// resetCaches drops every rendered page and answer, as a new site or a problem banner needs.
func (s *Server) resetCaches() {
	s.cache.Store(pagecache.New(cacheBytes))
	s.answers.Store(pagecache.New(answerBytes))
	s.searches.Store(pagecache.New(searchBytes))
}

// SetProblems records the problems of a failed reload, shown on every page until the next
// good one.
func (s *Server) SetProblems(p []string) {
	s.problems.Store(&p)
	s.resetCaches()
}

// Site returns the site being served.
func (s *Server) Site() *content.Site { return s.site.Load() }

// chrome is what every page shares; code adds the stylesheet for highlighted code.
func (s *Server) chrome(code bool) web.Chrome {
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
	return c
}

// page is the chrome and meta data of the page at r's path, with breadcrumbs after Home.
func (s *Server) page(r *http.Request, code bool, title, description string, crumbs ...web.Crumb) web.Page {
	m := web.Meta{Title: title, Description: description, Path: r.URL.Path,
		Canonical: s.baseURL(r) + r.URL.Path}
	if len(crumbs) > 0 {
		m.Crumbs = append([]web.Crumb{{Label: "Home", Href: content.HomePath}}, crumbs...)
	}
	return web.Page{Chrome: s.chrome(code), Meta: m}
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

// render renders a component fully, then writes it with the given status; a rendering error
// is returned before anything is written, so it can still become the 500 page. A 200 page is
// minified. Pages that echo what a request sent (error pages, search results) are sent as
// rendered, with every character of the input escaped as templ escapes it: the minifier
// unescapes "<" inside attribute values, which is valid HTML but not a risk worth taking with
// input.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	return s.write(w, r, status, c, status == http.StatusOK)
}

// renderEcho renders a page that shows the request's input, without minifying it.
func (s *Server) renderEcho(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	return s.write(w, r, status, c, false)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, c templ.Component, min bool) error {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return fmt.Errorf("render %s: %w", r.URL.Path, err)
	}
	body := buf.Bytes()
	if min {
		body = minify.HTML(body)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return nil
}
