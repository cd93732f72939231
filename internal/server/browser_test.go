package server

// Real-browser tests: the embedded site served by httptest and driven through Debian's
// chromium with chromedp. They check what only a layout engine can tell: nothing scrolls
// sideways on a phone, the matrix header stays in view, a row link lands on a highlighted row,
// and the header's controls are big enough to tap. Without chromium they skip, unless
// VERSUS_REQUIRE_BROWSER=1 (as in CI) makes a missing browser a failure.

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/static"
)

// browserTimeout bounds each browser test, so a hung chromium fails the test instead of the run.
const browserTimeout = 60 * time.Second

// fourWayPath is the widest comparison the site serves.
const fourWayPath = "/compare/django-vs-express-vs-nodejs-vs-rails"

type viewport struct{ w, h int64 }

func (v viewport) String() string { return fmt.Sprintf("%dx%d", v.w, v.h) }

var (
	phoneViewport   = viewport{390, 844}
	desktopViewport = viewport{1280, 800}
)

// browserSite is the real server and one headless chromium, shared by a test's subtests.
type browserSite struct {
	ctx     context.Context // the browser; a tab is a chromedp context derived from it
	baseURL string
}

// chromiumPath finds Debian's chromium, or reports why the test cannot run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "chromium not found at /usr/bin/chromium or on PATH; browser tests need it (apt-get install chromium)"
	if os.Getenv("VERSUS_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; VERSUS_REQUIRE_BROWSER=1")
	}
	t.Skip(msg)
	return ""
}

// startBrowser serves the embedded site and starts chromium for the calling test; both are
// stopped when the test ends. The whole test, subtests included, must finish within
// browserTimeout.
func startBrowser(t *testing.T) *browserSite {
	t.Helper()
	exe := chromiumPath(t)

	site, err := content.LoadSite(sitecontent.FS, content.Options{})
	if err != nil {
		t.Fatalf("load embedded content: %v", err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatalf("load static assets: %v", err)
	}
	ts := httptest.NewServer(New(site, assets, Options{}).Handler())
	t.Cleanup(ts.Close)

	userData := t.TempDir() // removed after the cleanups below, once chromium has exited
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Phones draw overlay scrollbars; a classic one would steal 15 px of the width tested.
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(userData),
	)
	t.Cleanup(cancelAlloc)
	timeoutCtx, cancelTimeout := context.WithTimeout(allocCtx, browserTimeout)
	t.Cleanup(cancelTimeout)
	browserCtx, cancelBrowser := chromedp.NewContext(timeoutCtx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return &browserSite{ctx: browserCtx, baseURL: ts.URL}
}

// open loads path in a new tab the size of vp, waiting for the load event. The tab closes
// when the (sub)test ends.
func (b *browserSite) open(t *testing.T, vp viewport, path string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(vp.w, vp.h),
		chromedp.Navigate(b.baseURL+path),
	); err != nil {
		t.Fatalf("open %s at %s: %v", path, vp, err)
	}
	return tab
}

// evalJS runs a JavaScript expression in tab and decodes its result.
func evalJS[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, js)
	}
	return v
}

