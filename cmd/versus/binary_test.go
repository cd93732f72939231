package main

import (
	"bufio"
	"debug/elf"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
	bin := buildBinary(t)
	if f, err := elf.Open(bin); err == nil {
		if f.Section(".interp") != nil {
			t.Error("binary is dynamically linked; want static")
		}
		f.Close()
	}
	addr := freeAddr(t)
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

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary builds the static binary once per test run, as the Dockerfile does.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "versus-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "versus")
		build := exec.Command("go", "build", "-trimpath", "-o", binPath, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestSIGTERMUnderLoad sends SIGTERM while 32 clients keep requesting pages: every request
// that got an answer got a complete 200, and the process exits 0 within 10 s.
func TestSIGTERMUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "-addr", addr, "-log", "off")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitHealthy(t, addr)

	var ok, refused, broken atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	paths := []string{"/compare/django-vs-nodejs", "/articles/event-loop-and-workers", "/compare/django-vs-express-vs-nodejs-vs-rails.json", "/"}
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			client := &http.Client{Timeout: 15 * time.Second}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get("http://" + addr + paths[(i+n)%len(paths)])
				if err != nil {
					refused.Add(1) // after shutdown began: no listener
					time.Sleep(5 * time.Millisecond)
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					broken.Add(1)
					continue
				}
				ok.Add(1)
			}
		}(i)
	}
	time.Sleep(700 * time.Millisecond)
	start := time.Now()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	took := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Errorf("exit after SIGTERM under load: %v", err)
	}
	if took > 10*time.Second {
		t.Errorf("exit took %v", took)
	}
	if broken.Load() != 0 || ok.Load() == 0 {
		t.Errorf("%d complete answers, %d broken or non-200 (want 0), %d refused after shutdown", ok.Load(), broken.Load(), refused.Load())
	}
	t.Logf("%d complete answers before exit in %v; %d attempts refused after the listener closed", ok.Load(), took, refused.Load())
}
