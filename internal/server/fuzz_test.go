package server

import (
	"net/url"
	"testing"
)

// FuzzParseCompare: any comparison path segment and query either parses or yields a 4xx.
func FuzzParseCompare(f *testing.F) {
	for _, seed := range []string{"django-vs-nodejs", "a-vs-b-vs-c-vs-d-vs-e", "-vs-", "x.json", "django-vs-nodejs.png", "ÄÖ-vs-ü", ""} {
		f.Add(seed, "diff=1&group=security")
	}
	f.Fuzz(func(t *testing.T, name, rawQuery string) {
		q, _ := url.ParseQuery(rawQuery)
		req, rerr := parseCompare(name, q)
		if rerr != nil {
			if rerr.status < 400 || rerr.status > 499 || rerr.msg == "" {
				t.Fatalf("parseCompare(%q) error status %d msg %q", name, rerr.status, rerr.msg)
			}
			return
		}
		if len(req.slugs) < 2 || len(req.slugs) > 4 {
			t.Fatalf("parseCompare(%q) accepted %d slugs", name, len(req.slugs))
		}
	})
}
