package pagecache

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// pageHandler serves a fixed HTML page and counts how often it is rendered.
type pageHandler struct {
	renders atomic.Int32
	body    string
	status  int
	delay   time.Duration
	noStore bool
}

func (h *pageHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.renders.Add(1)
	time.Sleep(h.delay)
	if r.Method != http.MethodGet {
		http.Error(w, "rendered as "+r.Method, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if h.noStore {
		w.Header().Set("Cache-Control", "no-store")
	}
	if h.status != 0 {
		w.WriteHeader(h.status)
	}
	_, _ = io.WriteString(w, h.body)
}

func serve(c *Cache, h http.Handler, method, key string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, key, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	c.Serve(rec, req, key, h)
	return rec
}

func entries(c *Cache) int { n, _, _ := c.Stats(); return n }

func used(c *Cache) int { _, u, _ := c.Stats(); return u }

var page1 = "<!DOCTYPE html><title>t</title>" + strings.Repeat("<p>a comparison page</p>", 100)

// TestHeadFirstDoesNotBlankThePage is the regression test for a HEAD request that stored an
// empty page for every later GET.
func TestHeadFirstDoesNotBlankThePage(t *testing.T) {
	c := New(1 << 20)
	h := &pageHandler{body: page1}
	head := serve(c, h, http.MethodHead, "/p", nil)
	if head.Code != 200 || head.Body.Len() != 0 {
		t.Fatalf("HEAD = %d with %d body bytes, want 200 and none", head.Code, head.Body.Len())
	}
	if cl := head.Header().Get("Content-Length"); cl != strconv.Itoa(len(page1)) {
		t.Errorf("HEAD Content-Length = %q, want GET's length %d", cl, len(page1))
	}
	for i := range 2 {
		get := serve(c, h, http.MethodGet, "/p", nil)
		if get.Code != 200 || get.Body.String() != page1 || get.Header().Get("Content-Length") != strconv.Itoa(len(page1)) {
			t.Fatalf("GET %d after HEAD = %d, %d bytes, Content-Length %q", i, get.Code, get.Body.Len(), get.Header().Get("Content-Length"))
		}
	}
	if n := h.renders.Load(); n != 1 {
		t.Errorf("rendered %d times, want once", n)
	}
}

func TestConcurrentMissesRenderOnce(t *testing.T) {
	c := New(1 << 20)
	h := &pageHandler{body: page1, delay: 50 * time.Millisecond}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if rec := serve(c, h, http.MethodGet, "/p", nil); rec.Body.String() != page1 {
				t.Errorf("a concurrent request got %d bytes", rec.Body.Len())
			}
		})
	}
	wg.Wait()
	if n := h.renders.Load(); n != 1 {
		t.Errorf("16 concurrent misses rendered the page %d times, want once", n)
	}
}

func TestByteAccountingChargesAndFreesTheSame(t *testing.T) {
	body := strings.Repeat("x", 10_000)
	charge := 2*len(body) + 1024
	c := New(3*charge + 10) // room for three pages
	h := &pageHandler{body: body}
	for _, k := range []string{"/a", "/b", "/c"} {
		serve(c, h, http.MethodGet, k, nil)
	}
	if entries(c) != 3 || used(c) != 3*charge {
		t.Fatalf("3 pages: len %d used %d, want 3 and %d", entries(c), used(c), 3*charge)
	}
	// Asking for every encoding builds the compressed variants; the charge stays as it was.
	serve(c, h, http.MethodGet, "/a", map[string]string{"Accept-Encoding": "br"})
	serve(c, h, http.MethodGet, "/a", map[string]string{"Accept-Encoding": "gzip"})
	if used(c) != 3*charge {
		t.Errorf("after compressing, used %d, want %d", used(c), 3*charge)
	}
	serve(c, h, http.MethodGet, "/d", nil) // evicts /b, the least recently used
	if entries(c) != 3 || used(c) != 3*charge {
		t.Errorf("after eviction: len %d used %d, want 3 and %d", entries(c), used(c), 3*charge)
	}
	before := h.renders.Load()
	serve(c, h, http.MethodGet, "/a", nil)
	serve(c, h, http.MethodGet, "/b", nil)
	if got := h.renders.Load() - before; got != 1 {
		t.Errorf("re-reading /a and the evicted /b rendered %d pages, want 1 (/b)", got)
	}
	c.put("/b", renderPage(httptest.NewRequest(http.MethodGet, "/b", nil), h)) // replacing frees the old charge
	if used(c) != 3*charge {
		t.Errorf("after replacing a page, used %d, want %d", used(c), 3*charge)
	}
}

