package server

// Quality checks in a real browser, beside browser_test.go and with its helpers: every kind of
// page works with JavaScript switched off, text keeps WCAG AA contrast in dark mode (and in
// light), and axe-core finds no WCAG 2.1 A or AA violation on any kind of page, on a phone and
// a desktop, in light and dark. They skip without chromium like the other browser tests.
// axe-core comes from tools/node_modules (`npm ci` in tools/); without it the axe test skips,
// unless VERSUS_REQUIRE_TOOLS=1 (as in CI) makes that a failure. docs/QUALITY.md lists every
// check.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeScript is axe-core's browser bundle, installed by `npm ci` in tools/.
var axeScript = filepath.Join("..", "..", "tools", "node_modules", "axe-core", "axe.min.js")

// scheme is a value of the prefers-color-scheme media feature.
type scheme string

const (
	light scheme = "light"
	dark  scheme = "dark"
)

// tabSetup is how a tab is emulated before its page loads.
type tabSetup struct {
	vp       viewport
	scheme   scheme
	noScript bool // the page's scripts are switched off, as a reader may do
}

func (s tabSetup) String() string {
	name := s.vp.String() + "-" + string(s.scheme)
	if s.noScript {
		name += "-noscript"
	}
	return name
}

// openAs loads path in a new tab emulated as s, waiting for the load event, and returns the
// tab and the page's HTTP status. The tab closes when the (sub)test ends. DevTools can still
// evaluate expressions in a tab whose page may not run scripts.
func (b *browserSite) openAs(t *testing.T, s tabSetup, path string) (context.Context, int64) {
	t.Helper()
	tab, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	emulate := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		media := emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: string(s.scheme)}},
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: s.noScript})
		return err
	})
	if err := chromedp.Do(tab, chromedp.EmulateViewport(s.vp.w, s.vp.h), emulate); err != nil {
		t.Fatalf("emulate %s: %v", s, err)
	}
	resp, err := chromedp.Run(tab, chromedp.NavigateResponse(b.baseURL+path))
	if err != nil {
		t.Fatalf("open %s as %s: %v", path, s, err)
	}
	return tab, resp.Status
}

// openPage is openAs for a page that must exist.
func (b *browserSite) openPage(t *testing.T, s tabSetup, path string) context.Context {
	t.Helper()
	tab, status := b.openAs(t, s, path)
	if status != 200 {
		t.Fatalf("%s answered %d, want 200", path, status)
	}
	return tab
}

