package server

// Router tests of what makes a comparison readable at a glance: levels in every cell, the
// verdict, how far the sources agree, the aspect pages, the base view, the data exports, the
// gaps page and the page-weight budget.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/testsite"
)

// fixtureRouter serves the shared fixture with Gamma: three subjects whose verdicts were worked
// out by hand (see internal/content/verdict_test.go).
func fixtureRouter(t *testing.T) http.Handler {
	t.Helper()
	fsys := testsite.FS()
	fsys[testsite.Gamma.Path()] = testsite.Article(testsite.Gamma.File())
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(site, testAssets(t), Options{BaseURL: "https://versus.example"}).Handler()
}

func getDoc(t *testing.T, h http.Handler, target string, status int) *goquery.Document {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != status {
		t.Fatalf("GET %s = %d, want %d", target, rec.Code, status)
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func cells(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

// TestVerdictTallies checks the verdict of alpha vs beta vs gamma as the page shows it: on the
// Basics rows Alpha leads once (the ORM) and the language is unlike once; in Runtime Beta leads
// the learning curve. The ORM and the learning curve are furthest apart; Alpha's and Beta's
// choose lines hold, Gamma's do not; one cell of twelve is disputed.
func TestVerdictTallies(t *testing.T) {
	doc := getDoc(t, fixtureRouter(t), "/compare/alpha-vs-beta-vs-gamma", 200)
	if got := cells(doc.Find(".tally thead th")); strings.Join(got, "|") != "Ahead on|Alpha|Beta|Gamma|Even|Unlike" {
		t.Errorf("tally header = %q", got)
	}
	rows := map[string][]string{}
	doc.Find(".tally tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows[text(&goquery.Document{Selection: tr}, "th")] = cells(tr.Find("td"))
	})
	for group, want := range map[string]string{"Basics": "1|0|0|0|1", "Runtime": "0|1|0|0|0"} {
		if got := strings.Join(rows[group], "|"); got != want {
			t.Errorf("%s tally = %s, want %s", group, got, want)
		}
	}
	if got := cells(doc.Find(".apart li a")); strings.Join(got, "|") != "ORM and database access|Learning curve" {
		t.Errorf("furthest apart = %q", got)
	}
	if href, _ := doc.Find(".apart li a").Attr("href"); href != "#orm" {
		t.Errorf("furthest apart links %q", href)
	}
	if got := cells(doc.Find(".choose a")); strings.Join(got, "|") != "you want an ORM in the box|you write JavaScript" {
		t.Errorf("choose lines = %q", got)
	}
	if got := text(doc, ".disputes"); !strings.Contains(got, "dispute 1 cell of 12") {
		t.Errorf("disputes line = %q", got)
	}
	// The pair: Alpha vs Beta shares the same Basics tally.
	pair := getDoc(t, fixtureRouter(t), "/compare/beta-vs-alpha", 200)
	if got := strings.Join(cells(pair.Find(".tally tbody tr").First().Find("td")), "|"); got != "0|1|0|1" {
		t.Errorf("beta vs alpha basics tally = %s, want Beta 0, Alpha 1, even 0, unlike 1", got)
	}
}

// TestCellsShowLevelsAndAgreement checks the cell at a glance: a level as words with a mark the
// screen reader skips, the short note a qualifying level needs, how far the sources agree, and
// the legend that defines every level.
func TestCellsShowLevelsAndAgreement(t *testing.T) {
	doc := getDoc(t, fixtureRouter(t), "/compare/alpha-vs-beta", 200)
	beta := doc.Find("tr#orm td").Eq(1)
	if got := text(&goquery.Document{Selection: beta}, ".level"); got != "●○ Add-on" {
		t.Errorf("beta orm level = %q", got)
	}
	if beta.Find(".level .glyph[aria-hidden=true]").Length() != 1 {
		t.Error("the level's mark is not hidden from screen readers")
	}
	if got := text(&goquery.Document{Selection: beta}, ".note"); got != "Uses models from a package." {
		t.Errorf("beta orm short note = %q, want the note's first sentence", got)
	}
	agree := beta.Find("a.agree")
	if got := strings.Join(strings.Fields(agree.Text()), " "); got != "Disputed 1 source differs" {
		t.Errorf("beta orm agreement = %q", got)
	}
	if href, _ := agree.Attr("href"); href != "/compare/alpha-vs-beta/orm" {
		t.Errorf("agreement links %q, want the aspect page", href)
	}
	alpha := doc.Find("tr#orm td").Eq(0)
	if alpha.Find(".note").Length() != 0 || alpha.Find(".value").Length() != 0 {
		t.Error("Alpha's ORM shows a note or a value that only repeats its level")
	}
	if got := strings.Join(strings.Fields(alpha.Find("a.agree").Text()), " "); got != "1 source agrees" {
		t.Errorf("alpha orm agreement = %q", got)
	}
	legend := cells(doc.Find(".legend dd"))
	if len(legend) != 8 || !strings.Contains(strings.Join(legend, "|"), "●● Built in — It ships with the framework.") {
		t.Errorf("legend = %q, want the 3 support, 2 language and 3 learning levels with their meanings", legend)
	}
	if doc.Find("tr#concurrency-model .level").Length() != 0 {
		t.Error("a prose row shows levels")
	}
}

func TestAspectPages(t *testing.T) {
	site := shippedSite(t).site
	h := shippedRouter(t)
	for _, c := range site.Pairs() {
		for _, a := range site.Aspects {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.AspectPath(a), nil))
			if rec.Code != 200 {
				t.Fatalf("%s = %d", c.AspectPath(a), rec.Code)
			}
		}
	}
	doc := page(t, "/compare/nodejs-vs-django/admin-panel", 200)
	if got := text(doc, "h1"); got != "Admin panel: Node.js vs Django" {
		t.Errorf("h1 = %q", got)
	}
	if c, _ := doc.Find("link[rel=canonical]").Attr("href"); c != "https://versus.example/compare/django-vs-nodejs/admin-panel" {
		t.Errorf("canonical = %q", c)
	}
	if img, _ := doc.Find("meta[property='og:image']").Attr("content"); img != "https://versus.example/compare/django-vs-nodejs.png" {
		t.Errorf("og:image = %q", img)
	}
	if doc.Find("#django .claims[open] li .stance").Length() < 3 {
		t.Error("the aspect page does not list Django's claims with their stances, open")
	}
	if held := cells(doc.Find(".scale li.held .holders")); strings.Join(held, "|") != "Django|Node.js" {
		t.Errorf("levels held = %q", held)
	}
	if href, _ := doc.Find("main a[href='/compare/nodejs-vs-django#admin-panel']").Attr("href"); href == "" {
		t.Error("no way back to the row")
	}
	if doc.Find("a[rel=prev][href='/compare/nodejs-vs-django/orm']").Length() != 1 || doc.Find("a[rel=next][href='/compare/nodejs-vs-django/authentication']").Length() != 1 {
		t.Error("previous and next aspects missing")
	}
	lost := page(t, "/compare/django-vs-nodejs/admin-panle", 404)
	if lost.Find("main a[href='/compare/django-vs-nodejs']").Length() == 0 {
		t.Error("an unknown aspect's 404 does not lead back to the comparison")
	}
	page(t, "/compare/django-vs-nope/admin-panel", 404)
	// Aspect pages share their comparison's image; there is no image per aspect.
	page(t, "/compare/django-vs-nodejs/admin-panel.png", 404)
}

