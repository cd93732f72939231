package static

import (
	"strings"
	"testing"
)

func TestAssetsFingerprinted(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.css", "chroma.css", "favicon.svg", "devreload.js"} {
		u := a.URL(name)
		if !strings.HasPrefix(u, "/static/") || strings.Count(u, ".") != 2 {
			t.Errorf("%s → %s", name, u)
		}
		if asset, ok := a.ByURL(u); !ok || len(asset.Body) == 0 || asset.ContentType == "" {
			t.Errorf("%s not served at its URL", name)
		}
	}
	site, _ := a.ByURL(a.URL("site.css"))
	if strings.Contains(string(site.Body), "/*") || strings.Contains(string(site.Body), "\n") {
		t.Error("site.css is not minified")
	}
}