// follow runs steps that make the page navigate, such as clicking a link or a submit
// button, and returns the status of the page they lead to and its URL relative to the site.
func (b *browserSite) follow(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) (int64, string) {
	t.Helper()
	resp, err := chromedp.RunResponse(tab, steps...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return resp.Status, strings.TrimPrefix(evalJS[string](t, tab, "location.href"), b.baseURL)
}

// TestQualityWorksWithoutJavaScript uses the site's forms and links with scripts switched off:
// each must lead to its page by plain HTML alone.
func TestQualityWorksWithoutJavaScript(t *testing.T) {
	b := startBrowser(t)
	noJS := tabSetup{vp: phoneViewport, scheme: light, noScript: true}

	t.Run("scripts are off", func(t *testing.T) {
		tab := b.openPage(t, noJS, "/")
		if !evalJS[bool](t, tab, `matchMedia("(scripting: none)").matches`) {
			t.Fatal(`the page does not match (scripting: none): the test would not prove the site works without JavaScript`)
		}
	})

	t.Run("pages", func(t *testing.T) {
		for _, p := range []struct {
			path   string
			status int64
		}{
			{"/", 200}, {"/articles", 200}, {"/articles/batteries-included", 200}, {"/sources/stack-matchup", 200},
			{"/subjects/django", 200}, {fourWayPath, 200}, {"/compare", 200}, {"/tags", 200}, {"/no-such-page", 404},
		} {
			t.Run(p.path, func(t *testing.T) {
				tab, status := b.openAs(t, noJS, p.path)
				h1 := evalJS[string](t, tab, `(document.querySelector("main h1") || {}).textContent || ""`)
				if status != p.status || strings.TrimSpace(h1) == "" {
					t.Errorf("%s without JavaScript: status %d and heading %q, want status %d and a heading", p.path, status, h1, p.status)
				}
			})
		}
	})

	t.Run("details", func(t *testing.T) {
		for page, sels := range map[string][]string{
			"/compare/django-vs-nodejs":           {".legend details", "details.more"},
			"/compare/django-vs-nodejs?view=full": {"table.matrix details.claims"},
		} {
			tab := b.openPage(t, noJS, page)
			for _, sel := range sels {
				if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(sel+" > summary"))); err != nil {
					t.Fatalf("%s: click %s > summary: %v", page, sel, err)
				}
				if !evalJS[bool](t, tab, `document.querySelector("`+sel+`").open`) {
					t.Errorf("%s: clicking %s > summary did not open it", page, sel)
				}
			}
		}
	})

	t.Run("chooser", func(t *testing.T) {
		tab := b.openPage(t, tabSetup{vp: viewport{360, 740}, scheme: light, noScript: true}, "/choose")
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`input[name="m-language"][value="python"]`)),
			chromedp.SetValue(chromedp.CSS(`select[name="g-security"]`), "3"),
			chromedp.Click(chromedp.CSS(`fieldset:nth-of-type(5) details > summary`)),
			chromedp.SetValue(chromedp.CSS(`select[name="m-admin-panel"]`), "built-in"),
		}
		for _, step := range steps {
			if err := chromedp.Do(tab, step); err != nil {
				t.Fatalf("fill the chooser: %v", err)
			}
		}
		status, got := b.follow(t, tab, "submit the chooser", chromedp.Click(chromedp.CSS(`form.chooser button[type="submit"]`)))
		if status != 200 || got != "/choose?m-language=python&m-admin-panel=built-in&g-security=3" {
			t.Fatalf("submitting led to %s (status %d), want the canonical answer", got, status)
		}
		answer := evalJS[struct {
			First       string
			ScrollWidth float64
			Width       float64
		}](t, tab, `({first: document.querySelector("ol.ranked .who").textContent, scrollWidth: document.documentElement.scrollWidth, width: innerWidth})`)
		if answer.First != "Django" {
			t.Errorf("the answer ranks %q first, want Django, the one Python subject with an admin site built in", answer.First)
		}
		if answer.ScrollWidth > answer.Width {
			t.Errorf("the answer scrolls sideways at 360 px: %.0f > %.0f", answer.ScrollWidth, answer.Width)
		}
	})

	t.Run("picker", func(t *testing.T) {
		tab := b.openPage(t, noJS, "/compare")
		for _, slug := range []string{"nodejs", "django", "rails"} {
			if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.picker input[value="`+slug+`"]`))); err != nil {
				t.Fatalf("tick %s: %v", slug, err)
			}
		}
		if n := evalJS[int](t, tab, `document.querySelectorAll(".picker input:checked").length`); n != 3 {
			t.Fatalf("%d boxes ticked after clicking three", n)
		}
		status, got := b.follow(t, tab, "submit the picker", chromedp.Click(chromedp.CSS(`.picker button[type="submit"]`)))
		if status != 200 || !strings.HasPrefix(got, "/compare/") || strings.Count(got, "-vs-") != 2 {
			t.Fatalf("submitting django, nodejs and rails led to %s (status %d), want a three-way /compare/… page", got, status)
		}
		if n := evalJS[int](t, tab, `document.querySelectorAll("table.matrix thead th").length`); n != 4 {
			t.Errorf("%s shows %d header cells, want 4 (Aspect and three subjects)", got, n)
		}
	})

	t.Run("matrix toggles", func(t *testing.T) {
		const page = "/compare/express-vs-fastify" // rows that differ and rows that do not
		// rows describes the matrix: how many aspect rows, how many of them differ, and how
		// many groups.
		const rows = `(() => {
			const all = document.querySelectorAll("table.matrix tbody tr[id]:not(.group-row)");
			return {rows: all.length, differ: [...all].filter(r => r.classList.contains("differ")).length,
				groups: document.querySelectorAll("table.matrix tbody tr.group-row").length};
		})()`
		type matrixRows struct{ Rows, Differ, Groups int }
		tab := b.openPage(t, noJS, page)
		all := evalJS[matrixRows](t, tab, rows)
		if all.Rows == 0 || all.Groups < 2 || all.Differ == all.Rows {
			t.Fatalf("%s has %+v; the toggles cannot be tested", page, all)
		}

		status, got := b.follow(t, tab, "click Only differences", chromedp.Click(chromedp.Search(`//ul[@class="toolbar"]//a[text()="Only differences"]`)))
		diff := evalJS[matrixRows](t, tab, rows)
		if status != 200 || got != page+"?diff=1" {
			t.Errorf("Only differences led to %s (status %d), want %s?diff=1", got, status, page)
		}
		if diff.Rows != all.Differ || diff.Differ != diff.Rows {
			t.Errorf("Only differences shows %+v, want the %d differing rows of %d", diff, all.Differ, all.Rows)
		}

		// A group's view shows that group's rows, differing or not.
		group := evalJS[string](t, tab, `document.querySelector("table.matrix tbody tr.group-row th").textContent`)
		status, got = b.follow(t, tab, "click group "+group, chromedp.Click(chromedp.Search(`//ul[@class="toolbar"]//a[text()="`+group+`"]`)))
		grouped := evalJS[matrixRows](t, tab, rows)
		if status != 200 || strings.Contains(got, "diff=1") || !strings.Contains(got, "group=") {
			t.Errorf("group %q led to %s (status %d), want that group's view", group, got, status)
		}
		if grouped.Groups != 1 || grouped.Rows == 0 || grouped.Rows < grouped.Differ || grouped.Rows >= all.Rows {
			t.Errorf("group %q shows %+v, want the rows of one group", group, grouped)
		}
	})

	for _, start := range []string{"/", "/no-such-page"} {
		t.Run("search from "+start, func(t *testing.T) {
			tab, _ := b.openAs(t, noJS, start)
			form := `form[role="search"]:not(.site-search)` // the 404 page's own form
			if start == "/" {
				form = ".site-search"
			}
			if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.CSS(form+` input[name="q"]`), "django orm")); err != nil {
				t.Fatalf("type a query: %v", err)
			}
			status, got := b.follow(t, tab, "submit the search", chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
			// The index may still be warming up; a page that says so is a working page.
			if status != 200 || got != "/search?q=django+orm" {
				t.Errorf("searching from %s led to %s (status %d), want /search?q=django+orm with status 200", start, got, status)
			}
		})
	}
}

