package main

// Checks over the static export, the files a static host serves: every page is valid HTML
// by the Nu HTML Checker, and every internal link leads to an exported file and, with a
// #fragment, to an element of it. The checker is vnu.jar from tools/node_modules (`npm ci` in
// tools/) and needs Java; without either the test skips, unless VERSUS_REQUIRE_TOOLS=1 (as in
// CI) makes that a failure. docs/QUALITY.md lists every check.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/linkcheck"
)

// vnuJar is the Nu HTML Checker, installed by `npm ci` in tools/.
var vnuJar = filepath.Join("..", "..", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// TestExportLinksResolve checks every internal href and src of every exported page: the file
// it names must be in the export, and its #fragment an id in that file.
func TestExportLinksResolve(t *testing.T) {
	dir := exportSite(t).dir
	broken, err := linkcheck.Check(os.DirFS(dir), linkcheck.Options{Origins: []string{exportOrigin}, Answered: []string{content.ChoosePath}})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
}

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Column  int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// requireTool reports that a checker cannot run: a skip, or a failure under
// VERSUS_REQUIRE_TOOLS=1.
func requireTool(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("VERSUS_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg + "; VERSUS_REQUIRE_TOOLS=1")
	}
	t.Skip(msg)
}

// TestExportValidHTML runs the Nu HTML Checker, the W3C's validator, over every exported page
// and fails on each error it reports.
func TestExportValidHTML(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		requireTool(t, "java not found; the HTML check needs it (apt-get install default-jre-headless)")
	}
	if _, err := os.Stat(vnuJar); err != nil {
		requireTool(t, fmt.Sprintf("vnu.jar not installed (%v); run (cd tools && npm ci --ignore-scripts)", err))
	}
	dir := exportSite(t).dir

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-jar", vnuJar, "--errors-only", "--skip-non-html", "--format", "json", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) { // it exits 1 when it finds errors
		t.Fatalf("run vnu.jar: %v\n%s", runErr, stderr.Bytes())
	}
	var report struct{ Messages []vnuMessage }
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu.jar output is not its JSON report (%v):\n%s\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	for _, m := range report.Messages {
		// The pages are written on few lines, so the extract, not the line, shows the place.
		t.Errorf("%s:%d:%d: %s\n\t%s", exportedFile(dir, m.URL), m.Line, m.Column, m.Message, strings.ReplaceAll(m.Extract, "\n", "↵"))
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Errorf("vnu.jar failed (%v) without reporting an error:\n%s", runErr, stderr.Bytes())
	}
}

// exportedFile turns the checker's file: URL into a path relative to the export.
func exportedFile(dir, fileURL string) string {
	u, err := url.Parse(fileURL)
	if err != nil || u.Scheme != "file" {
		return fileURL
	}
	if rel, err := filepath.Rel(dir, filepath.FromSlash(u.Path)); err == nil {
		return rel
	}
	return u.Path
}