func TestOnlyDeterministicAnswersAreKept(t *testing.T) {
	c := New(1 << 20)
	for status, kept := range map[int]bool{200: true, 404: true, 400: true, 301: false, 500: false, 503: false} {
		h := &pageHandler{body: page1, status: status}
		key := "/s" + strconv.Itoa(status)
		serve(c, h, http.MethodGet, key, nil)
		rec := serve(c, h, http.MethodGet, key, nil)
		if rec.Code != status {
			t.Errorf("status %d served as %d", status, rec.Code)
		}
		if renders := h.renders.Load(); (renders == 1) != kept {
			t.Errorf("status %d: rendered %d times; kept should be %v", status, renders, kept)
		}
	}
	// A page that says no-store (search while its index is still being built) is not kept.
	warming := &pageHandler{body: page1, noStore: true}
	serve(c, warming, http.MethodGet, "/warming", nil)
	if rec := serve(c, warming, http.MethodGet, "/warming", nil); warming.renders.Load() != 2 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("a no-store page was kept (%d renders) or lost its Cache-Control", warming.renders.Load())
	}
	long := "/" + strings.Repeat("k", maxKey)
	h := &pageHandler{body: page1}
	serve(c, h, http.MethodGet, long, nil)
	serve(c, h, http.MethodGet, long, nil)
	if h.renders.Load() != 2 {
		t.Error("a page under an over-long key was kept")
	}
}

func TestNegotiateEncoding(t *testing.T) {
	for _, tt := range []struct {
		accept string
		want   int
	}{
		{"", 0}, {"gzip", 1}, {"gzip, deflate, br", 2}, {"br;q=0, gzip", 1},
		{"br;q=0.5, gzip;q=0.8", 1}, {"identity", 0}, {"*", 0}, {"gzip;q=0", 0}, {"BR", 2},
	} {
		if got := negotiate(tt.accept); got != tt.want {
			t.Errorf("negotiate(%q) = %s, want %s", tt.accept, encodings[got], encodings[tt.want])
		}
	}
}

// TestVariantsAndConditionalRequests checks that br, gzip and identity carry the same page
// with distinct strong ETags, and that a matching If-None-Match is answered with 304.
func TestVariantsAndConditionalRequests(t *testing.T) {
	c := New(1 << 20)
	h := &pageHandler{body: page1}
	plain := serve(c, h, http.MethodGet, "/p", nil)
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	etags := map[string]bool{plain.Header().Get("ETag"): true}
	for enc, decode := range decoders {
		rec := serve(c, h, http.MethodGet, "/p", map[string]string{"Accept-Encoding": enc})
		if rec.Header().Get("Content-Encoding") != enc || rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Fatalf("%s: headers %v", enc, rec.Header())
		}
		r, err := decode(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if body, _ := io.ReadAll(r); !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("%s variant decodes to a different page", enc)
		}
		etag := rec.Header().Get("ETag")
		etags[etag] = true
		again := serve(c, h, http.MethodGet, "/p", map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("%s: If-None-Match = %d with %d bytes", enc, again.Code, again.Body.Len())
		}
	}
	if len(etags) != 3 {
		t.Errorf("ETags not distinct per encoding: %v", etags)
	}
	if rec := serve(c, h, http.MethodGet, "/p", map[string]string{"If-None-Match": `"stale"`}); rec.Code != 200 {
		t.Errorf("a stale ETag = %d", rec.Code)
	}
	if got := plain.Header().Get("Cache-Control"); got != defaultCacheControl {
		t.Errorf("Cache-Control = %q", got)
	}
}

func BenchmarkHit(b *testing.B) {
	c := New(1 << 20)
	h := &pageHandler{body: page1}
	req := httptest.NewRequest(http.MethodGet, "/p", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	c.Serve(httptest.NewRecorder(), req, "/p", h)
	for b.Loop() {
		c.Serve(httptest.NewRecorder(), req, "/p", h)
	}
}
