package main

import (
	"bufio"
	"debug/elf"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStaticBinaryServesFromEmptyDirectory builds the binary as the Dockerfile does
// (CGO_ENABLED=0), runs it in an empty directory with an empty environment, and checks that it
// serves the whole site and stops cleanly on SIGTERM: content and assets are embedded.
func TestStaticBinaryServesFromEmptyDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "versus")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if f, err := elf.Open(bin); err == nil {
		if f.Section(".interp") != nil {
			t.Error("binary is dynamically linked; want static")
		}
		f.Close()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	empty := t.TempDir()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-log", "off")
	cmd.Dir = empty
	cmd.Env = []string{}
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || !strings.Contains(lines.Text(), "serving on") {
		t.Fatalf("no start-up line: %q", lines.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	for _, p := range []string{"/healthz", "/", "/compare/django-vs-nodejs", "/articles/batteries-included", "/compare/django-vs-nodejs.png"} {
		resp, err := http.Get("http://" + addr + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(body) < 2 {
			t.Errorf("%s = %d (%d bytes)", p, resp.StatusCode, len(body))
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("the server wrote files into its directory: %v", entries)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10 s of SIGTERM")
	}
}
