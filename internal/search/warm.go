package search

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Warm holds an index that is built in the background, so a server answers requests, its
// health check first, while the index is still being built. The zero value is ready to use.
type Warm struct {
	once  sync.Once
	ready chan struct{}
	state atomic.Pointer[built]
}

type built struct {
	ix  *Index
	err error
}

// Start runs build in a new goroutine the first time it is called; later calls only return the
// same channel, which is closed once the build has finished. A panic in build becomes its
// error: search is one feature, not the whole site.
func (w *Warm) Start(build func() (*Index, error)) (ready <-chan struct{}) {
	w.once.Do(func() {
		w.ready = make(chan struct{})
		go func() {
			b := &built{}
			defer func() {
				if r := recover(); r != nil {
					b = &built{err: fmt.Errorf("search: build panicked: %v", r)}
				}
				w.state.Store(b)
				close(w.ready)
			}()
			b.ix, b.err = build()
		}()
	})
	return w.ready
}

// Index returns the built index; nil and no error while it is still being built, or nil and
// the error when building failed.
func (w *Warm) Index() (*Index, error) {
	b := w.state.Load()
	if b == nil {
		return nil, nil
	}
	return b.ix, b.err
}
