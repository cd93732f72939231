package main

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
)

// copyContent writes the embedded content into dir, as an author's checkout would have it.
func copyContent(t *testing.T, dir string) {
	t.Helper()
	err := fs.WalkDir(sitecontent.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := fs.ReadFile(sitecontent.FS, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// eventually polls a URL until its body satisfies ok or the deadline passes.
func eventually(t *testing.T, url string, what string, ok func(status int, body string) bool) {
	t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	var status int
	var body string
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			status, body = resp.StatusCode, string(b)
			if ok(status, body) {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: %s never happened (last status %d, body %.200q)", url, what, status, body)
}

// TestServeDevReloads edits, breaks, fixes, adds and removes content under a running
// `serve -dev` and watches the site follow without ever going down.
func TestServeDevReloads(t *testing.T) {
	dir := t.TempDir()
	copyContent(t, dir)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := runArgs(t, ctx, "serve", "-addr", addr, "-content", dir, "-dev", "-log", "off")
		done <- err
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("dev server did not stop")
		}
	}()
	base := "http://" + addr
	probe := filepath.Join(dir, "articles", "dev-probe.md")
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(probe, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const good = "---\ntitle: Probe\ndate: 2026-01-02\n---\nFirst version.\n"
	eventually(t, base+"/", "first load", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, "/static/devreload.")
	})

	// A new file appears, then an edit shows.
	write(good)
	eventually(t, base+"/articles/dev-probe", "new article", func(s int, b string) bool { return s == 200 && strings.Contains(b, "First version.") })
	write(strings.Replace(good, "First", "Second", 1))
	eventually(t, base+"/articles/dev-probe", "edit", func(s int, b string) bool { return s == 200 && strings.Contains(b, "Second version.") })

	// Break: the last good page keeps serving, with a banner naming the file and line.
	write(strings.Replace(good, "2026-01-02", "not-a-date", 1))
	eventually(t, base+"/articles/dev-probe", "banner with the problem", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, "Second version.") && strings.Contains(b, "articles/dev-probe.md:3: invalid date")
	})
	eventually(t, base+"/compare/django-vs-nodejs", "banner on every page", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, `id="dev-problems"`)
	})

	// Fix: new content, no banner.
	write(strings.Replace(good, "First", "Third", 1))
	eventually(t, base+"/articles/dev-probe", "fixed", func(s int, b string) bool {
		return s == 200 && strings.Contains(b, "Third version.") && !strings.Contains(b, `id="dev-problems"`)
	})

	// Add a file, then remove it.
	added := filepath.Join(dir, "articles", "brand-new.md")
	if err := os.WriteFile(added, []byte("---\ntitle: Brand new\ndate: 2026-01-01\n---\nHello.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, base+"/articles/brand-new", "added article", func(s int, b string) bool { return s == 200 && strings.Contains(b, "Brand new") })
	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	eventually(t, base+"/articles/brand-new", "removed article", func(s int, _ string) bool { return s == 404 })
}
