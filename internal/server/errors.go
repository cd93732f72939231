package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/web"
)

// handlerFunc is a handler that returns an error instead of writing one: a *redirect for a page
// that lives at another URL, a *pageError for a request that cannot be answered as asked,
// anything else for a fault. It writes nothing when it returns an error.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// pageError is a request answered with an error page: its status, what went wrong in words
// for the reader, and subjects the reader may have meant.
type pageError struct {
	status      int
	title, msg  string
	suggestions []*content.Subject
	links       []web.Crumb // ways on, first on the page
}

func (e *pageError) Error() string { return e.msg }

func notFound(title, msg string) *pageError {
	return &pageError{status: http.StatusNotFound, title: title, msg: msg}
}

func badRequest(title, msg string) *pageError {
	return &pageError{status: http.StatusBadRequest, title: title, msg: msg}
}

// pageNotFound is the 404 of a path that names no page.
func pageNotFound(r *http.Request) *pageError {
	return notFound("Page not found", "There is no page at "+r.URL.Path+". It may have moved, or the link may be mistyped.")
}

// handle adapts a handlerFunc: its *pageError becomes the error page with its status, and any
// other error is logged and answered with the 500 page.
func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var rd *redirect
		if errors.As(err, &rd) {
			http.Redirect(w, r, rd.to, rd.status)
			return
		}
		var pe *pageError
		if !errors.As(err, &pe) {
			s.fault(w, r, err)
			return
		}
		if err := s.errorPage(w, r, pe); err != nil {
			s.fault(w, r, err)
		}
	}
}

// errorPage renders the page of a client error, with ways on: a search box, the picker and
// popular comparisons.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, e *pageError) error {
	p := s.page(r, false, e.title, "")
	p.Canonical, p.NoIndex = "", true
	v := web.ErrorView{Page: p, Status: e.status, Title: e.title, Message: e.msg, Suggestions: e.suggestions, Links: e.links}
	switch e.status {
	case http.StatusNotFound, http.StatusBadRequest:
		featured := s.Site().Featured
		v.Popular = featured[:min(4, len(featured))]
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", "GET, HEAD")
	}
	return s.render(w, r, e.status, web.ErrorPage(v))
}

// fault logs a server-side failure and sends the 500 page.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.serveInternalError(w)
}

// serveInternalError sends the 500 page rendered at start-up.
func (s *Server) serveInternalError(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(s.internalError)
}

// renderInternalError renders the 500 page once, from nothing that can change.
func (s *Server) renderInternalError() []byte {
	v := web.ErrorView{
		Page:    web.Page{Chrome: s.chrome(false), Meta: web.Meta{Title: "Server error", NoIndex: true}},
		Status:  http.StatusInternalServerError,
		Title:   "Something went wrong on our side",
		Message: "The page could not be shown. It is not your fault; please try again in a moment.",
	}
	var buf bytes.Buffer
	if err := web.ErrorPage(v).Render(context.Background(), &buf); err != nil {
		// Only a programming error gets here; the plain sentence still says what happened.
		return []byte("<!DOCTYPE html><title>Server error</title><p>Something went wrong on our side.</p>")
	}
	return buf.Bytes()
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	return pageNotFound(r)
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) error {
	return &pageError{status: http.StatusMethodNotAllowed, title: "Method not allowed",
		msg: "This site only answers GET and HEAD requests."}
}
