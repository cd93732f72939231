package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	for _, target := range []string{"/", "/compare/django-vs-nodejs", "/compare/django-vs-nodejs.json", "/nope", "/healthz", "/feed.xml", "/compare/x-vs-x"} {
		rec := fetch(t, http.MethodGet, target)
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP = %q", target, csp)
		}
		for _, k := range []string{"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
			if h.Get(k) == "" {
				t.Errorf("%s: missing %s", target, k)
			}
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS without the flag", target)
		}
	}
	srv := New(shippedSite(t).site, shippedSite(t).assets, Options{HSTS: true})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if !strings.Contains(rec.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Error("HSTS flag has no effect")
	}
}

func TestNoInlineScriptsOrStyles(t *testing.T) {
	for _, target := range []string{"/", "/articles/batteries-included", "/compare/django-vs-nodejs"} {
		doc := page(t, target, 200)
		if n := doc.Find("script:not([src]), style, [style]").Length(); n != 0 {
			t.Errorf("%s: %d inline scripts or styles (CSP forbids them)", target, n)
		}
		doc.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: inline handler %s", target, a.Key)
				}
			}
		})
	}
}

func TestPanicServesErrorPage(t *testing.T) {
	var logs bytes.Buffer
	srv := New(shippedSite(t).site, shippedSite(t).assets, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	h := srv.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "Something went wrong") {
		t.Errorf("panic = %d %.100q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Error("panic not logged")
	}
}

func TestAccessLogJSON(t *testing.T) {
	var logs bytes.Buffer
	srv := New(shippedSite(t).site, shippedSite(t).assets, Options{AccessLog: slog.New(slog.NewJSONHandler(&logs, nil))})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/compare/nodejs-vs-rust", nil))
	var line map[string]any
	if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
		t.Fatalf("access log is not JSON: %q", logs.String())
	}
	if line["path"] != "/compare/nodejs-vs-rust" || line["status"] != float64(404) {
		t.Errorf("log line = %v", line)
	}
}
