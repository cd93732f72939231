package devreload

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Broker streams server-sent events to the pages of a -dev server (static/devreload.js
// listens). Every stream opens with a `reload` event carrying the site's version, and each
// Notify sends the next version: a page reloads when it sees a version other than the first
// it saw, which covers a rebuild, a rebuild while the tab was hidden, and a restarted server.
//
// Streams end when the client goes away or the Broker is closed; register Close with
// http.Server.RegisterOnShutdown, or Shutdown waits on the open streams until it times out.
type Broker struct {
	keepAlive time.Duration // a comment this often keeps proxies and browsers from giving up
	epoch     string        // tells this process's versions from a previous one's
	done      chan struct{}

	mu      sync.Mutex
	n       int // rebuilds notified so far
	closed  bool
	clients map[chan struct{}]struct{}
}

// NewBroker returns a Broker with no streams open.
func NewBroker() *Broker {
	return &Broker{
		keepAlive: 15 * time.Second,
		epoch:     strconv.FormatInt(time.Now().UnixNano(), 36),
		done:      make(chan struct{}),
		clients:   map[chan struct{}]struct{}{},
	}
}

// Notify tells every open page that the site was rebuilt.
func (b *Broker) Notify() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	for c := range b.clients {
		select {
		case c <- struct{}{}:
		default: // already woken; it will send the newest version
		}
	}
}

// Close ends every stream and refuses new ones. It is safe to call more than once.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

// ServeHTTP streams events until the client goes away or the Broker is closed.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The stream is meant to outlive the server's write timeout; without one (a test
	// recorder) there is nothing to lift.
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	send := func(msg string) bool {
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}

	// A restarted server is back within a second or two: ask for a quick reconnection. While
	// the server shuts down, that is all a stream says (an error status would make the
	// browser give up for good instead of finding the next server).
	wake, ok := b.subscribe()
	if !ok {
		send("retry: 1000\n\n")
		return
	}
	defer b.unsubscribe(wake)
	if !send("retry: 1000\n" + b.event()) {
		return
	}
	tick := time.NewTicker(b.keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		case <-wake:
			if !send(b.event()) {
				return
			}
		case <-tick.C:
			if !send(": keep-alive\n\n") {
				return
			}
		}
	}
}

// event is the `reload` event carrying the current version.
func (b *Broker) event() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fmt.Sprintf("event: reload\ndata: %s.%d\n\n", b.epoch, b.n)
}

func (b *Broker) subscribe() (chan struct{}, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	c := make(chan struct{}, 1)
	b.clients[c] = struct{}{}
	return c, true
}

func (b *Broker) unsubscribe(c chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, c)
}