// domRect is the part of a DOMRect the tests read, with the element it belongs to.
type domRect struct {
	Sel    string  `json:"sel"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

func (r domRect) String() string {
	return fmt.Sprintf("%s (%.0f×%.0f at x=%.0f..%.0f, y=%.0f)", r.Sel, r.Width, r.Height, r.Left, r.Right, r.Top)
}

// jsRects defines rects(selector): the visible elements matching selector, each described by
// a short CSS path and its bounding box.
const jsRects = `
function describe(el) {
	const parts = [];
	for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
		let s = e.tagName.toLowerCase();
		if (e.id) { parts.unshift(s + "#" + e.id); break; }
		if (e.classList.length) s += "." + [...e.classList].join(".");
		parts.unshift(s);
	}
	return parts.join(" > ");
}
function box(el) {
	const r = el.getBoundingClientRect();
	return {sel: describe(el), top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height};
}
function visible(el) {
	const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
	return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && el.closest(".skip") === null;
}
function rects(selector) {
	return [...document.querySelectorAll(selector)].filter(visible).map(box);
}
`

// TestBrowserNoSidewaysScroll loads the site's kinds of page at phone, tablet and desktop
// widths and fails if any of them scrolls sideways.
// layoutPages are the page kinds the layout tests visit, and layoutViewports the widths.
var (
	layoutPages = []string{
		"/",
		"/articles",
		"/articles/batteries-included",
		"/sources/stack-matchup",
		"/subjects/django",
		"/compare/nodejs-vs-django",
		fourWayPath,
		fourWayPath + "?base=django",
		"/compare/django-vs-nodejs/admin-panel",
		"/compare/django-vs-nodejs?view=full",
		"/gaps",
		"/choose?m-language=python&g-security=3",
		"/subjects/django/alternatives",
		"/method",
		"/compare",
		"/search?q=event+loop",
		"/no-such-page",
	}
	layoutViewports = []viewport{{360, 740}, phoneViewport, {768, 1024}, desktopViewport}
)

func TestBrowserNoSidewaysScroll(t *testing.T) {
	b := startBrowser(t)
	pages, viewports := layoutPages, layoutViewports

	// The offenders are the outermost elements reaching past the right edge that no
	// scrolling or clipping ancestor contains: the ones that widen the page.
	const js = jsRects + `
(() => {
	const vw = window.innerWidth;
	const clips = el => getComputedStyle(el).overflowX !== "visible";
	const offenders = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.right <= vw + 0.5 || r.width === 0) continue;
		let contained = false, parentOver = false;
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (clips(p)) { contained = true; break; }
			if (p === el.parentElement && p.getBoundingClientRect().right > vw + 0.5) parentOver = true;
		}
		if (!contained && !parentOver) offenders.push(box(el));
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: offenders.slice(0, 8)};
})()`

	for _, vp := range viewports {
		for _, path := range pages {
			t.Run(vp.String()+path, func(t *testing.T) {
				tab := b.open(t, vp, path)
				got := evalJS[struct {
					ScrollWidth int       `json:"scrollWidth"`
					InnerWidth  int       `json:"innerWidth"`
					Offenders   []domRect `json:"offenders"`
				}](t, tab, js)
				if got.ScrollWidth > got.InnerWidth {
					var why strings.Builder
					for _, o := range got.Offenders {
						fmt.Fprintf(&why, "\n\t%s", o)
					}
					t.Errorf("%s at %s scrolls sideways: scrollWidth %d > innerWidth %d; elements past the right edge:%s",
						path, vp, got.ScrollWidth, got.InnerWidth, why.String())
				}
			})
		}
	}
}

// TestBrowserMatrixHeaderSticky scrolls a four-way matrix on a desktop until its header row
// would have left the screen, and checks the subjects' names are still at the top.
func TestBrowserMatrixHeaderSticky(t *testing.T) {
	b := startBrowser(t)
	tab := b.open(t, desktopViewport, fourWayPath)
	got := evalJS[struct {
		ScrollY    float64   `json:"scrollY"`
		TableTop   float64   `json:"tableTop"`
		InnerW     float64   `json:"innerWidth"`
		InnerH     float64   `json:"innerHeight"`
		HeaderRows []domRect `json:"header"`
	}](t, tab, jsRects+`
