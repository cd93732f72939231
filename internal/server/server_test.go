package server

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/static"
)

// loadAssets loads the static assets once per test binary; tests ask through testAssets.
var loadAssets = sync.OnceValues(static.Load)

func testAssets(t testing.TB) *static.Assets {
	t.Helper()
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// shippedOnce loads the embedded content and the assets once per test binary; every test that
// needs them asks through shippedSite, so any test can run alone.
var shippedOnce = sync.OnceValues(func() (shippedContent, error) {
	site, err := content.LoadSite(sitecontent.FS, content.Options{})
	if err != nil {
		return shippedContent{}, err
	}
	assets, err := loadAssets()
	if err != nil {
		return shippedContent{}, err
	}
	return shippedContent{site: site, assets: assets,
		srv: New(site, assets, Options{BaseURL: "https://versus.example"})}, nil
})

type shippedContent struct {
	site   *content.Site
	assets *static.Assets
	srv    *Server // the real router over the embedded content, shared by tests that only read
}

func shippedSite(t testing.TB) shippedContent {
	t.Helper()
	sc, err := shippedOnce()
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// shippedRouter is the shared server's handler. Its page cache is shared too: a test about
// what a first request does builds its own server with New.
func shippedRouter(t testing.TB) http.Handler { return shippedSite(t).srv.Handler() }

func fetch(t testing.TB, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	shippedRouter(t).ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// page GETs a URL, checks the status and parses the HTML.
func page(t testing.TB, target string, status int) *goquery.Document {
	t.Helper()
	rec := fetch(t, http.MethodGet, target)
	if rec.Code != status {
		t.Fatalf("GET %s = %d, want %d", target, rec.Code, status)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s Content-Type = %q", target, ct)
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(doc *goquery.Document, sel string) string {
	return strings.Join(strings.Fields(doc.Find(sel).First().Text()), " ")
}

// TestRoutes checks every route's status and the content a reader looks for first.
func TestRoutes(t *testing.T) {
	tests := []struct {
		path   string
		status int
		sel    string // must exist
		want   string // text of the first match must contain this
	}{
		{"/", 200, "h1", "Compare backend technologies"},
		{"/", 200, "#featured + .grid a[href='/compare/django-vs-nodejs']", "Django vs Node.js"},
		{"/articles", 200, ".list h3 a[href='/articles/batteries-included']", ""},
		{"/articles", 200, ".list .tags a[href^='/tags/']", ""},
		{"/articles/batteries-included", 200, "article h1", "atteries"},
		{"/articles/batteries-included", 200, ".toc a[href^='#']", ""},
		{"/articles/batteries-included", 200, ".body .chroma .line", ""},
		{"/articles/event-loop-and-workers", 200, "#sources + ul a[href^='/sources/']", ""},
		{"/sources", 200, ".list a[href='/sources/stack-matchup']", "Node.js vs Django"},
		{"/sources/stack-matchup", 200, "h2#claims", "Claims"},
		{"/sources/stack-matchup", 200, ".body table th", "Aspect"},
		{"/subjects", 200, ".card a[href='/subjects/django']", "Django"},
		{"/subjects/django", 200, "h1", "Django"},
		{"/subjects/django", 200, "#orm .value", ""},
		{"/subjects/django", 200, ".pairs a[href='/compare/django-vs-nodejs']", ""},
		{"/compare", 200, "form[action='/compare'][method='get'] input[type=checkbox][name=s][value=django]", ""},
		{"/compare/nodejs-vs-django", 200, "table.matrix thead th:nth-child(2)", "Node.js"},
		{"/compare/django-vs-nodejs", 200, "table.matrix thead th:nth-child(2)", "Django"},
		{"/tags", 200, ".list a[href='/tags/apis']", "apis"},
		{"/tags/apis", 200, "h1", "apis"},
		{"/no/such/page", 404, "h1", "Page not found"},
		{"/articles/no-such-article", 404, "h1", "Page not found"},
		{"/subjects/cobol", 404, "h1", "Page not found"},
		{"/sources/nope", 404, ".pairs a[href^='/compare/']", ""},
		{"/tags/nope", 404, "h1", "Page not found"},
		{"/subjects/django", 200, ".meta time[datetime]", ""},
		{"/sources/stack-matchup", 200, ".meta time[datetime]", ""},
		{"/compare/django-vs-nodejs", 200, ".meta time[datetime]", ""},
		{"/articles/batteries-included", 200, ".meta time[datetime]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.sel, func(t *testing.T) {
			doc := page(t, tt.path, tt.status)
			if doc.Find(tt.sel).Length() == 0 {
				t.Fatalf("%s: no element matches %q", tt.path, tt.sel)
			}
			if got := text(doc, tt.sel); !strings.Contains(got, tt.want) {
				t.Errorf("%s %q text = %q, want it to contain %q", tt.path, tt.sel, got, tt.want)
			}
		})
	}
}

func TestEveryPageRendersWithMeta(t *testing.T) {
	for _, p := range shippedSite(t).site.Pages() {
		doc := page(t, p, http.StatusOK)
		if doc.Find("title").Text() == "" || doc.Find("main#main").Length() != 1 {
			t.Errorf("%s: no title or main", p)
		}
		if c, _ := doc.Find("link[rel=canonical]").Attr("href"); !strings.HasPrefix(c, "https://versus.example/") {
			t.Errorf("%s: canonical %q", p, c)
		}
		for _, prop := range []string{"og:title", "og:url", "og:type"} {
			if doc.Find("meta[property='"+prop+"']").Length() != 1 {
				t.Errorf("%s: missing %s", p, prop)
			}
		}
	}
}

func TestHealth(t *testing.T) {
	for _, p := range []string{"/healthz", "/readyz"} {
		rec := fetch(t, http.MethodGet, p)
		if rec.Code != 200 || rec.Body.String() != "ok\n" {
			t.Errorf("%s = %d %q", p, rec.Code, rec.Body.String())
		}
	}
}

func TestCompareMatrix(t *testing.T) {
	doc := page(t, "/compare/nodejs-vs-django", http.StatusOK)
	if c, _ := doc.Find("link[rel=canonical]").Attr("href"); c != "https://versus.example/compare/django-vs-nodejs" {
		t.Errorf("canonical = %q", c)
	}
	rows := doc.Find("table.matrix tbody tr[id]:not(.group-row)")
	if rows.Length() < 20 {
		t.Errorf("%d aspect rows, want ≥ 20", rows.Length())
	}
	for _, id := range []string{"orm", "architecture", "concurrency-model", "admin-panel"} {
		row := doc.Find("tr#" + id)
		if row.Length() != 1 {
			t.Fatalf("no row #%s", id)
		}
		if href, _ := row.Find("a.permalink").Attr("href"); href != "#"+id {
			t.Errorf("row %s permalink = %q", id, href)
		}
		if href, _ := row.Find("th a").First().Attr("href"); href != "/compare/nodejs-vs-django/"+id {
			t.Errorf("row %s does not lead to its aspect page: %q", id, href)
		}
		if row.Find("td .level").Length() != 2 {
			t.Errorf("row %s: %d levels shown, want one per subject", id, row.Find("td .level").Length())
		}
	}
	// Django's architecture is disputed: flagged in the row, explained on the aspect page.
	arch := doc.Find("tr#architecture td").Eq(1)
	if arch.AttrOr("data-subject", "") != "Django" {
		t.Fatalf("second column is %q", arch.AttrOr("data-subject", ""))
	}
	if !strings.Contains(text(doc, "tr#architecture td:nth-of-type(2) .agree"), "Disputed") {
		t.Errorf("Django architecture is not flagged disputed: %q", text(doc, "tr#architecture td:nth-of-type(2) .agree"))
	}
	if n := doc.Find(".agree strong").Length(); n < 4 {
		t.Errorf("%d disputed cells flagged, want ≥ 4", n)
	}
	aspect := page(t, "/compare/nodejs-vs-django/architecture", http.StatusOK)
	if got := text(aspect, "#django .disputed"); !strings.Contains(got, "MVC") {
		t.Errorf("Django architecture dispute = %q, want an explanation naming MVC", got)
	}
	if aspect.Find("#django .claims li a[href^='/sources/']").Length() < 3 {
		t.Errorf("Django architecture: want ≥3 source claims on the aspect page")
	}
	cited := doc.Find("#cited + ul a[href^='/sources/']")
	if cited.Length() < 3 {
		t.Errorf("%d sources cited, want ≥ 3", cited.Length())
	}
}

func TestCompareStatuses(t *testing.T) {
	tests := []struct {
		path   string
		status int
		want   string // in the lede or title
	}{
		{"/compare/django-vs-express-vs-nodejs-vs-rails", 200, ""},
		{"/compare/django-vs-express-vs-nodejs", 200, ""},
		{"/compare/nodejs", 400, "2 to 4"},
		{"/compare/nodejs-vs-nodejs", 400, "appears twice"},
		{"/compare/a-vs-b-vs-c-vs-d-vs-e", 400, "2 to 4"},
		{"/compare/nodejs-vs-djang", 404, "closest"},
		{"/compare/nodejs-vs-", 404, "two to four subject names"},
		{"/compare/-vs-django", 404, "two to four subject names"},
		{"/compare/node_js-vs-django", 404, "two to four subject names"},
		{"/compare/django-vs-nodejs?diff=yes", 400, "diff=1"},
		{"/compare/django-vs-nodejs?group=nope", 400, "Groups are"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc := page(t, tt.path, tt.status)
			got := text(doc, "main")
			if !strings.Contains(got, tt.want) {
				t.Errorf("page text lacks %q: %.300s", tt.want, got)
			}
		})
	}
	doc := page(t, "/compare/nodejs-vs-djang", 404)
	if doc.Find(".card a[href='/subjects/django']").Length() == 0 {
		t.Error("unknown subject 404 does not suggest django")
	}
}

func TestCompareColumnsInOrderAsked(t *testing.T) {
	doc := page(t, "/compare/rails-vs-django-vs-nodejs-vs-express", 200)
	var got []string
	doc.Find("table.matrix thead th a").Each(func(_ int, s *goquery.Selection) { got = append(got, s.Text()) })
	if strings.Join(got, ",") != "Ruby on Rails,Django,Node.js,Express" {
		t.Errorf("columns = %v", got)
	}
	if c, _ := doc.Find("link[rel=canonical]").Attr("href"); c != "https://versus.example/compare/django-vs-express-vs-nodejs-vs-rails" {
		t.Errorf("canonical = %q", c)
	}
}

func TestCompareViews(t *testing.T) {
	all := page(t, "/compare/django-vs-flask", 200).Find("table.matrix tbody tr[id]:not(.group-row)").Length()
	diff := page(t, "/compare/django-vs-flask?diff=1", 200)
	nd := diff.Find("table.matrix tbody tr[id]:not(.group-row)")
	if nd.Length() == 0 || nd.Length() >= all {
		t.Errorf("diff rows = %d of %d", nd.Length(), all)
	}
	if diff.Find("tr.same").Length() != 0 {
		t.Error("diff=1 shows rows whose values are the same")
	}
	if a := diff.Find(".toolbar a[aria-current=true]").First().AttrOr("href", ""); a != "/compare/django-vs-flask?diff=1" {
		t.Errorf("current toggle = %q", a)
	}
	grp := page(t, "/compare/django-vs-flask?group=security", 200)
	ids := map[string]bool{}
	grp.Find("table.matrix tbody tr[id]:not(.group-row)").Each(func(_ int, s *goquery.Selection) { ids[s.AttrOr("id", "")] = true })
	if !ids["security"] || ids["orm"] || len(ids) == 0 {
		t.Errorf("group=security rows = %v", ids)
	}
}

func TestPicker(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/compare?s=nodejs&s=django")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/compare/django-vs-nodejs" {
		t.Errorf("picker submit = %d %q", rec.Code, rec.Header().Get("Location"))
	}
	doc := page(t, "/compare?s=nodejs", 400)
	if !strings.Contains(text(doc, ".callout"), "Pick 2 to 4") {
		t.Errorf("picker error = %q", text(doc, ".callout"))
	}
	if _, checked := doc.Find("input[value=nodejs]").Attr("checked"); !checked {
		t.Error("picker forgot the reader's choice")
	}
}

func TestCompareUppercaseRedirects(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/compare/NodeJS-vs-Django?diff=1")
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/compare/nodejs-vs-django?diff=1" {
		t.Errorf("= %d %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestCompareJSON(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/compare/nodejs-vs-django.json?group=fundamentals")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("= %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="nodejs-vs-django.json"`) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	var m matrixJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Subjects) != 2 || m.Subjects[0].Slug != "nodejs" || m.Group != "fundamentals" {
		t.Errorf("subjects %+v group %q", m.Subjects, m.Group)
	}
	for _, r := range m.Rows {
		if r.Group != "fundamentals" {
			t.Errorf("row %s from group %s", r.Aspect, r.Group)
		}
		for _, c := range r.Cells {
			if c.Value == "" || c.AsOf == "" || len(c.Refs) == 0 {
				t.Errorf("%s/%s incomplete: %+v", r.Aspect, c.Subject, c)
			}
		}
	}
	var arch *rowJSON
	for i := range m.Rows {
		if m.Rows[i].Aspect == "architecture" {
			arch = &m.Rows[i]
		}
	}
	if arch == nil || !arch.Cells[1].Disputed || arch.Cells[1].Dispute == "" || len(arch.Cells[1].Claims) == 0 {
		t.Errorf("architecture row lacks dispute or claims: %+v", arch)
	}
}

func TestCompareCSV(t *testing.T) {
	rec := fetch(t, http.MethodGet, "/compare/django-vs-flask.csv?diff=1")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("= %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	records, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if records[0][0] != "group" || records[0][3] != "Django level" || records[0][5] != "Django value" {
		t.Errorf("header = %v", records[0])
	}
	all := fetch(t, http.MethodGet, "/compare/django-vs-flask.csv")
	allRecords, _ := csv.NewReader(all.Body).ReadAll()
	if len(allRecords) != len(shippedSite(t).site.Aspects)+1 {
		t.Errorf("%d CSV rows, want one per aspect plus header", len(allRecords))
	}
	if len(records) >= len(allRecords) {
		t.Errorf("diff=1 CSV has %d rows, full has %d", len(records), len(allRecords))
	}
}

func TestStaticAssets(t *testing.T) {
	doc := page(t, "/", 200)
	href, _ := doc.Find("link[rel=stylesheet]").Attr("href")
	if !strings.HasPrefix(href, "/static/site.") {
		t.Fatalf("stylesheet href = %q", href)
	}
	rec := fetch(t, http.MethodGet, href)
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Errorf("asset = %d %v", rec.Code, rec.Header())
	}
	if rec := fetch(t, http.MethodGet, "/static/site.0000000000.css"); rec.Code != 404 {
		t.Errorf("stale fingerprint = %d", rec.Code)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	rec := fetch(t, http.MethodPost, "/compare/django-vs-nodejs")
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Header().Get("Allow"), "GET") {
		t.Errorf("POST = %d Allow=%q", rec.Code, rec.Header().Get("Allow"))
	}
	if rec := fetch(t, http.MethodHead, "/articles"); rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD = %d with %d body bytes", rec.Code, rec.Body.Len())
	}
}

func BenchmarkCompare4(b *testing.B) {
	site := shippedSite(b).site
	c, err := site.ResolveSubjects([]string{"django", "express", "nodejs", "rails"})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		site.Compare(c, content.View{})
	}
}

func BenchmarkComparePage(b *testing.B) {
	h := shippedRouter(b)
	req := httptest.NewRequest(http.MethodGet, "/compare/django-vs-nodejs", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
