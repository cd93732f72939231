// Package pagecache keeps rendered responses in memory and serves them as a static file server
// would: compressed with brotli or gzip as the client accepts, with a strong ETag per encoding,
// 304 for a matching If-None-Match, and HEAD answered with the headers of GET. A page is
// rendered on its first request, as GET whatever the method, so no request can change what
// others are served; concurrent first requests for one page render it once. The cache is an
// LRU bounded in bytes.
package pagecache

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"golang.org/x/sync/singleflight"
)

// defaultCacheControl is sent with cached pages whose handler sets no Cache-Control: browsers
// and CDNs may reuse a page briefly, then revalidate it with its ETag (a 304 costs no body).
const defaultCacheControl = "public, max-age=300, must-revalidate"

// maxKey bounds the keys kept: longer ones are rendered and served but not stored.
const maxKey = 512

// Cache is a byte-bounded LRU of rendered responses, safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	max    int
	used   int
	order  *list.List // front = most recently used; values are *entry
	items  map[string]*list.Element
	flight singleflight.Group
}

type entry struct {
	key    string
	page   *page
	charge int // bytes counted for this entry when stored, and freed when it leaves
}

// New returns a cache that keeps at most maxBytes of responses.
func New(maxBytes int) *Cache {
	return &Cache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

// Serve answers a GET or HEAD request with the page stored under key, rendering it with
// render first if it is not stored. Only complete 200, 400 and 404 responses are kept: they
// are what a page always answers; redirects, server errors and responses marked no-store
// are passed on as rendered.
func (c *Cache) Serve(w http.ResponseWriter, r *http.Request, key string, render http.Handler) {
	p, ok := c.get(key)
	if !ok {
		v, _, _ := c.flight.Do(key, func() (any, error) {
			p := renderPage(r, render)
			if p.cacheable() && len(key) <= maxKey && !strings.Contains(p.header.Get("Cache-Control"), "no-store") {
				c.put(key, p)
			}
			return p, nil
		})
		p = v.(*page)
	}
	p.write(w, r)
}

// Stats says how many pages are stored and how many bytes they are charged, of the most the
// cache keeps.
func (c *Cache) Stats() (pages, used, limit int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.used, c.max
}

func (c *Cache) get(key string) (*page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).page, true
}

func (c *Cache) put(key string, p *page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	e := &entry{key: key, page: p, charge: p.charge()}
	c.items[key] = c.order.PushFront(e)
	c.used += e.charge
	for c.used > c.max && c.order.Len() > 1 {
		c.remove(c.order.Back())
	}
}

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.used -= e.charge
	c.order.Remove(el)
	delete(c.items, e.key)
}

// page is a response rendered once and kept with its compressed variants.
type page struct {
	status int
	header http.Header // what the handler set: Content-Type, Content-Disposition…
	body   []byte
	etag   string

	compressOnce sync.Once
	gz, br       []byte

	// Complete response headers per encoding (identity, gzip, br), built once, so that a hit
	// copies them instead of formatting ETag, Content-Length and the rest on every request.
	headersOnce [3]sync.Once
	headers     [3]http.Header
	// The smaller header set of a 304 per encoding, built once too.
	notModifiedOnce [3]sync.Once
	notModified     [3]http.Header
}

