package server

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/pagecache"
)

// Cached answers a request from the caches alone, without routing, when the router would
// answer it with a page already kept: a GET or HEAD asked for under the page's own key. target
// is the request target as sent (path and query, not decoded) and host its Host header. Any
// other request, and any target that is not already in the form the router keys pages by (an
// escape, a trailing slash, a query in another order or with more parameters), gets ok false
// and goes to the router, which serves it and keeps the page. So the answer is the router's,
// byte for byte, whichever way a request arrives.
//
// The response's headers are the page's; every response also carries SecurityHeaders.
func (s *Server) Cached(method string, host, target []byte, acceptEncoding, ifNoneMatch string) (pagecache.Response, bool) {
	if s.opts.NoCache || method != http.MethodGet && method != http.MethodHead || len(target) == 0 || target[0] != '/' {
		return pagecache.Response{}, false
	}
	path, query := target, []byte(nil)
	if i := bytes.IndexByte(target, '?'); i >= 0 {
		path, query = target[:i], target[i+1:]
	}
	if !plainPath(path) {
		return pagecache.Response{}, false
	}
	cache := s.cache.Load()
	switch string(path) {
	case content.ChoosePath, content.ChoosePath + string(content.JSON):
		cache = s.answers.Load()
		if query == nil {
			query = []byte{} // answers are keyed path + "?" + query, even when it is empty
		}
	case content.SearchPath:
		if !canonicalSearch(query) {
			return pagecache.Response{}, false
		}
		cache = s.searches.Load()
		if query == nil {
			query = []byte{}
		}
	}
	buf := keyBufs.Get().(*[]byte)
	defer keyBufs.Put(buf)
	key := (*buf)[:0]
	if s.opts.BaseURL == "" {
		key = append(key, host...)
	}
	key = append(key, path...)
	if query != nil {
		key = append(key, '?')
		key = append(key, query...)
	}
	*buf = key
	return cache.Lookup(key, method, acceptEncoding, ifNoneMatch)
}

var keyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// plainPath reports whether a request path is one the router would use as it is: no escapes
// to decode, no empty, "." or ".." segment, no trailing slash (which redirects).
func plainPath(p []byte) bool {
	if len(p) > 1 && p[len(p)-1] == '/' {
		return false
	}
	for i, c := range p {
		switch {
		case c == '%' || c == '\\' || c < 0x21 || c >= 0x7f:
			return false
		case c == '/' && i+1 < len(p) && (p[i+1] == '/' || p[i+1] == '.'):
			return false
		}
	}
	return true
}

// canonicalSearch reports whether a search query string is already the one cachedSearch keys
// answers by: q alone, its white space folded, escaped as url.QueryEscape does.
func canonicalSearch(query []byte) bool {
	if len(query) == 0 {
		return true
	}
	raw, ok := bytes.CutPrefix(query, []byte("q="))
	if !ok {
		return false
	}
	q, err := url.QueryUnescape(string(raw))
	return err == nil && q != "" && url.QueryEscape(strings.Join(strings.Fields(q), " ")) == string(raw)
}

// SecurityHeaders are the headers every response carries, whoever writes it.
func (s *Server) SecurityHeaders() http.Header { return s.security }

// LogAccess writes the access-log line of a request answered outside the router, with the
// fields the router's requests log.
func (s *Server) LogAccess(method, path string, status, bytes int, took time.Duration, encoding, remote string) {
	if s.opts.AccessLog != nil {
		s.logRequest(method, path, status, bytes, took, encoding, remote)
	}
}

// AccessLogging reports whether requests are logged.
func (s *Server) AccessLogging() bool { return s.opts.AccessLog != nil }
