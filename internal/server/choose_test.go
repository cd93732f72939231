package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/testsite"
)

// chooserServer serves the fixture with Gamma, whose answers were worked out by hand in
// internal/content/choose_test.go:
//
//	        ORM (basics)        learning curve (runtime)   language
//	Alpha   built in    1       steep    0                 Python
//	Beta    add-on      0.5     gentle   1                 JavaScript
//	Gamma   none        0       moderate 0.5               Python
func chooserServer(t *testing.T) *Server {
	t.Helper()
	fsys := testsite.FS()
	fsys[testsite.Gamma.Path()] = testsite.Article(testsite.Gamma.File())
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(site, testAssets(t), Options{BaseURL: "https://versus.example"})
}

type rankedRow struct{ rank, name, score string }

func rankedRows(doc *goquery.Document) []rankedRow {
	var out []rankedRow
	doc.Find("ol.ranked > li").Each(func(_ int, li *goquery.Selection) {
		rank := strings.Fields(li.Find(".rank").Text())
		out = append(out, rankedRow{strings.Join(rank, " "), li.Find(".who").Text(), li.Find(".score").Text()})
	})
	return out
}

func TestChooserAnswers(t *testing.T) {
	h := chooserServer(t).Handler()
	for _, tt := range []struct {
		query  string
		ranked string
		robust string
	}{
		{"", "1 Beta 75.0|2 Alpha 50.0|3 Gamma 25.0",
			"Beta stays first unless Basics rises to 2 (then Alpha and Beta tie), or Runtime drops to 0 (then Alpha leads), or ORM and database access rises to 2 (then Alpha and Beta tie), or 1 other change."},
		{"g-runtime=3", "1 Beta 87.5|2 Gamma 37.5|3 Alpha 25.0", "Beta stays first if any single weight moves one step (6 changes tried)."},
		{"w-orm=2", "1 tied Alpha 66.7|1 tied Beta 66.7|3 Gamma 16.7", "Alpha and Beta tie for first: a small change to any weight can put one ahead."},
		{"m-language=python&m-orm=add-on", "1 Alpha 50.0", "Only one subject passes, so there is nothing to rank it against."},
	} {
		doc := getDoc(t, h, "/choose?"+tt.query, 200)
		var got []string
		for _, r := range rankedRows(doc) {
			got = append(got, strings.TrimSpace(r.rank+" "+r.name+" "+r.score))
		}
		if strings.Join(got, "|") != tt.ranked {
			t.Errorf("%q ranks %q, want %q", tt.query, strings.Join(got, "|"), tt.ranked)
		}
		if got := text(doc, "#robust"); got != tt.robust {
			t.Errorf("%q robustness = %q\nwant %q", tt.query, got, tt.robust)
		}
	}
	doc := getDoc(t, h, "/choose?m-language=python&m-orm=add-on", 200)
	if got := cells(doc.Find(".rejected li")); strings.Join(got, "|") != "Beta: Language must be Python; it is JavaScript.|Gamma: ORM and database access must be at least Add-on; it is None." {
		t.Errorf("rejections = %q", got)
	}
	if href, _ := doc.Find(".rejected a").First().Attr("href"); href != "/subjects/beta#language" {
		t.Errorf("a rejection links %q", href)
	}
	top := getDoc(t, h, "/choose", 200)
	if href, _ := top.Find(".answer p a[href^='/compare/']").Attr("href"); href != "/compare/alpha-vs-beta" {
		t.Errorf("the leaders' comparison = %q", href)
	}
	// The form keeps the answer's choices.
	form := getDoc(t, h, "/choose?m-language=python&g-runtime=3&w-orm=0", 200)
	if _, ok := form.Find(`input[name=m-language][value=python]`).Attr("checked"); !ok {
		t.Error("the language filter is not ticked")
	}
	if v := form.Find(`select[name=g-runtime] option[selected]`).AttrOr("value", ""); v != "3" {
		t.Errorf("runtime weight selected = %q", v)
	}
	if v := form.Find(`select[name=w-orm] option[selected]`).AttrOr("value", ""); v != "0" {
		t.Errorf("orm weight selected = %q", v)
	}
}

