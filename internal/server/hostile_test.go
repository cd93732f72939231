package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHostileRequests sends what scanners and broken clients send: every answer is a 4xx (or
// a redirect), never a 5xx, never a file from outside the site, never reflected markup.
func TestHostileRequests(t *testing.T) {
	targets := []string{
		"/static/../../../../etc/passwd",
		"/static/..%2f..%2f..%2fetc%2fpasswd",
		"/static/%2e%2e/%2e%2e/etc/passwd",
		"/static/site.css%00.png",
		"/articles/%00",
		"/articles/..%252f..%252fetc%252fpasswd",
		"/subjects/%ff%fe",
		"/compare/%ff-vs-%fe",
		"/compare/" + strings.Repeat("django-vs-", 300) + "nodejs",
		"/compare/" + strings.Repeat("a", 5000),
		"/compare/django-vs-django-vs-django",
		"/compare/-vs-",
		"/compare/-vs--vs-",
		"/compare/django-vs-nodejs.exe",
		"/compare/django-vs-nodejs.json.png",
		"/compare/django-vs-nodejs?diff=" + strings.Repeat("x", 9000),
		"/compare/django-vs-nodejs?group=%3Cscript%3Ealert(1)%3C/script%3E",
		"/compare/%3Cscript%3Ealert(1)%3C%2Fscript%3E-vs-django",
		"/compare?s=" + strings.Repeat("&s=x", 500),
		"/compare?s=%3Cscript%3E&s=django",
		"/tags/%3Cimg%20src=x%20onerror=alert(1)%3E",
		"/" + strings.Repeat("x/", 2000),
		"/index.php?id=1'--",
		"/.env",
		"/.git/config",
	}
	for _, target := range targets {
		name := target
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			rec := fetch(t, http.MethodGet, target)
			if rec.Code >= 500 || rec.Code < 300 {
				t.Fatalf("%s = %d, want a 3xx or 4xx", name, rec.Code)
			}
			body := rec.Body.String()
			for _, bad := range []string{"<script>alert", "<img src=x", "root:x:0:0"} { // escaped text is harmless
				if strings.Contains(body, bad) {
					t.Errorf("%s: response contains %q", name, bad)
				}
			}
			if len(body) > 200_000 {
				t.Errorf("%s: %d-byte error page", name, len(body))
			}
		})
	}
}

func TestOtherMethodsAndHugeHeaders(t *testing.T) {
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "PROPFIND"} {
		rec := fetch(t, m, "/articles")
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s = %d Allow=%q", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
	// A real server refuses oversized headers before the router; see cmd/versus's limits test.
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Encoding", strings.Repeat("gzip;q=0.5, ", 2000))
	rec := httptest.NewRecorder()
	shippedRouter(t).ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("long Accept-Encoding = %d", rec.Code)
	}
}
