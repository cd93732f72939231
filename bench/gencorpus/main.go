// Command gencorpus writes a synthetic corpus of articles for the build benchmarks in
// bench/run.sh: the same Markdown bodies once as versus articles and, optionally, once as
// Hugo posts, so both generators render identical input.
//
//	go run ./bench/gencorpus -content DIR [-hugo DIR] [-n 2000] [-code own|shared]
//
// -code own gives every article code blocks of its own; -code shared draws them from a pool
// (30 per kind of block), as real sites repeat install commands and config files.
//
// DIR is a copy of content/: aspect labels are read from DIR/aspects.yaml so every feature
// table names real aspects, and articles are written to DIR/articles/gen-0001.md … Every
// site link points at a page that exists, so `versus check -content DIR` passes. Output is
// deterministic: the same flags give the same files.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
)

func main() {
	contentDir := flag.String("content", "", "content folder to add articles to (required)")
	hugoDir := flag.String("hugo", "", "also write each article as a Hugo post into this folder")
	n := flag.Int("n", 2000, "number of articles")
	size := flag.Int("size", 8<<10, "approximate size of each article in bytes")
	code := flag.String("code", "own", "code blocks: own (every article its own) or shared (a pool of snippets, as sites reuse them)")
	flag.Parse()
	if *code != "own" && *code != "shared" {
		fmt.Fprintln(os.Stderr, "gencorpus: -code must be own or shared")
		os.Exit(2)
	}
	shared = *code == "shared"
	if *contentDir == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*contentDir, *hugoDir, *n, *size); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(contentDir, hugoDir string, n, size int) error {
	labels, err := aspectLabels(filepath.Join(contentDir, "aspects.yaml"))
	if err != nil {
		return err
	}
	if len(labels) < rowsPerTable {
		return fmt.Errorf("aspects.yaml has %d aspects; need at least %d", len(labels), rowsPerTable)
	}
	artDir := filepath.Join(contentDir, "articles")
	for _, d := range []string{artDir, hugoDir} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	total := 0
	for i := 1; i <= n; i++ {
		a := newArticle(i, n, labels, size)
		if err := os.WriteFile(filepath.Join(artDir, a.slug+".md"), []byte(a.file()), 0o644); err != nil {
			return err
		}
		if hugoDir != "" {
			if err := os.WriteFile(filepath.Join(hugoDir, a.slug+".md"), []byte(a.file()), 0o644); err != nil {
				return err
			}
		}
		total += len(a.body)
	}
	fmt.Printf("gencorpus: wrote %d articles (%d bytes of Markdown body, %.1f KB each on average)\n",
		n, total, float64(total)/float64(n)/1024)
	return nil
}