func TestChooserCanonicalRedirects(t *testing.T) {
	h := chooserServer(t).Handler()
	for from, to := range map[string]string{
		"/choose?g-runtime=3&m-language=python":           "/choose?m-language=python&g-runtime=3",
		"/choose?g-basics=1&m-orm=&w-learning-curve=":     "/choose",
		"/choose?m-language=javascript&m-language=python": "/choose?m-language=python&m-language=javascript",
		"/choose.json?w-orm=2&g-basics=2":                 "/choose.json?g-basics=2",
		"/choose?g-basics=2&w-orm=2":                      "/choose?g-basics=2",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, from, nil))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != to {
			t.Errorf("%s = %d to %q, want 303 to %q", from, rec.Code, rec.Header().Get("Location"), to)
		}
	}
}

func TestChooserBadRequests(t *testing.T) {
	h := chooserServer(t).Handler()
	for query, want := range map[string]string{
		"m-ormm=add-on":           `m-ormm: names no aspect with levels (did you mean "orm"?). Allowed: m-language, m-orm, m-learning-curve.`,
		"m-orm=addon":             `"addon" is not a level of ORM and database access (did you mean "add-on"?). Allowed: built-in, add-on, none.`,
		"m-orm=none&m-orm=add-on": "is given more than once",
		"g-basics=7":              `"7" is not a weight. Allowed: 0 (ignore), 1 (a little), 2 (matters), 3 (critical).`,
		"w-language=2":            "levels are categories",
		"utm_source=x":            "utm_source: is not a chooser parameter",
	} {
		doc := getDoc(t, h, "/choose?"+query, 400)
		if got := text(doc, ".lede"); !strings.Contains(got, want) {
			t.Errorf("%s: 400 says %q, want it to contain %q", query, got, want)
		}
		if doc.Find("main a[href='/choose']").Length() == 0 || doc.Find("main a[href='/method']").Length() == 0 {
			t.Errorf("%s: the 400 page offers no way on", query)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/choose.json?g-nope=1", nil))
	if rec.Code != 400 {
		t.Errorf("a bad JSON link = %d", rec.Code)
	}
}

// TestChooserJSONEqualsPage checks that the data answer and the page answer agree, subject by
// subject.
func TestChooserJSONEqualsPage(t *testing.T) {
	h := chooserServer(t).Handler()
	for _, q := range []string{"", "?g-runtime=3", "?w-orm=2", "?m-language=python&m-orm=add-on"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/choose.json"+q, nil))
		var ans answerJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		page := rankedRows(getDoc(t, h, "/choose"+q, 200))
		if len(page) != len(ans.Ranked) {
			t.Fatalf("%s: page ranks %d, JSON %d", q, len(page), len(ans.Ranked))
		}
		for i, r := range ans.Ranked {
			rank := strings.Fields(page[i].rank)[0]
			if page[i].name != r.Name || rank != itoaTest(r.Rank) || page[i].score != scoreText(r.Score) {
				t.Errorf("%s: page %+v, JSON %+v", q, page[i], r)
			}
		}
		if q == "" && (ans.Robustness.Leader != "beta" || len(ans.Robustness.Flips) != 4 || ans.Robustness.Tried != 8) {
			t.Errorf("robustness = %+v", ans.Robustness)
		}
		if ans.Canonical != "https://versus.example/choose"+q {
			t.Errorf("canonical = %q", ans.Canonical)
		}
	}
}

func itoaTest(n int) string { b, _ := json.Marshal(n); return string(b) }

func scoreText(f float64) string {
	b, _ := json.Marshal(f)
	s := string(b)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func TestChooserAnswersAreCachedApart(t *testing.T) {
	srv := chooserServer(t)
	h := srv.Handler()
	for _, q := range []string{"/choose?g-runtime=3", "/choose?g-runtime=3", "/choose?g-basics=1&g-runtime=3"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, q, nil))
	}
	n, used, limit := srv.answers.Load().Stats()
	if n != 1 || used == 0 || limit != answerBytes {
		t.Errorf("answers cache: %d answers, %d of %d bytes; want the one canonical answer", n, used, limit)
	}
	pages, _, _ := srv.cache.Load().Stats()
	if pages != 0 {
		t.Errorf("answers went into the page cache: %d", pages)
	}
}

func TestAlternativesPage(t *testing.T) {
	h := chooserServer(t).Handler()
	doc := getDoc(t, h, "/subjects/alpha/alternatives", 200)
	var got []string
	doc.Find("ol.ranked > li").Each(func(_ int, li *goquery.Selection) {
		got = append(got, li.Find(".who").Text()+" "+li.Find(".score").Text())
	})
	if strings.Join(got, "|") != "Gamma 50.0% alike|Beta 16.7% alike" {
		t.Errorf("alternatives = %q", got)
	}
	if got := text(doc, "ol.ranked > li .breakdown"); got != "ORM and database access: Built in vs None · Learning curve: Steep vs Moderate" {
		t.Errorf("differences = %q", got)
	}
	if href, _ := doc.Find("ol.ranked > li .compare").First().Attr("href"); href != "/compare/alpha-vs-gamma" {
		t.Errorf("compare link = %q", href)
	}
	filtered := getDoc(t, h, "/subjects/alpha/alternatives?language=javascript", 200)
	if n := filtered.Find("ol.ranked > li").Length(); n != 1 || text(filtered, ".who") != "Beta" {
		t.Errorf("JavaScript alternatives: %d", n)
	}
	getDoc(t, h, "/subjects/alpha/alternatives?kind=spaceship", 400)
	getDoc(t, h, "/subjects/nope/alternatives", 404)
}

func TestWaysIntoTheChooser(t *testing.T) {
	for page, sel := range map[string]string{
		"/":                         "main a[href='/choose']",
		"/compare":                  "main a[href='/choose']",
		"/subjects/django":          "main a[href='/choose?m-language=python'], main a[href='/subjects/django/alternatives']",
		"/compare/django-vs-nodejs": ".toolbar a[href^='/choose?w-']",
	} {
		if n := page_(t, page).Find(sel).Length(); n == 0 {
			t.Errorf("%s has no %s", page, sel)
		}
	}
	doc := page_(t, "/compare/django-vs-nodejs")
	href, _ := doc.Find(".toolbar a[href^='/choose']").Attr("href")
	if !strings.Contains(href, "w-admin-panel=2") || strings.Contains(href, "w-language") {
		t.Errorf("the comparison's chooser link %q does not weigh the aspects where they differ", href)
	}
	if rec := fetch(t, http.MethodGet, href); rec.Code != 200 {
		t.Errorf("%s = %d: the link is not canonical", href, rec.Code)
	}
	if page_(t, "/compare/django-vs-nodejs").Find("details.more a[href='/subjects/nodejs/alternatives']").Length() == 0 {
		t.Error("the comparison does not link its subjects' alternatives")
	}
}

func page_(t *testing.T, target string) *goquery.Document { return page(t, target, 200) }

func TestMethodPage(t *testing.T) {
	doc := page(t, "/method", 200)
	if !strings.Contains(text(doc, ".formula"), "score = 100 × Σ (weight × points) ÷ Σ weight") {
		t.Error("no formula")
	}
	// The support scale's four levels score 1, 2/3, 1/3 and 0.
	var pts []string
	doc.Find("table.points").Each(func(_ int, tbl *goquery.Selection) {
		if strings.Contains(tbl.Text(), "Official add-on") {
			tbl.Find("tbody td:nth-child(3)").Each(func(_ int, td *goquery.Selection) { pts = append(pts, td.Text()) })
		}
	})
	if strings.Join(pts, " ") != "1.00 0.67 0.33 0.00" {
		t.Errorf("support points = %q", pts)
	}
}
