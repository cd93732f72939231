package server

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// cachedPage is a response rendered once and kept with its compressed variants.
type cachedPage struct {
	status      int
	header      http.Header // Content-Type, Content-Disposition…
	body, gz    []byte
	br          []byte
	etag        string
	compressOne sync.Once

	// Complete response headers per encoding ("", "gzip", "br"), built once: a cache hit
	// copies them instead of formatting ETag, Content-Length and the rest on every request.
	headersOnce [3]sync.Once
	headers     [3]http.Header
}

func encodingIndex(enc string) int {
	switch enc {
	case "gzip":
		return 1
	case "br":
		return 2
	}
	return 0
}

// responseHeader returns the full header set for the page in an encoding ("" for identity).
func (p *cachedPage) responseHeader(enc string) http.Header {
	i := encodingIndex(enc)
	p.headersOnce[i].Do(func() {
		h := p.header.Clone()
		h.Set("Vary", "Accept-Encoding")
		if h.Get("Cache-Control") == "" {
			// Pages change when content is deployed: browsers and CDNs may reuse them briefly,
			// then revalidate with the ETag (a 304 costs no body).
			h.Set("Cache-Control", "public, max-age=300, must-revalidate")
		}
		body := p.variant(enc)
		if enc != "" {
			h.Set("Content-Encoding", enc)
		}
		if p.status == http.StatusOK {
			etag := p.etag
			if enc != "" {
				etag = strings.TrimSuffix(etag, `"`) + "-" + enc + `"`
			}
			h.Set("ETag", etag)
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		p.headers[i] = h
	})
	return p.headers[i]
}

// variant is the body in an encoding ("" for identity).
func (p *cachedPage) variant(enc string) []byte {
	switch enc {
	case "gzip":
		p.compress()
		return p.gz
	case "br":
		p.compress()
		return p.br
	}
	return p.body
}

// compress builds the gzip and brotli variants the first time a client can use them, so
// start-up and first renders pay only for what is asked. Levels: gzip 9 and brotli 9 cost
// a few milliseconds for a 100 KB page and are paid once per page.
func (p *cachedPage) compress() {
	p.compressOne.Do(func() {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		_, _ = zw.Write(p.body)
		_ = zw.Close()
		var br bytes.Buffer
		bw := brotli.NewWriterLevel(&br, 9)
		_, _ = bw.Write(p.body)
		_ = bw.Close()
		p.gz, p.br = gz.Bytes(), br.Bytes()
	})
}

func (p *cachedPage) size() int { return len(p.body) + len(p.gz) + len(p.br) + 256 }

// pageCache is a byte-bounded LRU of rendered responses keyed by path and query.
type pageCache struct {
	mu    sync.Mutex
	max   int
	used  int
	order *list.List // front = most recently used; values are *cacheEntry
	items map[string]*list.Element
}

type cacheEntry struct {
	key  string
	page *cachedPage
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

func (c *pageCache) get(key string) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).page, true
}

func (c *pageCache) put(key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.used -= el.Value.(*cacheEntry).page.size()
		c.order.Remove(el)
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key, p})
	// Sizes are estimated before compression; compressed variants are smaller than the body.
	c.used += p.size() + len(p.body)
	for c.used > c.max && c.order.Len() > 1 {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.used -= e.page.size() + len(e.page.body)
		c.order.Remove(last)
		delete(c.items, e.key)
	}
}

// capture records a handler's response so it can be cached.
type capture struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (c *capture) Header() http.Header { return c.header }
func (c *capture) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}
func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.buf.Write(b)
}

// cacheKey is the page cache's key for a request: the path, and the query when there is one.
func cacheKey(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	return r.URL.Path + "?" + r.URL.RawQuery
}

// serveCached answers GET and HEAD requests for pages already in the cache before routing,
// which is most of the traffic; anything else goes on to the router.
func (s *Server) serveCached(next http.Handler) http.Handler {
	if s.opts.NoCache {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if page, ok := s.cache.Load().get(cacheKey(r)); ok {
				s.writeCached(w, r, page)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// cached renders a page the first time it is asked for and keeps it. Only complete 200, 400
// and 404 responses are kept; redirects and errors are not.
func (s *Server) cached(next http.Handler) http.Handler {
	if s.opts.NoCache {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		cache := s.cache.Load()
		key := cacheKey(r)
		page, ok := cache.get(key)
		if !ok {
			rec := &capture{header: http.Header{}}
			next.ServeHTTP(rec, r)
			if rec.status != http.StatusOK && rec.status != http.StatusNotFound && rec.status != http.StatusBadRequest {
				copyHeader(w.Header(), rec.header)
				w.WriteHeader(rec.status)
				_, _ = w.Write(rec.buf.Bytes())
				return
			}
			sum := sha256.Sum256(rec.buf.Bytes())
			page = &cachedPage{status: rec.status, header: rec.header, body: rec.buf.Bytes(),
				etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
			if len(key) < 512 {
				cache.put(key, page)
			}
		}
		s.writeCached(w, r, page)
	})
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// writeCached negotiates the encoding, answers conditional requests and writes the page.
func (s *Server) writeCached(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	enc := ""
	if len(p.body) > 512 && compressible(p.header.Get("Content-Type")) {
		enc = negotiate(r.Header.Get("Accept-Encoding"))
	}
	hdr := p.responseHeader(enc)
	h := w.Header()
	if p.status == http.StatusOK {
		if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, hdr.Get("ETag")) {
			h["ETag"] = hdr["ETag"]
			h["Vary"] = hdr["Vary"]
			h["Cache-Control"] = hdr["Cache-Control"]
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	copyHeader(h, hdr)
	w.WriteHeader(p.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(p.variant(enc))
	}
}

// negotiate picks br, gzip or identity ("") from an Accept-Encoding header, honouring q=0. It
// runs on every request, so it walks the header without allocating.
func negotiate(accept string) string {
	best, bestQ := "", 0.0
	for accept != "" {
		var part string
		part, accept, _ = strings.Cut(accept, ",")
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		isBr, isGzip := strings.EqualFold(name, "br"), strings.EqualFold(name, "gzip")
		if !isBr && !isGzip {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q = parseQ(v)
		}
		if q <= 0 {
			continue
		}
		// Prefer br over gzip at equal quality: it is smaller.
		if q > bestQ || (q == bestQ && isBr) {
			best, bestQ = "gzip", q
			if isBr {
				best = "br"
			}
		}
	}
	return best
}

func parseQ(s string) float64 {
	switch {
	case s == "" || s == "1" || strings.HasPrefix(s, "1."):
		return 1
	case strings.HasPrefix(s, "0."):
		v, scale := 0.0, 0.1
		for _, c := range s[2:] {
			if c < '0' || c > '9' {
				break
			}
			v += float64(c-'0') * scale
			scale /= 10
		}
		return v
	}
	return 0
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/"))
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// compressible reports whether a content type gains from compression (PNG does not).
func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}