(() => {
	const row = document.getElementById("orm");
	window.scrollTo({top: row.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2, behavior: "instant"});
	return {
		scrollY: window.scrollY,
		tableTop: document.querySelector("table.matrix").getBoundingClientRect().top,
		innerWidth: window.innerWidth,
		innerHeight: window.innerHeight,
		header: rects("table.matrix thead th"),
	};
})()`)

	if got.TableTop >= 0 {
		t.Fatalf("scrolling to the ORM row (scrollY %.0f) left the table's top in view at y=%.0f; the test proves nothing", got.ScrollY, got.TableTop)
	}
	if want := 5; len(got.HeaderRows) != want { // "Aspect" and four subjects
		t.Fatalf("%d visible header cells, want %d: %v", len(got.HeaderRows), want, got.HeaderRows)
	}
	for _, th := range got.HeaderRows {
		if th.Top < 0 || th.Top >= 100 {
			t.Errorf("after scrolling to y=%.0f, header cell top is %.0f, want it stuck at the top of the window [0, 100): %s", got.ScrollY, th.Top, th)
		}
		if th.Left < 0 || th.Right > got.InnerW || th.Bottom > got.InnerH {
			t.Errorf("header cell is outside the %.0f×%.0f window: %s", got.InnerW, got.InnerH, th)
		}
	}
}

// TestBrowserRowPermalink follows a link to one row of a comparison: the row must be on
// screen, its label not hidden under the sticky header, and highlighted.
func TestBrowserRowPermalink(t *testing.T) {
	b := startBrowser(t)
	tab := b.open(t, desktopViewport, "/compare/django-vs-nodejs#orm")
	got := evalJS[struct {
		Target      string  `json:"target"`
		Top         float64 `json:"top"`
		InnerHeight float64 `json:"innerHeight"`
		LabelOnTop  string  `json:"labelOnTop"`
		TargetBg    string  `json:"targetBg"`
		OtherBg     string  `json:"otherBg"`
	}](t, tab, jsRects+`
(() => {
	const row = document.querySelector("tr#orm");
	const other = document.querySelector("table.matrix tbody tr:not(#orm):not(.group-row) td");
	const target = document.querySelector(":target");
	const label = row.querySelector("th a").getBoundingClientRect();
	const onTop = document.elementFromPoint(label.left + 5, label.top + label.height / 2);
	return {
		target: target ? target.tagName.toLowerCase() + "#" + target.id : "",
		top: row.getBoundingClientRect().top,
		innerHeight: window.innerHeight,
		labelOnTop: onTop === null || row.contains(onTop) ? "" : describe(onTop),
		targetBg: getComputedStyle(row.querySelector("td")).backgroundColor,
		otherBg: getComputedStyle(other).backgroundColor,
	};
})()`)

	if got.Target != "tr#orm" {
		t.Errorf(":target is %q, want tr#orm", got.Target)
	}
	// A pixel of slack: the browser scrolls to fractional positions such as y=-0.19.
	if got.Top <= -1 || got.Top >= got.InnerHeight {
		t.Errorf("row #orm top is at y=%.1f, want it on screen [0, %.0f)", got.Top, got.InnerHeight)
	}
	if got.LabelOnTop != "" {
		t.Errorf("row #orm is scrolled under %s: its label cannot be seen (row top at y=%.1f)", got.LabelOnTop, got.Top)
	}
	if got.TargetBg == got.OtherBg {
		t.Errorf("row #orm is not highlighted: its cells' background %s is the same as another row's", got.TargetBg)
	}
}

// TestBrowserPhoneTapTargets checks on a phone that every control in the header, breadcrumbs
// and matrix toolbar is at least 44×44 CSS px, the size a thumb can hit.
func TestBrowserPhoneTapTargets(t *testing.T) {
	b := startBrowser(t)
	const selector = ".site-nav a, .site-search input, .site-search button, .toolbar a, .crumbs a"
	for _, vp := range layoutViewports[:2] { // the phone widths
		for _, path := range layoutPages {
			t.Run(vp.String()+path, func(t *testing.T) {
				tab := b.open(t, vp, path)
				targets := evalJS[[]domRect](t, tab, jsRects+"rects(`"+selector+"`)")
				if len(targets) == 0 {
					t.Fatalf("no visible controls match %q", selector)
				}
				for _, r := range targets {
					// Half a pixel of slack for subpixel layout (e.g. 43.99 from rem rounding).
					if r.Width < 43.5 || r.Height < 43.5 {
						t.Errorf("%s at %s: tap target smaller than 44×44: %s", path, vp, r)
					}
				}
			})
		}
	}
}

// TestBrowserScreenshots saves full-page screenshots of the main kinds of page at phone and
// desktop sizes, for a person to look at, into $VERSUS_SCREENSHOTS (default
// $TMPDIR/versus-screenshots). Each must be exactly as wide as the window.
func TestBrowserScreenshots(t *testing.T) {
	b := startBrowser(t)
	dir := os.Getenv("VERSUS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "versus-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"article", "/articles/batteries-included"},
		{"compare-2", "/compare/nodejs-vs-django"},
		{"compare-4", fourWayPath},
		{"compare-4-base", fourWayPath + "?base=django"},
		{"aspect", "/compare/django-vs-nodejs/admin-panel"},
		{"choose", "/choose?m-language=python&g-security=3"},
		{"alternatives", "/subjects/django/alternatives"},
	}
	for _, vp := range []viewport{phoneViewport, desktopViewport} {
		for _, p := range pages {
			t.Run(vp.String()+"/"+p.name, func(t *testing.T) {
				tab := b.open(t, vp, p.path)
				buf, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // 100 means PNG
				if err != nil {
					t.Fatalf("screenshot %s: %v", p.path, err)
				}
				file := filepath.Join(dir, p.name+"-"+vp.String()+".png")
				if err := os.WriteFile(file, buf, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s at %s: %s", p.path, vp, file)
				img, err := png.DecodeConfig(bytes.NewReader(buf))
				if err != nil {
					t.Fatalf("screenshot of %s is not a PNG: %v", p.path, err)
				}
				if int64(img.Width) != vp.w || int64(img.Height) < vp.h {
					t.Errorf("screenshot of %s at %s is %d×%d, want %d wide and at least %d tall",
						p.path, vp, img.Width, img.Height, vp.w, vp.h)
				}
			})
		}
	}
}

// TestBrowserNothingCoversText checks, on every page kind at every width, that each line of
// text in view is the topmost thing at its centre: no sticky header, badge, button or
// neighbouring box is drawn over words a reader needs.
func TestBrowserNothingCoversText(t *testing.T) {
	b := startBrowser(t)
	const js = `
