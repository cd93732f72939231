package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

func runServe(args []string) error {
	fl := flag.NewFlagSet("serve", flag.ExitOnError)
	dir := fl.String("content", "", "content folder (default: the embedded content)")
	addr := fl.String("addr", "127.0.0.1:18190", "listen address")
	warmup := fl.Duration("warmup", 5*time.Second, "serve this long before profiling")
	seconds := fl.Duration("seconds", 10*time.Second, "profile this long, then exit")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the window here")
	memProfile := fl.String("memprofile", "", "write an allocation profile here at the end")
	_ = fl.Parse(args)

	var fsys fs.FS = sitecontent.FS
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	site, err := content.LoadSite(fsys, content.Options{})
	if err != nil {
		return err
	}
	assets, err := static.Load()
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	h := server.New(site, assets, server.Options{Logger: logger}).Handler()
	var requests atomic.Int64
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		h.ServeHTTP(w, r)
	})
	// The same limits as cmd/versus newHTTPServer.
	hs := &http.Server{
		Handler:           counted,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	go func() { _ = hs.Serve(ln) }()
	fmt.Printf("prof: serving on http://%s (GOMAXPROCS %d); profiling from %s for %s\n",
		ln.Addr(), runtime.GOMAXPROCS(0), *warmup, *seconds)
	time.Sleep(*warmup)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n0 := requests.Load()
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	time.Sleep(*seconds)
	stop()
	n := requests.Load() - n0
	runtime.ReadMemStats(&after)
	per := func(v uint64) float64 {
		if n == 0 {
			return 0
		}
		return float64(v) / float64(n)
	}
	fmt.Printf("prof: %d requests in %s (%.0f/s); per request %.0f bytes and %.1f objects allocated; %d GC cycles\n",
		n, *seconds, float64(n)/seconds.Seconds(), per(after.TotalAlloc-before.TotalAlloc),
		per(after.Mallocs-before.Mallocs), after.NumGC-before.NumGC)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = hs.Shutdown(ctx)
	return writeAllocs(*memProfile)
}
