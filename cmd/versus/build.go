package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/export"
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
	site, err := cf.load(stderr, true)
	if err != nil {
		return err
	}
	assets, err := static.Load()
	if err != nil {
		return err
	}
	h := server.New(site, assets, server.Options{BaseURL: cf.baseURL, NoCache: true}).Handler()
	pages := append(site.Pages(), content.Documents...)
	pages = append(pages, content.ChoosePath+string(content.JSON)) // the default answer as data
	for _, c := range site.Exported() {
		for _, v := range site.Views(c)[1:] { // the default view is one of site.Pages
			pages = append(pages, c.ViewPath(v))
		}
		for _, f := range content.Formats { // the data and share image each comparison page links to
			pages = append(pages, c.FormatPath(f, content.View{}))
		}
		pages = append(pages, c.ChangesFeedPath())
	}
	for _, sub := range site.Subjects {
		pages = append(pages, sub.ChangesFeedPath())
	}
	for _, a := range assets.All() {
		pages = append(pages, a.URL)
	}
	if err := exportPages(ctx, h, *out, pages, isTerminal(stdout), stdout); err != nil {
		return err
	}
	body, _ := get(h, "/404-not-found")
	if err := os.WriteFile(filepath.Join(*out, "404.html"), body, 0o644); err != nil {
		return err
	}
	if isTerminal(stdout) {
		fmt.Fprint(stdout, "\r\033[K")
	}
	fmt.Fprintf(stdout, "versus: wrote %d pages and assets to %s\n", len(pages)+1, *out)
	return nil
}

// exportPages renders and writes pages with one worker per CPU, showing progress on a terminal.
func exportPages(ctx context.Context, h http.Handler, out string, pages []string, progress bool, stdout io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var done atomic.Int64
	var wg sync.WaitGroup
	dirs := &dirSet{done: map[string]bool{}}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				body, status := get(h, p)
				if status != http.StatusOK {
					errs <- fmt.Errorf("build %s: status %d", p, status)
					cancel()
					return
				}
				if err := writePage(dirs, out, p, body); err != nil {
					errs <- err
					cancel()
					return
				}
				if n := done.Add(1); progress && (n%10 == 0 || int(n) == len(pages)) {
					fmt.Fprintf(stdout, "\rbuilding %d/%d", n, len(pages))
				}
			}
		}()
	}
feed:
	for _, p := range pages {
		select {
		case work <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}

func get(h http.Handler, path string) ([]byte, int) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes(), rec.Code
}

// writePage writes the body of a URL (a path and maybe a query) into the export's file for it.
func writePage(dirs *dirSet, out, target string, body []byte) error {
	urlPath, query, _ := strings.Cut(target, "?")
	file := filepath.Join(out, filepath.FromSlash(export.File(urlPath, query)))
	if err := dirs.make(filepath.Dir(file)); err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}

// dirSet remembers the folders a build has created, so that each of the export's thousands
// of files costs one open and write rather than a walk up its path first.
type dirSet struct {
	mu   sync.Mutex
	done map[string]bool
}

func (d *dirSet) make(dir string) error {
	d.mu.Lock()
	ok := d.done[dir]
	d.mu.Unlock()
	if ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.mu.Lock()
	d.done[dir] = true
	d.mu.Unlock()
	return nil
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