func TestBaseView(t *testing.T) {
	h := fixtureRouter(t)
	doc := getDoc(t, h, "/compare/alpha-vs-beta-vs-gamma?base=beta", 200)
	if got := cells(doc.Find("table.matrix thead th a")); strings.Join(got, "|") != "Beta|Alpha|Gamma" {
		t.Errorf("columns = %q, want the base first", got)
	}
	if got := text(doc, "h1"); got != "Alpha vs Beta vs Gamma" {
		t.Errorf("h1 = %q, want the order asked", got)
	}
	for row, want := range map[string]string{"orm": "▲ ahead|▼ behind", "language": "≠ unlike|≠ unlike"} {
		if got := strings.Join(cells(doc.Find("tr#"+row+" .mark")), "|"); got != want {
			t.Errorf("%s marks = %q, want %q", row, got, want)
		}
	}
	if doc.Find("tr#concurrency-model .mark").Length() != 0 {
		t.Error("a prose row has marks")
	}
	if got := doc.Find(".toolbar a[aria-current=true]").AttrOr("href", ""); got != "/compare/alpha-vs-beta-vs-gamma?base=beta" {
		t.Errorf("current view = %q", got)
	}
	getDoc(t, h, "/compare/alpha-vs-beta?base=gamma", 400)
}