(() => {
	const covered = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const vw = window.innerWidth, vh = window.innerHeight;
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (!n.textContent.trim()) continue;
		const el = n.parentElement;
		const st = getComputedStyle(el);
		if (st.visibility !== "visible" || st.opacity === "0") continue;
		// Not drawn: inside a closed <details> (outside its summary), or visually hidden by clipping.
		const det = el.closest("details");
		if (det && !det.open && !el.closest("summary")) continue;
		let clipped = false;
		for (let p = el; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).clipPath !== "none") { clipped = true; break; }
		}
		if (clipped) continue;
		const range = document.createRange();
		range.selectNodeContents(n);
		for (const r of range.getClientRects()) {
			if (r.width < 2 || r.height < 2) continue; // visually hidden text
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
			// Scrolled out of its own scrolling box (a wide table or code block): reachable, not covered.
			let scrolledAway = false;
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const ov = getComputedStyle(p).overflowX;
				if (ov !== "auto" && ov !== "scroll") continue;
				const b = p.getBoundingClientRect();
				if (x < b.left || x >= b.right || y < b.top || y >= b.bottom) { scrolledAway = true; break; }
			}
			if (scrolledAway) continue;
			const hit = document.elementFromPoint(x, y);
			if (hit && hit !== el && !el.contains(hit)) {
				const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
				covered.push(name(el) + " \"" + n.textContent.trim().slice(0, 30) + "\" under " + name(hit));
			}
		}
	}
	return covered.slice(0, 8);
})()`
	for _, vp := range layoutViewports {
		for _, path := range layoutPages {
			t.Run(vp.String()+path, func(t *testing.T) {
				tab := b.open(t, vp, path)
				if covered := evalJS[[]string](t, tab, js); len(covered) > 0 {
					t.Errorf("%s at %s: text covered by another element:\n\t%s", path, vp, strings.Join(covered, "\n\t"))
				}
			})
		}
	}
}

// phoneHeightBudget is six screens of a 390×844 phone: the most the default Django vs Node.js
// comparison may take.
const phoneHeightBudget = 5064

// TestBrowserComparisonAtAGlance checks the default comparison of two subjects at every width:
// their cells side by side in each row, no sideways scroll, the legend in view, and at 390×844
// the whole page within six screens.
func TestBrowserComparisonAtAGlance(t *testing.T) {
	b := startBrowser(t)
	for _, vp := range layoutViewports {
		t.Run(vp.String(), func(t *testing.T) {
			tab := b.open(t, vp, "/compare/django-vs-nodejs")
			got := evalJS[struct {
				Height, ScrollWidth, Width float64
				SideBySide, Rows           int
				Legend                     domRect
			}](t, tab, jsRects+`
