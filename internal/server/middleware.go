package server

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// contentSecurityPolicy allows only our own files: no inline script or style, no framing.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// newSecurityHeaders builds the headers every response carries, once: they are copied on
// every request.
func newSecurityHeaders(hsts bool) http.Header {
	set := http.Header{}
	set.Set("Content-Security-Policy", contentSecurityPolicy)
	set.Set("X-Content-Type-Options", "nosniff")
	set.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	set.Set("X-Frame-Options", "DENY")
	set.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
	set.Set("Cross-Origin-Opener-Policy", "same-origin")
	if hsts {
		set.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
	return set
}

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	set := s.security
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range set {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler panic into the 500 page and logs the stack. A panic after the
// handler has started writing cannot become a clean 500; the page cache renders into memory,
// so on cached routes it never has.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.serveInternalError(w)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status and size of a response for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing for SSE).
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog writes one structured line per request when an access logger is configured.
func (s *Server) accessLog(next http.Handler) http.Handler {
	if s.opts.AccessLog == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.logRequest(r.Method, r.URL.Path, rec.status, rec.bytes, time.Since(start), w.Header().Get("Content-Encoding"), r.RemoteAddr)
	})
}

// logRequest writes one access-log line.
func (s *Server) logRequest(method, path string, status, bytes int, took time.Duration, encoding, remote string) {
	s.opts.AccessLog.LogAttrs(context.Background(), slog.LevelInfo, "request",
		slog.String("method", method),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Int("bytes", bytes),
		slog.Duration("duration", took),
		slog.String("encoding", encoding),
		slog.String("remote", remote),
	)
}
