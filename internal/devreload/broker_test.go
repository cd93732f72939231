package devreload

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// message is one server-sent event block: its fields by name, comments under ":".
type message map[string]string

// stream opens the event stream and sends each message it reads; the channel is closed when
// the stream ends. cancel makes the client go away.
func stream(t *testing.T, url string) (msgs <-chan message, cancel func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		t.Fatalf("GET %s: %s, Content-Type %q; want 200 text/event-stream", url, resp.Status, ct)
	}
	ch := make(chan message)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		m := message{}
		for sc.Scan() {
			if sc.Text() == "" {
				ch <- m
				m = message{}
				continue
			}
			name, value, _ := strings.Cut(sc.Text(), ":")
			if name == "" {
				name = ":"
			}
			m[name] = strings.TrimPrefix(value, " ")
		}
	}()
	return ch, cancel
}

func next(t *testing.T, msgs <-chan message) message {
	t.Helper()
	select {
	case m, ok := <-msgs:
		if !ok {
			t.Fatal("stream ended; want a message")
		}
		return m
	case <-time.After(timeout):
		t.Fatalf("no message within %v", timeout)
	}
	return nil
}

func ends(t *testing.T, msgs <-chan message) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case _, ok := <-msgs:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatalf("stream still open after %v", timeout)
		}
	}
}

func serveBroker(t *testing.T, b *Broker) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(b)
	t.Cleanup(func() {
		b.Close()
		srv.Close()
	})
	return srv
}

func TestBrokerNotifyReloadsEveryPage(t *testing.T) {
	b := NewBroker()
	srv := serveBroker(t, b)
	first, _ := stream(t, srv.URL)
	second, _ := stream(t, srv.URL)

	var version string
	for _, msgs := range []<-chan message{first, second} {
		m := next(t, msgs)
		if m["event"] != "reload" || m["data"] == "" || m["retry"] == "" {
			t.Fatalf("first message = %v; want a reload event with the version and a retry delay", m)
		}
		version = m["data"]
	}

	b.Notify()
	for _, msgs := range []<-chan message{first, second} {
		m := next(t, msgs)
		if m["event"] != "reload" || m["data"] == version {
			t.Errorf("after Notify: %v; want a reload event with a version other than %q", m, version)
		}
	}
}

func TestBrokerVersionsDifferAcrossServers(t *testing.T) {
	// A restarted server must not greet a page with the version the old one last sent.
	old, restarted := NewBroker(), NewBroker()
	a, _ := stream(t, serveBroker(t, old).URL)
	b, _ := stream(t, serveBroker(t, restarted).URL)
	if va, vb := next(t, a)["data"], next(t, b)["data"]; va == vb {
		t.Errorf("two brokers both start at version %q", va)
	}
}

func TestBrokerKeepsStreamAlive(t *testing.T) {
	b := NewBroker()
	b.keepAlive = 10 * time.Millisecond
	msgs, _ := stream(t, serveBroker(t, b).URL)
	next(t, msgs)
	if m := next(t, msgs); m[":"] == "" || len(m) != 1 {
		t.Errorf("got %v; want a comment", m)
	}
}

func TestBrokerCloseEndsStreams(t *testing.T) {
	b := NewBroker()
	srv := serveBroker(t, b)
	msgs, _ := stream(t, srv.URL)
	next(t, msgs)

	b.Close()
	ends(t, msgs)

	// A page that reconnects while the server shuts down is told to try again, not to give up.
	late, _ := stream(t, srv.URL)
	if m := next(t, late); m["retry"] == "" || m["event"] != "" {
		t.Errorf("stream after Close sent %v; want only a retry delay", m)
	}
	ends(t, late)
	b.Close() // twice is fine
}

func TestBrokerLetsGoOfClientsThatLeave(t *testing.T) {
	b := NewBroker()
	t.Cleanup(b.Close)
	srv := httptest.NewServer(b)
	msgs, leave := stream(t, srv.URL)
	next(t, msgs)

	leave()
	// Close waits for every handler to return: it hangs if the stream outlives its client.
	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(timeout):
		t.Fatal("the stream's handler still runs after its client left")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.clients) != 0 {
		t.Errorf("%d clients still subscribed", len(b.clients))
	}
}

func TestBrokerOutlivesServerTimeouts(t *testing.T) {
	// versus serve sets read and write timeouts meant for pages; a stream must outlast them.
	b := NewBroker()
	srv := httptest.NewUnstartedServer(b)
	srv.Config.ReadTimeout = 100 * time.Millisecond
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(func() {
		b.Close()
		srv.Close()
	})
	msgs, _ := stream(t, srv.URL)
	next(t, msgs)

	time.Sleep(300 * time.Millisecond) // past both timeouts
	b.Notify()
	if m := next(t, msgs); m["event"] != "reload" {
		t.Errorf("after the server's timeouts: %v; want a reload event", m)
	}
}
