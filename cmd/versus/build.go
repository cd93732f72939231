package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

// runBuild exports every page and asset into a folder any static host can serve: each page
// as {path}/index.html, assets at their fingerprinted paths, and 404.html.
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl, cf := newFlagSet("build", stderr)
	out := fl.String("out", "", "folder to write the site into (required)")
	if err := fl.Parse(args); err != nil {
		return errReported
	}
	if *out == "" {
		fmt.Fprint(stderr, "versus build: -out DIR is required\n")
		return errReported
	}
	site, err := cf.load(stderr)
	if err != nil {
		return err
	}
	assets, err := static.Load()
	if err != nil {
		return err
	}
	srv := server.New(site, assets, server.Options{BaseURL: cf.baseURL})
	h := srv.Handler()
	pages := append(server.Pages(site), server.Documents...)
	for _, p := range server.Pages(site) {
		if strings.HasPrefix(p, "/compare/") {
			// The data and share image each comparison page links to.
			pages = append(pages, p+".json", p+".csv", p+".png")
		}
	}
	for _, a := range assets.All() {
		pages = append(pages, a.URL)
	}
	progress := isTerminal(stdout)
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if progress && (i%10 == 0 || i == len(pages)-1) {
			fmt.Fprintf(stdout, "\rbuilding %d/%d", i+1, len(pages))
		}
		body, status := get(h, p)
		if status != http.StatusOK {
			return fmt.Errorf("build %s: status %d", p, status)
		}
		if err := writePage(*out, p, body); err != nil {
			return err
		}
	}
	body, _ := get(h, "/404-not-found")
	if err := os.WriteFile(filepath.Join(*out, "404.html"), body, 0o644); err != nil {
		return err
	}
	if progress {
		fmt.Fprint(stdout, "\r\033[K")
	}
	fmt.Fprintf(stdout, "versus: wrote %d pages and assets to %s\n", len(pages)+1, *out)
	return nil
}

func get(h http.Handler, path string) ([]byte, int) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes(), rec.Code
}

// writePage writes a page body under out: directories get index.html, files keep their name.
func writePage(out, urlPath string, body []byte) error {
	rel := strings.TrimPrefix(urlPath, "/")
	var file string
	if rel == "" || filepath.Ext(rel) == "" {
		file = filepath.Join(out, filepath.FromSlash(rel), "index.html")
	} else {
		file = filepath.Join(out, filepath.FromSlash(rel))
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}

// isTerminal reports whether w is a character device, such as an interactive terminal: progress
// is shown there and nowhere else, so logs and pipes stay clean.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
