// Command weight prints what the default view of every two-subject comparison weighs as a
// browser gets it, HTML plus every stylesheet and script it loads, compressed as served (brotli
// and gzip): the Django vs Node.js figure and the largest. It exits 1 when the largest brotli
// figure is over -budget (14,336 bytes, one round trip). It renders with the real handler, in
// process:
//
//	go run ./bench/weight [-content DIR] [-budget 14336]
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

func main() {
	dir := flag.String("content", "", "content folder (default: the embedded content)")
	budget := flag.Int("budget", 14336, "bytes the largest default view may weigh, brotli-compressed")
	flag.Parse()
	var fsys fs.FS = sitecontent.FS
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "weight:", err)
		os.Exit(1)
	}
	assets, err := static.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "weight:", err)
		os.Exit(1)
	}
	h := server.New(site, assets, server.Options{BaseURL: "https://versus.example"}).Handler()
	type weight struct {
		path          string
		raw, br, gz   int
		htmlBr, cssBr int
	}
	measure := func(path string) weight {
		w := weight{path: path}
		page := get(h, path, "")
		w.raw = len(page)
		w.htmlBr, w.gz = len(get(h, path, "br")), len(get(h, path, "gzip"))
		for _, m := range assetRE.FindAllSubmatch(page, -1) {
			w.cssBr += len(get(h, string(m[1]), "br"))
			w.gz += len(get(h, string(m[1]), "gzip"))
		}
		w.br = w.htmlBr + w.cssBr
		return w
	}
	var largest weight
	pairs := site.Pairs()
	for _, c := range pairs {
		if w := measure(c.Path()); w.br > largest.br {
			largest = w
		}
	}
	dvn := measure("/compare/django-vs-nodejs")
	fmt.Printf("%-40s %9s %9s %9s %9s\n", "default view (HTML + CSS/JS)", "raw HTML", "brotli", "(HTML)", "gzip")
	for _, w := range []weight{dvn, largest} {
		fmt.Printf("%-40s %9d %9d %9d %9d\n", w.path, w.raw, w.br, w.htmlBr, w.gz)
	}
	fmt.Printf("largest of %d two-subject comparisons: %s, %d bytes brotli (budget %d)\n", len(pairs), largest.path, largest.br, *budget)
	if largest.br > *budget {
		os.Exit(1)
	}
}

// assetRE finds the stylesheets and scripts a page loads.
var assetRE = regexp.MustCompile(`(?:href|src)="(/static/[^"]+\.(?:css|js))"`)

func get(h http.Handler, path, encoding string) []byte {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}