// contrastSample is one element's text as the contrast check measured it.
type contrastSample struct {
	Sel      string  `json:"sel"`
	Kind     string  `json:"kind"` // text, link, muted or code
	Text     string  `json:"text"`
	FG       string  `json:"fg"`
	BG       string  `json:"bg"`
	Ratio    float64 `json:"ratio"`
	FontSize float64 `json:"fontSize"`
}

// jsContrast defines contrast(): every element with text of its own, and its ::before and
// ::after content, with the contrast of its colour against the backgrounds behind it. The
// backdrop is the element's ancestors' background colours composited in order; opacity on
// the way fades the text. Closed <details> are opened first, so their text is measured too.
const jsContrast = jsRects + `
function rgba(s) {
	const m = s.match(/rgba?\(([^)]*)\)/);
	if (!m) return null;
	const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
	return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, under) {
	const a = top[3];
	return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]);
}
function luminance(c) {
	const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function hex(c) { return "#" + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, "0")).join(""); }
function backdrop(el) {
	const chain = [];
	for (let e = el; e; e = e.parentElement) chain.unshift(e);
	let bg = [255, 255, 255, 1];
	if (matchMedia("(prefers-color-scheme: dark)").matches) bg = [18, 18, 18, 1]; // the dark canvas
	for (const e of chain) {
		const c = rgba(getComputedStyle(e).backgroundColor);
		if (c && c[3] > 0) bg = over(c, bg);
	}
	return bg;
}
function opacity(el) {
	let o = 1;
	for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
	return o;
}
function contrast() {
	for (const d of document.querySelectorAll("details")) d.open = true;
	const probe = document.createElement("span");
	probe.style.color = "var(--muted)";
	document.body.append(probe);
	const muted = getComputedStyle(probe).color;
	probe.remove();
	const out = [];
	const measure = (el, style, text, where) => {
		const fg = rgba(style.color), bg = backdrop(el);
		const shown = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
		const l1 = luminance(shown), l2 = luminance(bg);
		const kind = el.closest("pre, code") ? "code" : el.closest("a") ? "link" : style.color === muted ? "muted" : "text";
		out.push({sel: describe(el) + where, kind, text: text.trim().slice(0, 40), fg: hex(shown), bg: hex(bg),
			ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05), fontSize: parseFloat(style.fontSize)});
	};
	for (const el of document.body.querySelectorAll("*")) {
		const style = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || style.visibility === "hidden") continue;
		const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data).join("");
		if (own.trim() !== "") measure(el, style, own, "");
		for (const pseudo of ["::before", "::after"]) {
			const ps = getComputedStyle(el, pseudo), c = ps.content;
			if (c === "none" || c === "normal" || c === '""' || ps.display === "none") continue;
			measure(el, ps, c.replace(/^"|"$/g, ""), pseudo);
		}
	}
	return out;
}
`

