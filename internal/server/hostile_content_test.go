package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/testsite"
	"github.com/versus-dev/versus/static"
)

// hostileAspects is the shared fixture's vocabulary with markup in its labels and descriptions.
var hostileAspects = strings.NewReplacer(
	"label: Basics", `label: "<b>Group</b>"`,
	"description: The programming language you write.", `description: "<script>alert('aspect')</script>"`,
	"label: ORM and database access", `label: "<i>ORM</i>"`,
	"label: Built in,", `label: "<b onclick=alert(1)>Built in</b>",`,
	"means: It ships with the framework.", `means: "<script>alert('level')</script>"`,
).Replace(testsite.Aspects)

// hostileSubject has markup and script in every field the author writes.
func hostileSubject(slug, name string) testsite.Subject {
	return testsite.Subject{Slug: slug, Name: name, Kind: "runtime", Language: "<img src=x onerror=alert(1)>",
		Description: "<script>alert('desc')</script>",
		Releases:    []testsite.Release{{Version: "<i>1</i>", Date: "2026-06-01", Support: "current"}},
		Values: map[string]testsite.Value{"language": {
			Value:    "<script>alert('value')</script>",
			Note:     "<iframe src=https://evil.example></iframe> [x](javascript:alert(1)) [d](data:text/html,hi)",
			Refs:     []testsite.Ref{{Title: "<b onclick=alert(1)>docs</b>", URL: "https://example.org/docs"}},
			AsOf:     "<i>1</i>",
			Disputed: "<svg onload=alert(1)>",
		}},
		Body: "<script>alert('body')</script>\n<div onmouseover=\"alert(1)\">hover</div>\n\n```html\n<script>alert('shown as code')</script>\n```",
	}
}

// TestHostileContentRendersSafely loads content full of markup and script in every field and
// checks that pages contain no element or attribute that could run script, while code samples
// that show HTML stay visible as code.
func TestHostileContentRendersSafely(t *testing.T) {
	fsys := testsite.Files(hostileSubject("alpha", "Alpha"), hostileSubject("beta", "Beta"))
	fsys["aspects.yaml"] = &fstest.MapFile{Data: []byte(hostileAspects)}
	for name, f := range (fstest.MapFS{
		"sources/evil.md":      {Data: []byte("---\ntitle: \"<script>alert('t')</script>\"\npublisher: \"<b>p</b>\"\n---\n## Summary\n\n<script>alert('summary')</script> A hostile source whose summary and claims carry markup and script in every field.\n\n| Aspect | Alpha | Beta |\n| --- | --- | --- |\n| Language | <script>alert(1)</script> (agrees) | <a href=javascript:alert(1)>x</a> (differs) |\n")},
		"articles/evil.md":     {Data: []byte("---\ntitle: \"<script>alert('a')</script>\"\ndescription: \"\\\"><script>alert(1)</script>\"\ntags: [\"<b>x</b>\"]\nsubjects: [alpha, beta]\n---\n## <img src=x onerror=alert(1)>\n\n<iframe src=x></iframe>\n")},
		"articles/unicode.md":  {Data: []byte("---\ntitle: Unicode\n---\n## Évènements\n\n## Évènements\n\n## 並行性\n\n## ***\n")},
		"articles/crlf-bom.md": {Data: []byte("\xef\xbb\xbf---\r\ntitle: Windows file\r\n---\r\n## Works\r\n")},
	}) {
		fsys[name] = f
	}
	site, err := content.LoadSite(fsys, content.Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := New(site, assets, Options{}).Handler()
	for _, target := range []string{"/", "/articles", "/articles/evil", "/sources", "/sources/evil", "/subjects", "/subjects/alpha",
		"/compare/alpha-vs-beta", "/compare/alpha-vs-beta.json", "/compare/alpha-vs-beta.csv", "/tags", "/feed.xml", "/articles/unicode", "/articles/crlf-bom"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != 200 {
			t.Errorf("%s = %d", target, rec.Code)
			continue
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			if strings.Contains(rec.Body.String(), "<script>") && strings.HasSuffix(target, ".json") {
				t.Errorf("%s: JSON should escape <script> (got raw)", target)
			}
			continue
		}
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if n := doc.Find("script, iframe, object, embed, svg, img[onerror]").Length(); n != 0 {
			t.Errorf("%s: %d dangerous elements", target, n)
		}
		doc.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || ((a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:"))) {
					t.Errorf("%s: dangerous attribute %s=%q on <%s>", target, a.Key, a.Val, s.Nodes[0].Data)
				}
			}
		})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/subjects/alpha", nil))
	if !strings.Contains(rec.Body.String(), "shown as code") {
		t.Error("a code sample showing HTML is no longer visible")
	}
	uni := site.Articles
	for _, a := range uni {
		if a.Slug == "unicode" {
			if got := strings.Join(a.IDs, " "); got != "évènements évènements-2 並行性 section" {
				t.Errorf("unicode heading ids = %q", got)
			}
		}
	}
}

func TestHugeDocumentIsRefusedQuickly(t *testing.T) {
	big := "---\ntitle: Big\n---\n" + strings.Repeat("All work and no play. ", 500_000) // ~11 MB
	fsys := fstest.MapFS{
		"aspects.yaml":     {Data: []byte(hostileAspects)},
		"articles/big.md":  {Data: []byte(big)},
		"articles/deep.md": {Data: []byte("---\ntitle: Deep\n---\n" + strings.Repeat("- ", 50_000) + "x\n")},
	}
	start := time.Now()
	_, err := content.LoadSite(fsys, content.Options{})
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("loading took %v", took)
	}
	if err == nil || !strings.Contains(err.Error(), "articles/big.md:4: document is") || !strings.Contains(err.Error(), "articles/deep.md:4: line 1 nests") {
		t.Errorf("err = %v", err)
	}
}
