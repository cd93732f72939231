package devreload

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const (
	testDebounce = 50 * time.Millisecond
	// timeout bounds every wait for a reload; inotify takes milliseconds, this is for a
	// loaded machine under -race.
	timeout = 2 * time.Second
)

// snapshot is what a reload saw: every file below the content folder by slash path.
type snapshot map[string]string

// watch runs a Watcher on dir whose reload reads the folder, as the real reload does, and
// sends what it saw. The Watcher stops when the test ends.
func watch(t *testing.T, dir string, fail func() error) <-chan snapshot {
	t.Helper()
	seen := make(chan snapshot, 100)
	reload := func() error {
		seen <- readTree(t, dir)
		if fail != nil {
			return fail()
		}
		return nil
	}
	w, err := NewWatcher(dir, testDebounce, reload, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return seen
}

func readTree(t *testing.T, dir string) snapshot {
	t.Helper()
	s := snapshot{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while we read
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		s[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Error(err)
	}
	return s
}

// waitFor waits for a reload that sees what ok wants, and returns how many reloads it took.
func waitFor(t *testing.T, seen <-chan snapshot, what string, ok func(snapshot) bool) int {
	t.Helper()
	deadline := time.After(timeout)
	for n := 1; ; n++ {
		select {
		case s := <-seen:
			if ok(s) {
				return n
			}
		case <-deadline:
			t.Fatalf("no reload saw %s within %v", what, timeout)
		}
	}
}

// expectQuiet fails if a reload happens within a few debounce periods.
func expectQuiet(t *testing.T, seen <-chan snapshot, why string) {
	t.Helper()
	select {
	case s := <-seen:
		t.Fatalf("reload after %s (saw %v)", why, s)
	case <-time.After(5 * testDebounce):
	}
}

func has(name, content string) func(snapshot) bool {
	return func(s snapshot) bool {
		c, ok := s[name]
		return ok && c == content
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatchReloadsAfterEdit(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "articles", "a.md"), "v1")
	seen := watch(t, dir, nil)

	write(t, filepath.Join(dir, "articles", "a.md"), "v2")
	waitFor(t, seen, "the edit", has("articles/a.md", "v2"))
}

func TestWatchDebouncesBurst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	write(t, path, "0")
	seen := watch(t, dir, nil)

	for i := 1; i <= 10; i++ {
		write(t, path, strconv.Itoa(i))
	}
	n := waitFor(t, seen, "the last write", has("a.md", "10"))
	for quiet := false; !quiet; {
		select {
		case <-seen:
			n++
		case <-time.After(5 * testDebounce):
			quiet = true
		}
	}
	if n > 2 {
		t.Errorf("10 quick writes caused %d reloads, want 1 or 2", n)
	}
}

func TestWatchSeesNewFolders(t *testing.T) {
	dir := t.TempDir()
	seen := watch(t, dir, nil)

	nested := filepath.Join(dir, "articles", "drafts", "b.md") // mkdir -p: two new levels
	write(t, nested, "v1")
	waitFor(t, seen, "a file in a new folder", has("articles/drafts/b.md", "v1"))

	// The new folders are watched now: a later edit inside them is seen on its own.
	write(t, nested, "v2")
	waitFor(t, seen, "an edit in a new folder", has("articles/drafts/b.md", "v2"))
}

func TestWatchSeesDeletesAndRenames(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   func(snapshot) bool
	}{
		{
			name: "delete",
			change: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, "sub", "a.md")); err != nil {
					t.Fatal(err)
				}
			},
			want: func(s snapshot) bool { _, ok := s["sub/a.md"]; return !ok },
		},
		{
			name: "rename",
			change: func(t *testing.T, dir string) {
				if err := os.Rename(filepath.Join(dir, "sub", "a.md"), filepath.Join(dir, "sub", "b.md")); err != nil {
					t.Fatal(err)
				}
			},
			want: func(s snapshot) bool { _, ok := s["sub/a.md"]; return !ok && s["sub/b.md"] == "v1" },
		},
		{
			// How many editors save: write a hidden temporary file, rename it over the old one.
			name: "atomic replace",
			change: func(t *testing.T, dir string) {
				tmp := filepath.Join(dir, "sub", ".a.md.tmp")
				write(t, tmp, "v2")
				if err := os.Rename(tmp, filepath.Join(dir, "sub", "a.md")); err != nil {
					t.Fatal(err)
				}
			},
			want: has("sub/a.md", "v2"),
		},
		{
			name: "delete folder",
			change: func(t *testing.T, dir string) {
				if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
					t.Fatal(err)
				}
			},
			want: func(s snapshot) bool { return len(s) == 0 },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "sub", "a.md"), "v1")
			seen := watch(t, dir, nil)
			tt.change(t, dir)
			waitFor(t, seen, "the change", tt.want)
		})
	}
}

func TestWatchFollowsRenamedFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "old", "a.md"), "v1")
	seen := watch(t, dir, nil)

	if err := os.Rename(filepath.Join(dir, "old"), filepath.Join(dir, "new")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, seen, "the renamed folder", has("new/a.md", "v1"))
	write(t, filepath.Join(dir, "new", "a.md"), "v2")
	waitFor(t, seen, "an edit in the renamed folder", has("new/a.md", "v2"))
}

func TestWatchIgnoresHiddenFilesAndChmod(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	write(t, path, "v1")
	seen := watch(t, dir, nil)

	write(t, filepath.Join(dir, ".a.md.swp"), "editor state")
	write(t, filepath.Join(dir, ".git", "index"), "git state")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	expectQuiet(t, seen, "changes the loader never reads")

	write(t, path, "v2")
	waitFor(t, seen, "the edit", has("a.md", "v2"))
}

func TestWatchGoesOnAfterFailedReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	write(t, path, "v1")
	failures := 1
	seen := watch(t, dir, func() error {
		if failures > 0 {
			failures--
			return errors.New("a.md:1: broken")
		}
		return nil
	})

	write(t, path, "broken")
	waitFor(t, seen, "the broken edit", has("a.md", "broken"))
	write(t, path, "fixed")
	waitFor(t, seen, "the fix", has("a.md", "fixed"))
}

func TestWatchStopsWhenContextIsDone(t *testing.T) {
	w, err := NewWatcher(t.TempDir(), testDebounce, func() error { return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(timeout):
		t.Fatal("Run did not return after the context was cancelled")
	}
}

func TestNewWatcherMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	if _, err := NewWatcher(dir, testDebounce, func() error { return nil }, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("NewWatcher(%s) = %v, want a not-exist error", dir, err)
	}
}
