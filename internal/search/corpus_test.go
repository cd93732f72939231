package search

import (
	"fmt"
	"io/fs"
	"math/rand"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
)

// testNow is the moment test content is judged against, so no article is "scheduled".
var testNow = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)

// loadFS loads a content set or fails the test.
func loadFS(tb testing.TB, fsys fs.FS) *content.Site {
	tb.Helper()
	site, err := content.LoadSite(fsys, content.Options{Now: testNow})
	if err != nil {
		tb.Fatalf("load content: %v", err)
	}
	return site
}

var (
	shippedOnce sync.Once
	shippedSite *content.Site
	shippedErr  error
)

// shipped is the site's real, embedded content, loaded once per test binary.
func shipped(tb testing.TB) *content.Site {
	tb.Helper()
	shippedOnce.Do(func() {
		shippedSite, shippedErr = content.LoadSite(sitecontent.FS, content.Options{Now: testNow})
	})
	if shippedErr != nil {
		tb.Fatal(shippedErr)
	}
	return shippedSite
}

var (
	largeOnce sync.Once
	largeSite *content.Site
	largeErr  error
)

// largeArticles is how many generated articles the large corpus adds to the shipped content.
const largeArticles = 2000

// large is the shipped content plus largeArticles generated articles of about 8 KB each,
// loaded once per test binary: the size the index must still build and answer quickly at.
func large(tb testing.TB) *content.Site {
	tb.Helper()
	largeOnce.Do(func() {
		largeSite, largeErr = content.LoadSite(generatedFS(largeArticles), content.Options{Now: testNow})
	})
	if largeErr != nil {
		tb.Fatal(largeErr)
	}
	return largeSite
}

// generatedFS is the shipped content plus n generated articles. Their words are drawn from the
// shipped content's own vocabulary with a Zipf distribution, as natural text is, and each
// article adds identifiers of its own in code, so the index sees a realistic long tail.
func generatedFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var md []string
	err := fs.WalkDir(sitecontent.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sitecontent.FS, p)
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: data}
		if strings.HasSuffix(p, ".md") {
			md = append(md, string(data))
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	g := newGenerator(md)
	for i := range n {
		fsys[fmt.Sprintf("articles/generated-%04d.md", i)] = &fstest.MapFile{Data: []byte(g.article(i))}
	}
	return fsys
}

type generator struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string // most frequent first
}

var wordRE = regexp.MustCompile(`[a-z]{3,}`)

func newGenerator(docs []string) *generator {
	count := map[string]int{}
	for _, d := range docs {
		for _, w := range wordRE.FindAllString(strings.ToLower(d), -1) {
			count[w]++
		}
	}
	vocab := make([]string, 0, len(count))
	for w := range count {
		vocab = append(vocab, w)
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	rng := rand.New(rand.NewSource(1))
	return &generator{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *generator) word() string { return g.vocab[g.zipf.Uint64()] }

func (g *generator) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.word()
	}
	return strings.Join(w, " ")
}

func (g *generator) sentence(n int) string {
	s := g.words(n)
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *generator) paragraph(sentences int) string {
	p := make([]string, sentences)
	for i := range p {
		p[i] = g.sentence(8 + g.rng.Intn(10))
	}
	return strings.Join(p, " ")
}

var genTags = []string{"performance", "security", "concurrency", "deployment", "testing", "databases", "apis", "tooling"}
var genSubjects = []string{"nodejs", "django", "express", "fastapi", "flask", "rails", "laravel", "phoenix"}

// article is one generated article of about 8 KB of Markdown: front matter, headings, lists,
// a table and two code blocks.
func (g *generator) article(i int) string {
	var b strings.Builder
	date := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\ndate: %s\ntags: [%s, %s]\nsubjects: [%s, %s]\n---\n",
		g.sentence(6), g.sentence(20), date.Format("2006-01-02"),
		genTags[i%len(genTags)], genTags[(i+3)%len(genTags)],
		genSubjects[i%len(genSubjects)], genSubjects[(i+1)%len(genSubjects)])
	b.WriteString(g.paragraph(6) + "\n\n")
	id := func(k int) string { return fmt.Sprintf("%s%dx%d", g.word(), i, k) }
	for sec := range 4 {
		fmt.Fprintf(&b, "## %s %d\n\n%s\n\n", g.sentence(4), sec, g.paragraph(11))
		for range 4 {
			fmt.Fprintf(&b, "- %s\n", g.sentence(7))
		}
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n", g.sentence(3), g.paragraph(6))
		switch sec {
		case 1:
			b.WriteString("| Option | Cost | Notes |\n| --- | --- | --- |\n")
			for range 4 {
				fmt.Fprintf(&b, "| %s | %d | %s |\n", g.words(2), g.rng.Intn(100), g.words(6))
			}
			b.WriteString("\n")
		case 2:
			fmt.Fprintf(&b, "```go\nfunc %s(w http.ResponseWriter, r *http.Request) {\n\t%s := r.URL.Query().Get(%q)\n\tif %s == \"\" {\n\t\thttp.Error(w, %q, http.StatusBadRequest)\n\t\treturn\n\t}\n\tfmt.Fprintf(w, \"%%s\\n\", %s)\n}\n```\n\n",
				id(1), id(2), g.word(), id(2), g.sentence(4), id(2))
		case 3:
			fmt.Fprintf(&b, "```python\ndef %s(request):\n    %s = request.GET.get(%q)\n    if not %s:\n        return HttpResponseBadRequest(%q)\n    return JsonResponse({%q: %s})\n```\n\n",
				id(3), id(4), g.word(), id(4), g.sentence(4), g.word(), id(4))
		}
	}
	return b.String()
}

// TestGeneratedArticleSize keeps the benchmark corpus honest: articles of about 8 KB with the
// parts the brief names.
func TestGeneratedArticleSize(t *testing.T) {
	fsys := generatedFS(20)
	total := 0
	for i := range 20 {
		total += len(fsys[fmt.Sprintf("articles/generated-%04d.md", i)].Data)
	}
	if avg := total / 20; avg < 7000 || avg > 9000 {
		t.Errorf("generated articles average %d bytes, want about 8 KB", avg)
	}
	a := string(fsys["articles/generated-0007.md"].Data)
	for _, part := range []string{"\n## ", "\n### ", "\n- ", "| --- |", "```go", "```python"} {
		if !strings.Contains(a, part) {
			t.Errorf("generated article lacks %q", part)
		}
	}
}
