// Package devreload is the machinery behind `versus serve -dev`: a Watcher reloads the site
// after every burst of changes in the content folder, and a Broker tells the open pages to
// reload over server-sent events. It knows nothing about the site; the caller supplies the
// reload.
package devreload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher reloads the site after every burst of changes in a content folder: a save in an
// editor or a `git checkout` costs one reload. It watches folders rather than files, so new,
// deleted and renamed files are seen, and so are editors that save by writing a temporary
// file and renaming it over the old one. Hidden files and folders are ignored, as the content
// loader ignores them.
type Watcher struct {
	fsw      *fsnotify.Watcher
	dir      string
	debounce time.Duration
	reload   func() error
	log      *slog.Logger
}

// NewWatcher starts watching dir and every folder below it; changes made from now on are
// seen, but reload is called only once Run runs. reload is called after the changes have
// been quiet for debounce; its error is logged, and the caller's reload decides what a
// failure shows.
func NewWatcher(dir string, debounce time.Duration, reload func() error, log *slog.Logger) (*Watcher, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if err := watchTree(fsw, dir); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	return &Watcher{fsw: fsw, dir: dir, debounce: debounce, reload: reload, log: log}, nil
}

// Run calls reload after each burst of changes until ctx is done, then stops watching.
func (w *Watcher) Run(ctx context.Context) {
	defer w.fsw.Close()
	quiet := time.NewTimer(w.debounce)
	quiet.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-w.fsw.Events:
			if changesContent(ev) {
				quiet.Reset(w.debounce)
			}
		case err := <-w.fsw.Errors:
			// Events may have been lost (an overflow, most likely): reload to be sure.
			w.log.Warn("watch content", "dir", w.dir, "err", err)
			quiet.Reset(w.debounce)
		case <-quiet.C:
			// Watch the folders that appeared (or moved) during the burst before the reload
			// reads them, so that a change made after it is seen too.
			if err := watchTree(w.fsw, w.dir); err != nil {
				w.log.Warn("watch content", "dir", w.dir, "err", err)
			}
			start := time.Now()
			if err := w.reload(); err != nil {
				w.log.Warn("content reload failed", "dir", w.dir, "err", err)
				continue
			}
			w.log.Info("content reloaded", "dir", w.dir, "took", time.Since(start).Round(time.Millisecond))
		}
	}
}

// watchTree adds a watch on dir and every folder below it that is not hidden. Adding a folder
// already watched changes nothing, so it is called again after every burst of changes.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked; its parent's watch saw it go
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && hidden(path) {
			return filepath.SkipDir
		}
		if err := w.Add(path); err != nil && !(path != dir && errors.Is(err, fs.ErrNotExist)) {
			return err
		}
		return nil
	})
}

// changesContent reports whether an event can change what the loader reads: a change of
// permissions or times alone cannot, and neither can an editor's hidden swap or lock file.
func changesContent(ev fsnotify.Event) bool {
	return ev.Op != fsnotify.Chmod && !hidden(ev.Name)
}

func hidden(path string) bool {
	return strings.HasPrefix(filepath.Base(path), ".")
}
