package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

// rawExchange sends one raw HTTP/1.1 request and returns the response with its header names
// as written, so that two servers can be compared byte for byte.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

func rawExchange(t *testing.T, addr, method, target string, header map[string]string) rawResponse {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var req strings.Builder
	fmt.Fprintf(&req, "%s %s HTTP/1.1\r\nHost: versus.test\r\nConnection: close\r\n", method, target)
	for k, v := range header {
		fmt.Fprintf(&req, "%s: %s\r\n", k, v)
	}
	req.WriteString("\r\n")
	if _, err := io.WriteString(c, req.String()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	h := resp.Header.Clone()
	h.Del("Date")
	h.Del("Connection")
	if resp.ContentLength >= 0 && method != http.MethodHead && resp.StatusCode != http.StatusNotModified {
		h.Set("Content-Length", fmt.Sprint(resp.ContentLength))
	}
	return rawResponse{resp.StatusCode, h, body}
}

func newShippedServer(t *testing.T) *server.Server {
	t.Helper()
	site, err := content.LoadSite(sitecontent.FS, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	return server.New(site, assets, server.Options{})
}

// startFast serves srv with the fasthttp engine on a free loopback port.
func startFast(t *testing.T, srv *server.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fs := newFastServer(srv, slog.New(slog.DiscardHandler))
	go func() { _ = fs.Serve(ln) }()
	t.Cleanup(func() { _ = fs.Shutdown() })
	return ln.Addr().String()
}

// TestFastEngineAnswersAsTheRouter sends the same sequence of requests, in the same order, to
// the fasthttp engine (cache hits answered without routing) and to the router under net/http,
// each over a fresh server, and checks every answer is the same: status, headers and body.
// The sequence has HEAD before GET, conditional requests, every encoding, queries in another
// order and with extra parameters, trailing slashes, escapes, errors and the chooser and
// search caches, each asked twice so the second answer is a cache hit.
func TestFastEngineAnswersAsTheRouter(t *testing.T) {
	fastSrv := newShippedServer(t)
	fast := startFast(t, fastSrv)
	ref := httptest.NewServer(newShippedServer(t).Handler())
	defer ref.Close()
	refAddr := strings.TrimPrefix(ref.URL, "http://")

	page := "/compare/django-vs-nodejs"
	first := rawExchange(t, refAddr, http.MethodGet, page, map[string]string{"Accept-Encoding": "br"})
	etag := first.header.Get("ETag")
	type req struct {
		method, target string
		header         map[string]string
	}
	var seq []req
	for _, r := range []req{
		{http.MethodHead, "/subjects/django", nil},
		{http.MethodGet, "/subjects/django", nil},
		{http.MethodHead, page, map[string]string{"Accept-Encoding": "gzip"}},
		{http.MethodGet, page, map[string]string{"Accept-Encoding": "gzip"}},
		{http.MethodGet, page, map[string]string{"Accept-Encoding": "br"}},
		{http.MethodGet, page, map[string]string{"Accept-Encoding": "gzip;q=0, br;q=0"}},
		{http.MethodGet, page, map[string]string{"Accept-Encoding": "br", "If-None-Match": etag}},
		{http.MethodHead, page, map[string]string{"Accept-Encoding": "br", "If-None-Match": etag}},
		{http.MethodGet, page, map[string]string{"If-None-Match": etag}}, // another encoding's ETag
		{http.MethodGet, page + "?group=runtime&diff=1", nil},
		{http.MethodGet, page + "?diff=1&group=runtime", nil},
		{http.MethodGet, page + "?diff=1&group=runtime&utm_source=x", nil},
		{http.MethodGet, page + "/", nil},
		{http.MethodGet, "/compare/django%2Dvs-nodejs", nil},
		{http.MethodGet, "//compare/django-vs-nodejs", nil},
		{http.MethodGet, "/compare/django-vs-nodejs/../django-vs-nodejs", nil},
		{http.MethodGet, "/compare/django-vs-nope", nil},
		{http.MethodGet, page + ".json", nil},
		{http.MethodGet, page + ".png", nil},
		{http.MethodPost, page, nil},
		{http.MethodGet, "/choose?m-orm=built-in", nil},
		{http.MethodGet, "/choose?w-security=3&m-orm=built-in", nil},
		{http.MethodGet, "/search?q=orm", nil},
		{http.MethodGet, "/search?q=+orm+", nil},
		{http.MethodGet, "/", map[string]string{"Accept-Encoding": "br"}},
		{http.MethodGet, "/static/nope.css", nil},
	} {
		seq = append(seq, r, r) // the second of each is answered from the cache where it can be
	}
	for _, r := range seq {
		got := rawExchange(t, fast, r.method, r.target, r.header)
		want := rawExchange(t, refAddr, r.method, r.target, r.header)
		if got.status != want.status || !bytes.Equal(got.body, want.body) {
			t.Errorf("%s %s %v: fast engine %d with %d bytes, router %d with %d bytes", r.method, r.target, r.header, got.status, len(got.body), want.status, len(want.body))
			continue
		}
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range want.header {
				if !yield(k) {
					return
				}
			}
			for k := range got.header {
				if want.header[k] == nil && !yield(k) {
					return
				}
			}
		}) {
			if k == "Content-Length" && want.header[k] == nil {
				continue // the router sent the page chunked; the bodies are compared above
			}
			if g, w := strings.Join(got.header[k], ", "), strings.Join(want.header[k], ", "); g != w {
				t.Errorf("%s %s %v: header %s = %q, router sends %q", r.method, r.target, r.header, k, g, w)
			}
		}
	}

	// The hits were answered without routing; what is not in the router's form was not.
	for target, hit := range map[string]bool{
		page: true, page + "?diff=1&group=runtime": true, "/subjects/django": true, "/choose?m-orm=built-in": true,
		"/search?q=orm": true, "/": true, page + "?group=runtime&diff=1": false, page + "/": false,
		"/compare/django%2Dvs-nodejs": false, "/search?q=+orm+": false, "/compare/django-vs-nope": true, "/static/nope.css": true,
	} {
		if _, ok := fastSrv.Cached(http.MethodGet, []byte("versus.test"), []byte(target), "br", ""); ok != hit {
			t.Errorf("Cached(%s) = %v, want %v", target, ok, hit)
		}
	}
}

// TestFastEngineLimits checks the engine's protections: an oversized header is refused, and a
// client that stops half-way through its request is cut off.
func TestFastEngineLimits(t *testing.T) {
	addr := startFast(t, newShippedServer(t))
	huge := rawExchange(t, addr, http.MethodGet, "/", map[string]string{"X-Big": strings.Repeat("a", 40<<10)})
	if huge.status != http.StatusRequestHeaderFieldsTooLarge && huge.status != http.StatusBadRequest {
		t.Errorf("a 40 KiB header got %d", huge.status)
	}
	if testing.Short() {
		return
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Fatalf("stalled connection not closed: %v", err)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("stalled connection closed after %v", took)
	}
}
