// Command startup measures how long a server takes from exec until a URL answers 200: it starts
// the command, polls the URL every few milliseconds, and stops the server with SIGTERM. It runs
// the command several times and prints one line per run and a summary line for scripts:
//
//	go run ./bench/startup -url http://127.0.0.1:18181/healthz -runs 5 -- versus serve -addr 127.0.0.1:18181
//	…
//	startup: median_ms=812.4 min_ms=790.1 max_ms=840.0 rss_kb=123456
//
// rss_kb is the median of the server's peak resident memory (VmHWM) when it first answered.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	url := flag.String("url", "", "URL that answers 200 once the server is ready (required)")
	runs := flag.Int("runs", 5, "number of start-ups to measure")
	every := flag.Duration("every", 5*time.Millisecond, "poll interval")
	limit := flag.Duration("timeout", 120*time.Second, "give up on a start-up after this long")
	flag.Parse()
	args := flag.Args()
	if *url == "" || len(args) == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: startup -url URL [-runs N] [-every 5ms] -- command args…")
		os.Exit(2)
	}
	var times []float64
	var rss []int
	for i := 0; i < *runs; i++ {
		d, kb, err := once(args, *url, *every, *limit)
		if err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		fmt.Printf("run %d: ready after %.1f ms, peak RSS %d kB\n", i+1, ms(d), kb)
		times = append(times, ms(d))
		rss = append(rss, kb)
	}
	sort.Float64s(times)
	sort.Ints(rss)
	fmt.Printf("startup: median_ms=%.1f min_ms=%.1f max_ms=%.1f rss_kb=%d\n",
		times[len(times)/2], times[0], times[len(times)-1], rss[len(rss)/2])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// once starts the server, waits for a 200 from url, and stops it again. The port must be free
// beforehand, or an old server would answer: it checks that first.
func once(args []string, url string, every, limit time.Duration) (time.Duration, int, error) {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := client.Get(url); err == nil {
		resp.Body.Close()
		return 0, 0, fmt.Errorf("%s already answers before the server starts", url)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				d := time.Since(start)
				kb := peakRSS(cmd.Process.Pid)
				stop()
				return d, kb, nil
			}
		}
		select {
		case err := <-exited:
			if err == nil {
				err = errors.New("exited")
			}
			return 0, 0, fmt.Errorf("server stopped before it was ready: %v", err)
		case <-ctx.Done():
			stop()
			return 0, 0, fmt.Errorf("no 200 from %s within %s", url, limit)
		case <-tick.C:
		}
	}
}

// peakRSS reads VmHWM, the peak resident set size in kB, from /proc; 0 when unavailable.
func peakRSS(pid int) int {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}
