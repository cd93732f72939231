package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sitecontent "github.com/versus-dev/versus/content"
)

const importDoc = `Express vs Fastify: a field report
By Ada Example

Aspect | Express | Fastify
Language | JavaScript | JavaScript or TypeScript
Mascot | None | A cheetah
Built-in features | Routing and middleware, with everything else left to the packages you pick from npm | Plugins
`

// TestImportCommand runs versus import as an author would: it writes a draft, reports what to
// look at as path:line: kind: message, refuses to overwrite a draft without -force, and the
// draft fails check until it is written up.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "field-report.txt")
	if err := os.WriteFile(doc, []byte(importDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "drafts")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runArgs(t, context.Background(), "import", "-out", out, "-url", "https://example.org/field-report", doc)
	if err != nil {
		t.Fatalf("import failed: %v\n%s", err, stderr)
	}
	draft := filepath.Join(out, "express-fastify-a-field-report.md")
	for _, want := range []string{
		doc + ": read as text; draft written to " + draft,
		doc + ":4: table: rows separated by | of 3 rows comparing Express, Fastify; 2 mapped to aspects",
		doc + `:6: unmapped-row: row "Mascot" matches no aspect`,
		doc + ":7: long-cell:",
		"1 draft(s), 3 table row(s), 2 mapped to aspects.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `url: "https://example.org/field-report"`) || !strings.Contains(string(data), `author: "Ada Example"`) {
		t.Errorf("draft front matter:\n%s", data)
	}

	// Again: the draft is there, so nothing is overwritten without -force.
	before := string(data)
	_, stderr, err = runArgs(t, context.Background(), "import", "-out", out, doc)
	if err == nil || !strings.Contains(stderr, "already exists: import with -force") {
		t.Errorf("second import: err %v, stderr %q", err, stderr)
	}
	if after, _ := os.ReadFile(draft); string(after) != before {
		t.Error("the draft was overwritten without -force")
	}
	if _, _, err := runArgs(t, context.Background(), "import", "-out", out, "-force", doc); err != nil {
		t.Errorf("import -force: %v", err)
	}

	// The draft in a copy of the content fails check, with every problem at its line.
	content := filepath.Join(dir, "content")
	copyFS(t, sitecontent.FS, content)
	if err := os.WriteFile(filepath.Join(content, "sources", filepath.Base(draft)), data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err = runArgs(t, context.Background(), "check", "-content", content)
	if err == nil {
		t.Fatal("check passed a draft that has no summary, no publisher and no stances")
	}
	path := filepath.Join(content, "sources", filepath.Base(draft))
	for _, want := range []string{path + ":4: missing required key \"publisher\"", path + ":11: the summary has 0 words",
		"is still in the source's words", "needs a stance"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestImportJSONAndErrors(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(doc, []byte(importDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runArgs(t, context.Background(), "import", "-out", dir, "-format", "json", doc, filepath.Join(dir, "missing.txt"))
	if err == nil {
		t.Error("import of a missing file succeeded")
	}
	var reports []importReport
	if jerr := json.Unmarshal([]byte(stdout), &reports); jerr != nil {
		t.Fatalf("-format json printed %q (stderr %q): %v", stdout, stderr, jerr)
	}
	if len(reports) != 2 || reports[0].Error != "" || reports[1].Error == "" || !strings.Contains(reports[1].Error, "no such file") {
		t.Fatalf("reports = %+v", reports)
	}
	r := reports[0]
	if r.Format != "text" || len(r.Tables) != 1 || r.Tables[0].Line != 4 || len(r.Tables[0].Rows) != 3 ||
		r.Tables[0].Rows[0].Aspect != "language" || r.Tables[0].Rows[1].Aspect != "" || strings.Join(r.Tables[0].Subjects, ",") != "express,fastify" {
		t.Errorf("report = %+v", r)
	}
	for _, args := range [][]string{{"import"}, {"import", "-format", "xml", doc}, {"import", "-out", filepath.Join(dir, "nowhere"), doc},
		{"import", "-url", "https://example.org", doc, doc}} {
		if _, stderr, err := runArgs(t, context.Background(), args...); err == nil || stderr == "" {
			t.Errorf("%v: err %v, stderr %q; want a clear error", args, err, stderr)
		}
	}
}

// copyFS writes every file of fsys under dir.
func copyFS(t *testing.T, fsys fs.FS, dir string) {
	t.Helper()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
