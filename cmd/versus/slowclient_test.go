package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestSlowClientsAreCutOff opens connections that send half a request and stop, then checks
// that other clients are served meanwhile and that the server closes the stalled connections
// within its read-header timeout (10 s; the requirement is 30 s).
func TestSlowClientsAreCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the read-header timeout; skipped with -short")
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _, _, _ = runArgs(t, ctx, "serve", "-addr", addr, "-log", "off") }()
	waitHealthy(t, addr)

	var stalled []net.Conn
	for i := 0; i < 20; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")); err != nil {
			t.Fatal(err)
		}
		stalled = append(stalled, c)
	}
	resp, err := http.Get("http://" + addr + "/compare/django-vs-nodejs")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("a normal client was not served while 20 connections stalled: %v", err)
	}
	resp.Body.Close()

	start := time.Now()
	for _, c := range stalled {
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, err := io.ReadAll(c) // returns when the server closes the connection
		if err != nil {
			t.Fatalf("stalled connection not closed by the server: %v", err)
		}
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("stalled connections closed after %v", took)
	}
}

func waitHealthy(t *testing.T, addr string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("server never became healthy")
}