// renderPage runs render for r as a GET request and records the response. The render outlives
// a client that goes away, since other requests may be waiting for the same page.
func renderPage(r *http.Request, render http.Handler) *page {
	req := r.Clone(context.WithoutCancel(r.Context()))
	req.Method = http.MethodGet
	rec := &recorder{header: http.Header{}}
	render.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	body := rec.buf.Bytes()
	sum := sha256.Sum256(body)
	return &page{status: rec.status, header: rec.header, body: body,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
}

func (p *page) cacheable() bool {
	return p.status == http.StatusOK || p.status == http.StatusNotFound || p.status == http.StatusBadRequest
}

// charge is the bytes an entry is counted for: the body, room for its two compressed variants
// (each smaller than the body, and built only when first asked for), and its headers.
func (p *page) charge() int { return 2*len(p.body) + 1024 }

// encodings are the content codings a page may be sent in; index 0 is identity.
var encodings = [3]string{"", "gzip", "br"}

func (p *page) variant(i int) []byte {
	if i == 0 {
		return p.body
	}
	p.compressOnce.Do(func() {
		// gzip 9 and brotli 9 cost a few milliseconds for a 100 KB page, paid once per page.
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
	if i == 1 {
		return p.gz
	}
	return p.br
}

// responseHeader returns the full header set of the page in encoding i.
func (p *page) responseHeader(i int) http.Header {
	p.headersOnce[i].Do(func() {
		h := p.header.Clone()
		h.Set("Vary", "Accept-Encoding")
		if h.Get("Cache-Control") == "" {
			h.Set("Cache-Control", defaultCacheControl)
		}
		if i > 0 {
			h.Set("Content-Encoding", encodings[i])
		}
		if p.status == http.StatusOK {
			etag := p.etag
			if i > 0 {
				etag = strings.TrimSuffix(etag, `"`) + "-" + encodings[i] + `"`
			}
			h.Set("ETag", etag)
		}
		h.Set("Content-Length", strconv.Itoa(len(p.variant(i))))
		p.headers[i] = h
	})
	return p.headers[i]
}

// Response is a stored page's answer to one request, ready to write.
type Response struct {
	Status int
	Header http.Header // shared by every request: never modify it
	Body   []byte      // nil for HEAD and 304; Header's Content-Length says what GET sends
}

// Lookup answers a GET or HEAD request from the page stored under key, exactly as Serve
// would, without rendering: ok is false when no page is stored there. It is the hot path of a
// server that finds the key without routing; the key is only read.
func (c *Cache) Lookup(key []byte, method, acceptEncoding, ifNoneMatch string) (resp Response, ok bool) {
	c.mu.Lock()
	el, found := c.items[string(key)]
	if found {
		c.order.MoveToFront(el)
	}
	c.mu.Unlock()
	if !found {
		return Response{}, false
	}
	return el.Value.(*entry).page.respond(method, acceptEncoding, ifNoneMatch), true
}

// respond negotiates the encoding and answers a conditional request; a HEAD request gets the
// headers GET would.
func (p *page) respond(method, acceptEncoding, ifNoneMatch string) Response {
	if !p.cacheable() {
		r := Response{Status: p.status, Header: p.header}
		if method != http.MethodHead {
			r.Body = p.body
		}
		return r
	}
	i := 0
	if len(p.body) > 512 && compressible(p.header.Get("Content-Type")) {
		i = negotiate(acceptEncoding)
	}
	hdr := p.responseHeader(i)
	if p.status == http.StatusOK && ifNoneMatch != "" && etagMatches(ifNoneMatch, hdr.Get("ETag")) {
		return Response{Status: http.StatusNotModified, Header: p.notModifiedHeader(i)}
	}
	r := Response{Status: p.status, Header: hdr}
	if method != http.MethodHead {
		r.Body = p.variant(i)
	}
	return r
}

// notModifiedHeader is what a 304 carries in encoding i: the validator and caching headers.
func (p *page) notModifiedHeader(i int) http.Header {
	p.notModifiedOnce[i].Do(func() {
		hdr := p.responseHeader(i)
		p.notModified[i] = http.Header{"Etag": hdr["Etag"], "Vary": hdr["Vary"], "Cache-Control": hdr["Cache-Control"]}
	})
	return p.notModified[i]
}

// write writes the page's answer to r.
func (p *page) write(w http.ResponseWriter, r *http.Request) {
	resp := p.respond(r.Method, r.Header.Get("Accept-Encoding"), r.Header.Get("If-None-Match"))
	copyHeader(w.Header(), resp.Header)
	w.WriteHeader(resp.Status)
	if resp.Body != nil {
		_, _ = w.Write(resp.Body)
	}
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// negotiate picks br, gzip or identity from an Accept-Encoding header, as an index of
// encodings, honouring q=0. It runs on every request, so it walks the header without
// allocating.
func negotiate(accept string) int {
	best, bestQ := 0, 0.0
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
			best, bestQ = 1, q
			if isBr {
				best = 2
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
		strings.HasPrefix(contentType, "application/xml") || strings.HasPrefix(contentType, "application/atom+xml") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}

// recorder records a handler's response so it can be kept.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.buf.Write(b)
}
