// Package static holds the site's stylesheets and icons, embedded into the binary and served
// from fingerprinted URLs (/static/{name}.{hash}.{ext}) so browsers may cache them forever.
package static

//go:generate go run ../internal/chromacss -out chroma.css

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"

	"github.com/versus-dev/versus/internal/minify"
)

//go:embed *.css *.svg *.js
var files embed.FS

// Asset is one static file with its fingerprinted URL.
type Asset struct {
	Name        string // e.g. "site.css"
	URL         string // e.g. "/static/site.1a2b3c4d5e.css"
	ContentType string
	Body        []byte
}

// Assets is the set of static files, indexed by name and by fingerprinted URL.
type Assets struct {
	byName map[string]*Asset
	byURL  map[string]*Asset
}

// Load reads every embedded asset and computes its fingerprint.
func Load() (*Assets, error) {
	a := &Assets{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		body, err := fs.ReadFile(files, e.Name())
		if err != nil {
			return nil, err
		}
		ext := path.Ext(e.Name())
		if ext == ".css" {
			body = minify.CSS(body)
		}
		sum := sha256.Sum256(body)
		asset := &Asset{
			Name:        e.Name(),
			URL:         "/static/" + strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext,
			ContentType: contentTypes[ext],
			Body:        body,
		}
		a.byName[asset.Name] = asset
		a.byURL[asset.URL] = asset
	}
	return a, nil
}

var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
	".js":  "text/javascript; charset=utf-8",
}

// URL returns the fingerprinted URL of a named asset; it panics on a name that is not
// embedded, which is a programming error caught by every test that renders a page.
func (a *Assets) URL(name string) string {
	asset, ok := a.byName[name]
	if !ok {
		panic("static: no asset named " + name)
	}
	return asset.URL
}

// ByURL returns the asset served at a fingerprinted URL.
func (a *Assets) ByURL(u string) (*Asset, bool) {
	asset, ok := a.byURL[u]
	return asset, ok
}

// All returns every asset.
func (a *Assets) All() []*Asset {
	out := make([]*Asset, 0, len(a.byName))
	for _, x := range a.byName {
		out = append(out, x)
	}
	return out
}