// TestQualityTextContrast measures, on pages with body text, links, muted text and
// highlighted code, in dark mode and in light, the contrast of every piece of text against its
// background: each must reach WCAG AA's 4.5:1. It backs up axe-core's color-contrast rule,
// which passes over text that is only punctuation, such as a heading's "#" anchor, and over
// ::before and ::after content.
func TestQualityTextContrast(t *testing.T) {
	b := startBrowser(t)
	pages := []struct {
		path  string
		kinds []string // the kinds of text the page must have, so the check covers them
	}{
		{"/articles/batteries-included", []string{"text", "link", "muted", "code"}},
		{"/compare/django-vs-nodejs", []string{"text", "link", "muted"}},
	}
	for _, s := range []tabSetup{{vp: phoneViewport, scheme: dark}, {vp: desktopViewport, scheme: dark}, {vp: phoneViewport, scheme: light}} {
		for _, p := range pages {
			t.Run(s.String()+p.path, func(t *testing.T) {
				tab := b.openPage(t, s, p.path)
				samples := evalJS[[]contrastSample](t, tab, jsContrast+"contrast()")
				seen := map[string]int{}
				var low []contrastSample
				for _, c := range samples {
					seen[c.Kind]++
					if c.Ratio < 4.5 {
						low = append(low, c)
					}
				}
				for _, k := range p.kinds {
					if seen[k] == 0 {
						t.Errorf("no %s text found on %s; the check would not cover it (found %v)", k, p.path, seen)
					}
				}
				for _, line := range groupContrast(low) {
					t.Errorf("%s: contrast below 4.5:1: %s", p.path, line)
				}
			})
		}
	}
}

// groupContrast describes low-contrast samples, one line per kind of element (the last step
// of its selector) and pair of colours, with an example and how many elements share it.
func groupContrast(low []contrastSample) []string {
	type key struct{ el, kind, fg, bg string }
	count := map[key]int{}
	first := map[key]contrastSample{}
	for _, c := range low {
		steps := strings.Split(c.Sel, " > ")
		k := key{steps[len(steps)-1], c.Kind, c.FG, c.BG}
		if count[k] == 0 {
			first[k] = c
		}
		count[k]++
	}
	var lines []string
	for k, n := range count {
		c := first[k]
		lines = append(lines, fmt.Sprintf("%s (%s text): %s on %s = %.2f:1, %d element(s), e.g. %s, %.0fpx, %q",
			k.el, k.kind, k.fg, k.bg, c.Ratio, n, c.Sel, c.FontSize, c.Text))
	}
	sort.Strings(lines)
	return lines
}

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Summary string   `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.URL)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&s, "\n\t\t… and %d more elements", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&s, "\n\t\t%s: %s", strings.Join(n.Target, " "), strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return s.String()
}

// loadAxe reads axe-core's bundle, or reports why the test cannot run.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axeScript)
	if err == nil {
		return string(src)
	}
	msg := fmt.Sprintf("axe-core not installed (%v); run (cd tools && npm ci --ignore-scripts)", err)
	if os.Getenv("VERSUS_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + "; VERSUS_REQUIRE_TOOLS=1")
	}
	t.Skip(msg)
	return ""
}

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

// TestQualityAxe runs axe-core's WCAG 2.1 A and AA rules on every kind of page, on a phone and
// a desktop, in light and dark, and fails on any violation. axe is injected through DevTools,
// which the site's Content-Security-Policy does not restrict.
func TestQualityAxe(t *testing.T) {
	chromiumPath(t)
	axe := loadAxe(t)
	pages := []struct {
		path   string
		status int64
	}{
		{"/", 200},
		{"/articles", 200},
		{"/articles/batteries-included", 200},
		{"/sources/stack-matchup", 200},
		{"/subjects/django", 200},
		{"/compare/django-vs-nodejs", 200},
		{fourWayPath, 200},
		{fourWayPath + "?base=django", 200},
		{"/compare/django-vs-nodejs?view=full", 200},
		{"/compare/django-vs-nodejs/admin-panel", 200},
		{"/gaps", 200},
		{"/choose?m-language=python&g-security=3", 200},
		{"/subjects/django/alternatives", 200},
		{"/method", 200},
		{"/compare", 200},
		{"/search?q=django", 200},
		{"/no-such-page", 404},
	}
	// One browser per page: startBrowser bounds a browser's life to browserTimeout, and the
	// four runs of axe on a page fit well inside it.
	for _, p := range pages {
		name := strings.TrimPrefix(p.path, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			b := startBrowser(t)
			for _, vp := range []viewport{phoneViewport, desktopViewport} {
				for _, sc := range []scheme{light, dark} {
					s := tabSetup{vp: vp, scheme: sc}
					t.Run(s.String(), func(t *testing.T) {
						tab, status := b.openAs(t, s, p.path)
						if status != p.status {
							t.Fatalf("%s answered %d, want %d", p.path, status, p.status)
						}
						for _, v := range runAxe(t, tab, axe) {
							t.Errorf("%s at %s: %s", p.path, s, v)
						}
					})
				}
			}
		})
	}
}

// runAxe injects axe-core into the tab's page and returns the violations it finds.
func runAxe(t *testing.T, tab context.Context, axe string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](axe+";\ntypeof axe === 'object'")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ` + axeTags + `}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target.map(String), failureSummary: n.failureSummary}))})))`
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("axe-core did not finish within 30s")
		}
		t.Fatalf("run axe-core: %v", err)
	}
	return v
}
