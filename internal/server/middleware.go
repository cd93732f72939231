package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// contentSecurityPolicy allows only our own files: no inline script or style, no framing.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries. They are built once and copied,
// since this runs on every request.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	set := http.Header{}
	set.Set("Content-Security-Policy", contentSecurityPolicy)
	set.Set("X-Content-Type-Options", "nosniff")
	set.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	set.Set("X-Frame-Options", "DENY")
	set.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
	set.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opts.HSTS {
		set.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
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
	log := s.opts.AccessLog
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("encoding", w.Header().Get("Content-Encoding")),
			slog.String("remote", r.RemoteAddr),
		)
	})
}
