package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzCompareRequest: any comparison path segment, in any format, with any query, is answered
// by the real router with a page, a redirect or a 4xx page that says why; never a 5xx.
func FuzzCompareRequest(f *testing.F) {
	for _, seed := range []string{"django-vs-nodejs", "a-vs-b-vs-c-vs-d-vs-e", "-vs-", "x.json", "django-vs-nodejs.png",
		"ÄÖ-vs-ü", "", "Django-vs-NodeJS.csv", "nodejs-vs-nodejs", "django-vs-nodejs/"} {
		f.Add(seed, "diff=1&group=security")
	}
	f.Fuzz(func(t *testing.T, name, rawQuery string) {
		u := &url.URL{Path: "/compare/" + name, RawQuery: rawQuery}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, req.RequestURI = u, u.RequestURI()
		rec := httptest.NewRecorder()
		shippedRouter(t).ServeHTTP(rec, req)
		switch {
		case rec.Code >= 500:
			t.Fatalf("%s = %d", u.RequestURI(), rec.Code)
		case rec.Code >= 400 && !strings.Contains(rec.Body.String(), "<h1>"):
			t.Fatalf("%s = %d without a page saying why", u.RequestURI(), rec.Code)
		}
	})
}
