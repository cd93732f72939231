package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
)

// exportOrigin is the -base-url of the test export: absolute links to it are internal.
const exportOrigin = "https://versus.example"

// The export of the embedded content is built once per test binary, by the first test that
// asks for it through exportSite, and shared by every test that reads it; none writes to it.
// TestMain removes it.
var (
	exportOnce sync.Once
	shared     shippedExport
	exportErr  error
)

type shippedExport struct {
	dir    string // the exported site
	stdout string // what build printed
}

// exportSite returns the shared export, building it on first use.
func exportSite(t *testing.T) shippedExport {
	t.Helper()
	exportOnce.Do(func() {
		shared.dir, exportErr = os.MkdirTemp("", "versus-export-")
		if exportErr != nil {
			return
		}
		var stdout, stderr bytes.Buffer
		args := []string{"versus", "build", "-out", shared.dir, "-base-url", exportOrigin}
		if err := run(context.Background(), args, os.Getenv, &stdout, &stderr); err != nil {
			exportErr = fmt.Errorf("build: %w\n%s", err, stderr.String())
		}
		shared.stdout = stdout.String()
	})
	if exportErr != nil {
		t.Fatal(exportErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}