func TestFullViewKeepsEverything(t *testing.T) {
	doc := page(t, "/compare/django-vs-nodejs?view=full", 200)
	if doc.Find("table.matrix.full .claims").Length() < 20 || doc.Find("table.matrix.full .refs").Length() < 40 || doc.Find("table.matrix.full .disputed").Length() < 4 {
		t.Error("the full view lacks claims, references or disputes")
	}
	if c, _ := doc.Find("link[rel=canonical]").Attr("href"); c != "https://versus.example/compare/django-vs-nodejs?view=full" {
		t.Errorf("canonical = %q", c)
	}
	if doc.Find("details.more[open]").Length() != 1 {
		t.Error("the full view hides its sources and reading")
	}
}

func TestDataCarriesLevelsAndAgreement(t *testing.T) {
	h := fixtureRouter(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/compare/alpha-vs-beta.json", nil))
	var m matrixJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	var orm *rowJSON
	for i := range m.Rows {
		if m.Rows[i].Aspect == "orm" {
			orm = &m.Rows[i]
		}
	}
	if orm == nil || orm.Cells[1].Level == nil || *orm.Cells[1].Level != (levelJSON{ID: "add-on", Label: "Add-on", Rank: 1, Scale: "support"}) ||
		orm.Cells[1].Agreement != (agreementJSON{Differ: 1}) || orm.Cells[1].Claims[0].Stance != "differs" {
		t.Fatalf("orm row = %+v", orm)
	}
	for _, r := range m.Rows {
		if r.Aspect == "concurrency-model" && r.Cells[0].Level != nil {
			t.Error("a prose row has a level in JSON")
		}
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/compare/alpha-vs-beta.csv", nil))
	records, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	for _, r := range records[1:] {
		if r[1] == "orm" {
			if r[col["Beta level"]] != "Add-on" || r[col["Beta level id"]] != "add-on" || r[col["Beta sources differ"]] != "1" || r[col["Alpha sources agree"]] != "1" {
				t.Errorf("orm CSV row = %q", r)
			}
		}
	}
}

func TestGapsPage(t *testing.T) {
	doc := page(t, "/gaps", 200)
	if doc.Find("#no-gaps").Length() == 0 && doc.Find("main .gap-subject").Length() == 0 {
		t.Error("the gaps page shows neither gaps nor that there are none")
	}
	fsys := testsite.FS()
	a := testsite.Alpha
	a.Values = map[string]testsite.Value{"language": {Value: "Python", Level: "python"}, "orm": {Value: "?", Level: "unknown", Note: "The docs do not say."}}
	fsys[a.Path()] = testsite.Article(a.File())
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc = getDoc(t, New(site, testAssets(t), Options{}).Handler(), "/gaps", 200)
	if got := text(doc, "#alpha .list h4 a"); got != "ORM and database access" {
		t.Errorf("gap = %q", got)
	}
	if got := text(doc, "main .list p"); !strings.Contains(got, "? Unknown") || !strings.Contains(got, "The docs do not say.") {
		t.Errorf("gap explanation = %q", got)
	}
}

// TestPageWeightBudget sends every two-subject comparison's default view as a browser would,
// brotli-compressed, and checks that it and every stylesheet and script it loads fit one round
// trip: 14,336 bytes.
func TestPageWeightBudget(t *testing.T) {
	const budget = 14336
	h := shippedRouter(t)
	get := func(path string) []byte {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", "br")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.Bytes()
	}
	assetRE := regexp.MustCompile(`(?:href|src)="(/static/[^"]+\.(?:css|js))"`)
	largest, largestPath := 0, ""
	for _, c := range shippedSite(t).site.Pairs() {
		html := get(c.Path())
		total := len(html)
		plain := fetch(t, http.MethodGet, c.Path()).Body.Bytes()
		for _, m := range assetRE.FindAllSubmatch(plain, -1) {
			total += len(get(string(m[1])))
		}
		if total > largest {
			largest, largestPath = total, c.Path()
		}
		if bytes.Equal(html, plain) {
			t.Fatalf("%s was not compressed", c.Path())
		}
	}
	t.Logf("largest two-subject default view: %s, %d bytes with its stylesheets, brotli", largestPath, largest)
	if largest > budget {
		t.Errorf("%s weighs %d bytes compressed with its stylesheets, over the %d-byte budget", largestPath, largest, budget)
	}
}
