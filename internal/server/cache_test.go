package server

import (
	"bytes"
	"compress/gzip"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/andybalholm/brotli"
)

func fetchWith(t *testing.T, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	shippedRouter(t).ServeHTTP(rec, req)
	return rec
}

// TestCompressedVariantsDecodeToSamePage checks that br, gzip and identity responses carry
// the same page, with Vary and distinct strong ETags.
func TestCompressedVariantsDecodeToSamePage(t *testing.T) {
	const target = "/compare/django-vs-nodejs"
	plain := fetchWith(t, target, nil)
	if plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("identity response encoded as %q", plain.Header().Get("Content-Encoding"))
	}
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	etags := map[string]bool{plain.Header().Get("ETag"): true}
	for enc, decode := range decoders {
		rec := fetchWith(t, target, map[string]string{"Accept-Encoding": enc})
		if got := rec.Header().Get("Content-Encoding"); got != enc {
			t.Fatalf("%s: Content-Encoding = %q", enc, got)
		}
		if rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary = %q", enc, rec.Header().Get("Vary"))
		}
		r, err := decode(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("%s variant decodes to a different page", enc)
		}
		if rec.Body.Len() >= plain.Body.Len()/3 {
			t.Errorf("%s variant is %d bytes for a %d-byte page", enc, rec.Body.Len(), plain.Body.Len())
		}
		etags[rec.Header().Get("ETag")] = true
	}
	if len(etags) != 3 {
		t.Errorf("ETags not distinct per encoding: %v", etags)
	}
}

func TestETagNotModified(t *testing.T) {
	first := fetchWith(t, "/articles", map[string]string{"Accept-Encoding": "gzip"})
	etag := first.Header().Get("ETag")
	if len(etag) < 10 || etag[0] != '"' {
		t.Fatalf("ETag = %q, want a strong quoted tag", etag)
	}
	again := fetchWith(t, "/articles", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("If-None-Match = %d with %d bytes", again.Code, again.Body.Len())
	}
	other := fetchWith(t, "/articles", map[string]string{"If-None-Match": `"stale"`})
	if other.Code != http.StatusOK {
		t.Errorf("stale ETag = %d", other.Code)
	}
}

func TestCacheControl(t *testing.T) {
	for target, want := range map[string]string{
		"/compare/django-vs-nodejs":           "public, max-age=300, must-revalidate",
		"/compare/django-vs-nodejs.json":      "public, max-age=300, must-revalidate",
		"/healthz":                            "no-store",
		shippedSite(t).assets.URL("site.css"): "public, max-age=31536000, immutable",
	} {
		if got := fetchWith(t, target, nil).Header().Get("Cache-Control"); got != want {
			t.Errorf("%s Cache-Control = %q, want %q", target, got, want)
		}
	}
}

func TestErrorPagesAreNotCachedAsSuccess(t *testing.T) {
	for i := 0; i < 2; i++ {
		if rec := fetchWith(t, "/compare/nodejs-vs-nodejs", nil); rec.Code != http.StatusBadRequest || rec.Header().Get("ETag") != "" {
			t.Errorf("attempt %d: %d ETag=%q", i, rec.Code, rec.Header().Get("ETag"))
		}
	}
}

func TestShareImage(t *testing.T) {
	for _, target := range []string{"/compare/django-vs-nodejs.png", "/compare/rails-vs-django-vs-nodejs-vs-express.png"} {
		rec := fetchWith(t, target, map[string]string{"Accept-Encoding": "gzip, br"})
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" || rec.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s = %d %v", target, rec.Code, rec.Header())
		}
		cfg, err := png.DecodeConfig(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s is %d×%d", target, cfg.Width, cfg.Height)
		}
	}
	doc := page(t, "/compare/nodejs-vs-django", 200)
	if img, _ := doc.Find("meta[property='og:image']").Attr("content"); img != "https://versus.example/compare/django-vs-nodejs.png" {
		t.Errorf("og:image = %q", img)
	}
}

func BenchmarkComparePageCached(b *testing.B) {
	h := shippedRouter(b)
	req := httptest.NewRequest(http.MethodGet, "/compare/django-vs-nodejs", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
