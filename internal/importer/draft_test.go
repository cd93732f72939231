package importer

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/problem"
)

// withSource is the site's content with one more source file.
func withSource(t *testing.T, name string, data []byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(sitecontent.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sitecontent.FS, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys["sources/"+name+".md"] = &fstest.MapFile{Data: data}
	return fsys
}

func loadProblems(t *testing.T, fsys fs.FS) (*content.Site, problem.List) {
	t.Helper()
	site, err := content.LoadSite(fsys, content.Options{Now: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
	var probs problem.List
	if err != nil && !errors.As(err, &probs) {
		t.Fatal(err)
	}
	return site, probs
}

// TestDraftFailsCheckUntilAuthored imports the HTML fixture, checks that its draft fails
// `check` for exactly the things an author must do (summary, rewording, stances), then does
// them and checks that the source loads and its claims reach the comparison.
func TestDraftFailsCheckUntilAuthored(t *testing.T) {
	d, _ := importFixture(t, "express-fastify.html")
	draft := string(d.Draft("2026-12-04"))
	for _, want := range []string{
		`title: "Express vs Fastify: which one for a new API?"`, `author: "Ada Example"`, `publisher: "Example Dev Blog"`,
		"date: 2026-05-14", `url: "https://blog.example.org/express-vs-fastify"`, "## Summary", "## Claims",
		"| Aspect | Express | Fastify |", "| Batteries included <!-- line 33:", "| REWORD: Routing and middleware",
		`"Mascot" | "None" | "A cheetah" | "A fox"`, `column "Hapi" names no subject we know`,
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
	_, probs := loadProblems(t, withSource(t, d.Slug(), []byte(draft)))
	kinds := map[string]int{}
	for _, p := range probs {
		if !strings.HasPrefix(p.Path, "sources/"+d.Slug()) {
			t.Errorf("a problem outside the draft: %v", p)
		}
		kinds[p.Kind]++
	}
	// 3 mapped rows × 2 known subjects: 6 claims without a stance, 1 still in the source's words.
	if kinds[problem.Stance] != 6 || kinds[problem.Wording] != 1 || kinds[problem.Empty] != 1 || len(kinds) != 3 {
		t.Errorf("problems by kind = %v, want 6 stance, 1 wording and the empty summary:\n%v", kinds, probs)
	}

	authored := strings.NewReplacer(
		"<!-- In your own words", "A vendor-neutral blog post that compares the two frameworks for a new JSON API, with one table and no measurements. <!--",
		"REWORD: Routing and middleware, with everything else left to the packages you pick from npm yourself", "Routing and middleware; the rest from npm",
	).Replace(draft)
	var b strings.Builder
	for _, line := range strings.Split(authored, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Aspect") && !strings.HasPrefix(line, "| ---") {
			cells := strings.Split(strings.TrimSuffix(line, " |"), " | ")
			for i := 1; i < len(cells); i++ {
				if strings.TrimSpace(cells[i]) != "" {
					cells[i] += " (agrees)"
				}
			}
			line = strings.Join(cells, " | ") + " |"
		}
		b.WriteString(line + "\n")
	}
	site, probs := loadProblems(t, withSource(t, d.Slug(), []byte(b.String())))
	if len(probs) > 0 {
		t.Fatalf("the authored draft still fails check:\n%v\n%s", probs, b.String())
	}
	src, ok := site.Source(d.Slug())
	if !ok || len(src.Claims) != 6 {
		t.Fatalf("source %q loaded: %v, with %d claims, want 6", d.Slug(), ok, len(src.Claims))
	}
	fastify, _ := site.Subject("fastify")
	found := false
	for _, c := range fastify.Values["performance"].Claims {
		found = found || c.Source == src && c.Text == "High, with schema-based serialisation"
	}
	if !found {
		t.Error("the imported performance claim is not on Fastify's performance cell")
	}
}