// aspectLabels reads the aspect labels, in file order, from an aspects.yaml.
func aspectLabels(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Aspects []struct {
			Label string `yaml:"label"`
		} `yaml:"aspects"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var labels []string
	for _, a := range doc.Aspects {
		labels = append(labels, a.Label)
	}
	return labels, nil
}

const rowsPerTable = 10

// shared makes code blocks come from a pool of snippetPool variants per kind instead of
// being different in every article.
var shared bool

const snippetPool = 6

// variant is the number a code block is made from: the article's own, or one of a few.
func variant(i int) int {
	if shared {
		return i % snippetPool
	}
	return i
}

var (
	tagPool = []string{"apis", "performance", "tutorial", "architecture", "databases",
		"security", "deployment", "testing", "real-time", "tooling"}
	topics = []string{"background jobs", "file uploads", "pagination", "rate limiting",
		"caching", "health checks", "logging", "configuration", "sessions", "search",
		"webhooks", "feature flags", "migrations", "retries", "graceful shutdown"}
	// Site paths that exist in the shipped content; links to them must keep passing check.
	siteLinks = []struct{ text, dest string }{
		{"Node.js", "/subjects/nodejs"},
		{"Django", "/subjects/django"},
		{"the side-by-side comparison", "/compare/django-vs-nodejs"},
		{"the performance row", "/compare/django-vs-nodejs#performance"},
		{"the concurrency row", "/compare/django-vs-nodejs#concurrency-model"},
		{"Stack Matchup", "/sources/stack-matchup"},
		{"the 2025 scalability comparison", "/sources/scalable-apps-2025"},
		{"batteries included", "/articles/batteries-included"},
		{"all articles", "/articles"},
	}
	externalLinks = []struct{ text, dest string }{
		{"the Node.js documentation", "https://nodejs.org/en/docs"},
		{"the Django documentation", "https://docs.djangoproject.com/en/5.2/"},
		{"the asyncio documentation", "https://docs.python.org/3/library/asyncio.html"},
	}
	nodeClaims = []string{"Event loop handles many connections", "Needs a library such as Passport",
		"Minimal core, npm for the rest", "Fast for I/O-bound work", "Workers for CPU-heavy tasks",
		"Large package registry", "Choose your own structure", "Same language as the browser",
		"Socket.IO is the usual pick", "Quick to start, more to assemble"}
	djangoClaims = []string{"Thread or process per request", "Built-in auth and sessions",
		"ORM and migrations in the box", "Admin generated from models", "Celery for background work",
		"CSRF and XSS protection by default", "MTV structure from the start", "Channels adds WebSockets",
		"Mature, slower release cycle", "Python's data ecosystem"}
	words = strings.Fields(`request response handler middleware router queue worker thread process
		event loop database query index cache session cookie token header payload schema model view
		template form field validation migration transaction connection pool latency throughput
		deployment container replica instance service endpoint client server runtime framework
		library package module dependency release version test fixture mock log metric trace`)
)

type article struct {
	slug, title, description string
	date                     time.Time
	tags                     []string
	body                     string
}

func newArticle(i, n int, labels []string, size int) *article {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	topic := topics[i%len(topics)]
	a := &article{
		slug:        fmt.Sprintf("gen-%04d", i),
		title:       fmt.Sprintf("Generated article %d: %s in Node.js and Django", i, topic),
		description: fmt.Sprintf("A synthetic benchmark article on %s, written by bench/gencorpus.", topic),
		date:        time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%600),
		tags:        []string{tagPool[i%len(tagPool)], tagPool[(i*7+3)%len(tagPool)]},
	}
	if a.tags[0] == a.tags[1] {
		a.tags = a.tags[:1]
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	w("This article looks at **%s** in [%s](%s) and [%s](%s), and at how %s treats it. ",
		topic, siteLinks[0].text, siteLinks[0].dest, siteLinks[1].text, siteLinks[1].dest,
		link(siteLinks[2+r.IntN(3)]))
	w("Jump to [the code](#code-samples) or read %s first.\n\n", link(externalLinks[r.IntN(len(externalLinks))]))
	w("%s\n\n", paragraph(r, 5))

	w("## Overview\n\n%s\n\n", paragraph(r, 6))
	w("What usually decides the choice:\n\n")
	for k := range 5 {
		w("- %s: %s\n", capitalise(words[r.IntN(len(words))]), sentence(r, 8+k))
	}
	w("\nSee %s and %s for the sources behind these points.\n\n", link(siteLinks[5]), link(siteLinks[6]))

	w("## Feature table\n\n| Aspect | Node.js | Django |\n| --- | --- | --- |\n")
	start := r.IntN(len(labels))
	for k := range rowsPerTable {
		w("| %s | %s | %s |\n", labels[(start+k)%len(labels)],
			nodeClaims[(i+k)%len(nodeClaims)], djangoClaims[(i+3*k)%len(djangoClaims)])
	}
	w("\n%s\n\n", paragraph(r, 4))

	w("## Code samples\n\n### The Node.js version\n\n%s\n\n", paragraph(r, 2))
	w("```js\n%s```\n\n", jsSample(topic, variant(i)))
	w("### The Django version\n\n%s\n\n", paragraph(r, 2))
	w("```python\n%s```\n\n", pySample(topic, variant(i)))
	w("### Testing both\n\n%s\n\n", paragraph(r, 2))
	w("```js\n%s```\n\n", jsTest(topic, variant(i)))
	w("```python\n%s```\n\n", pyTest(topic, variant(i)))

	w("## Trade-offs\n\n")
	for k := range 4 {
		w("%d. %s\n", k+1, sentence(r, 12))
	}
	w("\n%s\n\n", paragraph(r, 5))

	w("## Further reading\n\n")
	w("- %s\n- %s\n- %s\n", link(siteLinks[7]), link(siteLinks[8]), link(externalLinks[r.IntN(len(externalLinks))]))
	if i > 1 {
		w("- [the previous generated article](/articles/gen-%04d#feature-table)\n", i-1)
	}
	if i < n {
		w("- [the next generated article](/articles/gen-%04d)\n", i+1)
	}
	w("\n## Notes\n\n")
	for b.Len() < size-200 {
		w("%s\n\n", paragraph(r, 5))
	}
	a.body = b.String()
	return a
}

func link(l struct{ text, dest string }) string { return "[" + l.text + "](" + l.dest + ")" }

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// sentence returns n words of filler with some inline code and emphasis.
func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for k := range ws {
		ws[k] = words[r.IntN(len(words))]
	}
	ws[r.IntN(n)] = "`" + words[r.IntN(len(words))] + "`"
	ws[r.IntN(n)] = "*" + words[r.IntN(len(words))] + "*"
	return capitalise(strings.Join(ws, " ")) + "."
}

func paragraph(r *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for k := range s {
		s[k] = sentence(r, 8+r.IntN(10))
	}
	return strings.Join(s, " ")
}

func ident(topic string) string {
	return strings.ReplaceAll(topic, " ", "_")
}

func jsSample(topic string, i int) string {
	id := ident(topic)
	return fmt.Sprintf(`import express from 'express';

const app = express();
const limit = %d;

// %s: one handler, validation by hand.
app.get('/%s', async (req, res) => {
  const page = Number.parseInt(req.query.page ?? '1', 10);
  if (Number.isNaN(page) || page < 1) {
    return res.status(400).json({ error: 'page must be a positive integer' });
  }
  const items = await store.list({ offset: (page - 1) * limit, limit });
  res.json({ page, items });
});

app.listen(3000, () => console.log('listening on :3000'));
`, 10+i, topic, id)
}

func pySample(topic string, i int) string {
	id := ident(topic)
	return fmt.Sprintf(`from django.http import JsonResponse
from django.views.decorators.http import require_GET

LIMIT = %d


@require_GET
def %s(request):
    """%s: one view, validation by hand."""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        return JsonResponse({"error": "page must be a positive integer"}, status=400)
    if page < 1:
        return JsonResponse({"error": "page must be a positive integer"}, status=400)
    items = list(Item.objects.all()[(page - 1) * LIMIT : page * LIMIT].values())
    return JsonResponse({"page": page, "items": items})
`, 10+i, id, topic)
}

func jsTest(topic string, i int) string {
	return fmt.Sprintf(`import { test } from 'node:test';
import assert from 'node:assert/strict';

test('%s rejects page %d', async () => {
  const res = await fetch('http://localhost:3000/%s?page=-%d');
  assert.equal(res.status, 400);
});
`, topic, -i, ident(topic), i)
}

func pyTest(topic string, i int) string {
	return fmt.Sprintf(`from django.test import TestCase


class %sTests(TestCase):
    def test_rejects_negative_page(self):
        response = self.client.get("/%s", {"page": -%d})
        self.assertEqual(response.status_code, 400)
`, camel(topic), ident(topic), i)
}

// camel turns "rate limiting" into "RateLimiting".
func camel(topic string) string {
	var b strings.Builder
	for _, w := range strings.Fields(topic) {
		b.WriteString(capitalise(w))
	}
	return b.String()
}

// file is the article with its front matter. Hugo reads the same keys (subjects becomes a
// page parameter), so both generators get byte-identical files.
func (a *article) file() string {
	return fmt.Sprintf("---\ntitle: %q\ndescription: %q\ndate: %s\ntags: [%s]\nsubjects: [nodejs, django]\n---\n%s",
		a.title, a.description, a.date.Format(time.DateOnly), strings.Join(a.tags, ", "), a.body)
}