(() => {
	const rows = [...document.querySelectorAll("table.matrix tbody tr[id]:not(.group-row)")];
	const side = rows.filter(r => {
		const [a, b] = r.querySelectorAll("td");
		const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
		return Math.abs(ra.top - rb.top) < 1 && ra.right <= rb.left + 1;
	}).length;
	return {height: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth,
		width: window.innerWidth, sideBySide: side, rows: rows.length, legend: box(document.querySelector(".legend"))};
})()`)
			if got.SideBySide != got.Rows || got.Rows < 20 {
				t.Errorf("%d of %d rows show the two subjects side by side", got.SideBySide, got.Rows)
			}
			if got.ScrollWidth > got.Width {
				t.Errorf("the page is %.0f px wide in a %.0f px window", got.ScrollWidth, got.Width)
			}
			if got.Legend.Height == 0 || got.Legend.Width == 0 {
				t.Errorf("the legend is not shown: %s", got.Legend)
			}
			t.Logf("page height at %s: %.0f px", vp, got.Height)
			if vp == phoneViewport && got.Height > phoneHeightBudget {
				t.Errorf("the page is %.0f px tall at %s, over the budget of %d (six screens)", got.Height, vp, phoneHeightBudget)
			}
		})
	}
}

// TestBrowserLevelsInForcedColors emulates forced-colors mode, where the browser replaces the
// site's colours with the reader's, and checks that every level still shows its words in a
// colour that differs from the background.
func TestBrowserLevelsInForcedColors(t *testing.T) {
	b := startBrowser(t)
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	forced := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}}})
		return err
	})
	if err := chromedp.Do(tab, chromedp.EmulateViewport(phoneViewport.w, phoneViewport.h), forced,
		chromedp.Navigate(b.baseURL+"/compare/django-vs-nodejs")); err != nil {
		t.Fatal(err)
	}
	if !evalJS[bool](t, tab, `matchMedia("(forced-colors: active)").matches`) {
		t.Fatal("forced colors are not active: the test would prove nothing")
	}
	got := evalJS[struct {
		Levels, Legible int
		Bad             []string
	}](t, tab, `
(() => {
	const levels = [...document.querySelectorAll("table.matrix .level")];
	const bad = [];
	let legible = 0;
	for (const l of levels) {
		const cs = getComputedStyle(l), r = l.getBoundingClientRect();
		let bg = "rgba(0, 0, 0, 0)";
		for (let e = l; e && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent"); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
		const text = l.textContent.replace(/[●○?]/g, "").trim();
		if (text.length > 1 && r.width > 0 && r.height > 0 && cs.visibility === "visible" && cs.color !== bg) legible++;
		else bad.push(text + " " + cs.color + " on " + bg);
	}
	return {levels: levels.length, legible: legible, bad: bad.slice(0, 5)};
})()`)
	if got.Levels < 40 || got.Legible != got.Levels {
		t.Errorf("%d of %d levels legible in forced colors: %v", got.Legible, got.Levels, got.Bad)
	}
}
