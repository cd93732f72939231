package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/internal/testsite"
	"github.com/versus-dev/versus/static"
)

func runArgs(t *testing.T, ctx context.Context, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(ctx, append([]string{"versus"}, args...), func(string) string { return "" }, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestCheckShippedContent(t *testing.T) {
	out, errOut, err := runArgs(t, context.Background(), "check")
	if err != nil {
		t.Fatalf("check failed: %v\n%s", err, errOut)
	}
	if !strings.HasPrefix(out, "content ok: ") {
		t.Errorf("stdout = %q", out)
	}
}

func TestCheckBrokenContentReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	fsys := testsite.FS()
	fsys["articles/one.md"] = testsite.Article("---\ntitle: One\ntitel: x\n---\n")
	fsys["articles/two.md"] = testsite.Article("---\ntitle: Two\ndate: yesterday\n---\n")
	testsite.Write(t, dir, fsys)
	_, errOut, err := runArgs(t, context.Background(), "check", "-content", dir)
	if err == nil {
		t.Fatal("check passed on broken content")
	}
	for _, want := range []string{dir + "/articles/one.md:3: unknown key \"titel\"", dir + "/articles/two.md:3: invalid date"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestBuildWritesCompleteSite(t *testing.T) {
	e := exportSite(t)
	out, stdout := e.dir, e.stdout
	site, err := content.LoadSite(sitecontent.FS, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pairs := len(site.Pairs())
	exported := len(site.Exported()) // the pairs and the featured three- and four-way comparisons
	for _, f := range []string{"index.html", "404.html", "compare/django-vs-nodejs/index.html", "articles/batteries-included/index.html",
		"sources/stack-matchup/index.html", "subjects/phoenix/index.html", "tags/apis/index.html", "compare/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	css, _ := filepath.Glob(filepath.Join(out, "static", "site.*.css"))
	if len(css) != 1 {
		t.Errorf("fingerprinted CSS files: %v", css)
	}
	if got, _ := filepath.Glob(filepath.Join(out, "compare", "*-vs-*", "index.html")); len(got) != exported || pairs < 190 || exported == pairs {
		t.Errorf("%d comparison pages, want %d (every pair of %d subjects and the featured larger ones)", len(got), exported, len(site.Subjects))
	}
	for _, ext := range []string{".json", ".csv", ".png"} {
		if files, _ := filepath.Glob(filepath.Join(out, "compare", "*-vs-*"+ext)); len(files) != exported {
			t.Errorf("%d comparison %s files, want %d", len(files), ext, exported)
		}
	}
	for _, doc := range []string{"feed.xml", "sitemap.xml", "robots.txt"} {
		exported, err := os.ReadFile(filepath.Join(out, doc))
		if err != nil {
			t.Fatal(err)
		}
		served := serveOnce(t, "/"+doc) // the export's base URL
		if !bytes.Equal(exported, served) {
			t.Errorf("exported %s differs from the one the server serves", doc)
		}
	}
	if !strings.Contains(stdout, "wrote") || strings.Contains(stdout, "building") {
		t.Errorf("stdout = %q; want a summary and no progress when not a terminal", stdout)
	}
}

func TestServeAndGracefulShutdown(t *testing.T) {
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := runArgs(t, ctx, "serve", "-addr", addr, "-log", "off")
		done <- err
	}()
	waitHealthy(t, addr)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
}

func TestUnknownCommand(t *testing.T) {
	_, errOut, err := runArgs(t, context.Background(), "frobnicate")
	if err == nil || !strings.Contains(errOut, "unknown command") {
		t.Errorf("err=%v stderr=%q", err, errOut)
	}
}

func TestHTTPServerLimits(t *testing.T) {
	hs := newHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler))
	if hs.ReadHeaderTimeout <= 0 || hs.ReadHeaderTimeout > 30*time.Second || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("timeouts not all set: %+v", hs)
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", hs.MaxHeaderBytes)
	}
}

func TestBadLogFlag(t *testing.T) {
	_, errOut, err := runArgs(t, context.Background(), "serve", "-log", "xml")
	if err == nil || !strings.Contains(errOut, "-log must be off, text or json") {
		t.Errorf("err=%v stderr=%q", err, errOut)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	fsys := testsite.FS()
	fsys["articles/x.md"] = testsite.Article("---\ntitle: X\ntagz: [a]\n---\n")
	testsite.Write(t, dir, fsys)
	out, _, err := runArgs(t, context.Background(), "check", "-content", dir, "-format", "json")
	if err == nil {
		t.Fatal("check -format json passed broken content")
	}
	var probs []struct {
		Path    string `json:"path"`
		Line    int    `json:"line"`
		Message string `json:"message"`
		Kind    string `json:"kind"`
	}
	if err := json.Unmarshal([]byte(out), &probs); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(probs) != 1 || probs[0].Line != 3 || probs[0].Kind != "unknown-key" || probs[0].Path != filepath.Join(dir, "articles", "x.md") {
		t.Errorf("problems = %+v", probs)
	}
	out, _, err = runArgs(t, context.Background(), "check", "-format", "json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("shipped content: err=%v out=%q", err, out)
	}
}

// serveOnce returns what the server answers for a path, with the same base URL as the build.
func serveOnce(t *testing.T, path string) []byte {
	t.Helper()
	cf := contentFlags{baseURL: "https://versus.example"}
	site, err := cf.load(io.Discard, false)
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatal(err)
	}
	body, status := get(server.New(site, assets, server.Options{BaseURL: cf.baseURL}).Handler(), path)
	if status != http.StatusOK {
		t.Fatalf("%s = %d", path, status)
	}
	return body
}
