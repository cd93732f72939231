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

// cached serves GET and HEAD responses from the page cache, rendering a page the first time it
// is asked for. Only complete 200, 400 and 404 responses are kept; redirects and errors are not.
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
		key := r.URL.Path + "?" + r.URL.RawQuery
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
	h := w.Header()
	copyHeader(h, p.header)
	h.Add("Vary", "Accept-Encoding")
	if h.Get("Cache-Control") == "" {
		// Pages change when content is deployed: browsers and CDNs may reuse them briefly,
		// then revalidate with the ETag (a 304 costs no body).
		h.Set("Cache-Control", "public, max-age=300, must-revalidate")
	}
	body := p.body
	etag := p.etag
	if enc := negotiate(r.Header.Get("Accept-Encoding")); enc != "" && len(p.body) > 512 && compressible(p.header.Get("Content-Type")) {
		p.compress()
		if enc == "br" {
			body = p.br
		} else {
			body = p.gz
		}
		h.Set("Content-Encoding", enc)
		etag = strings.TrimSuffix(etag, `"`) + "-" + enc + `"`
	}
	if p.status == http.StatusOK {
		h.Set("ETag", etag)
		if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
			h.Del("Content-Type")
			h.Del("Content-Encoding")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(p.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// negotiate picks br, gzip or identity ("") from an Accept-Encoding header, honouring q=0.
func negotiate(accept string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q = parseQ(v)
		}
		if q <= 0 || (name != "br" && name != "gzip") {
			continue
		}
		// Prefer br over gzip at equal quality: it is smaller.
		if q > bestQ || (q == bestQ && name == "br") {
			best, bestQ = name, q
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
