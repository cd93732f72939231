package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	sitecontent "github.com/versus-dev/versus/content"
	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/devreload"
	"github.com/versus-dev/versus/internal/problem"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

// errReported means the problem has already been written to stderr.
var errReported = errors.New("reported")

const usage = `usage:
  versus serve [-addr :8080] [-content DIR [-dev]] [-base-url URL] [-log off|text|json] [-hsts] [-drafts]
                                                              serve the site (default command)
  versus build -out DIR [-content DIR] [-base-url URL]        export every page and asset
  versus check [-content DIR] [-format text|json]             validate content; exit 1 on any problem
  versus import [-out DIR] [-content DIR] [-format text|json] [-url URL] [-force] FILE...
                                                              draft source digests from comparison
                                                              documents (HTML, Markdown, text)
`

// run is the whole program: it parses args, wires things up and returns when done.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd, rest := "serve", args[1:]
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "import":
		return runImport(rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "versus: unknown command %q\n%s", cmd, usage)
	return errReported
}

// contentFlags are the flags every command shares.
type contentFlags struct {
	dir     string
	baseURL string
	drafts  bool
}

// newFlagSet is a command's flag set with the content flags every command shares.
func newFlagSet(name string, stderr io.Writer) (*flag.FlagSet, *contentFlags) {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	cf := &contentFlags{}
	cf.register(fl)
	return fl, cf
}

func (c *contentFlags) register(fl *flag.FlagSet) {
	fl.StringVar(&c.dir, "content", "", "content folder to use instead of the embedded content")
	fl.StringVar(&c.baseURL, "base-url", "", "public origin for absolute URLs, e.g. https://versus.example")
	fl.BoolVar(&c.drafts, "drafts", false, "include drafts and articles dated in the future")
}

func (c *contentFlags) fs() fs.FS {
	if c.dir == "" {
		return sitecontent.FS
	}
	return os.DirFS(c.dir)
}

// load loads and validates the content, writing every problem to stderr; see loadProblems.
func (c *contentFlags) load(stderr io.Writer, render bool) (*content.Site, error) {
	site, probs, err := c.loadProblems(render)
	if len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "%d problem(s) in content\n", len(probs))
		return nil, errReported
	}
	return site, err
}

// loadProblems loads the content and returns its problems with paths as the author sees
// them: under the -content folder, or under content/ for the embedded copy. With render, it
// also renders every body, as check and build do, so a body that cannot be rendered is a
// problem too.
func (c *contentFlags) loadProblems(render bool) (*content.Site, problem.List, error) {
	site, err := content.LoadSite(c.fs(), content.Options{Drafts: c.drafts})
	if err == nil && render {
		err = site.RenderAll()
	}
	var probs problem.List
	if !errors.As(err, &probs) {
		return site, nil, err
	}
	prefix := "content"
	if c.dir != "" {
		prefix = filepath.Clean(c.dir)
	}
	for i := range probs {
		probs[i].Path = filepath.Join(prefix, filepath.FromSlash(probs[i].Path))
	}
	return nil, probs, nil
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fl, cf := newFlagSet("check", stderr)
	format := fl.String("format", "text", "report format: text (path:line: message) or json")
	if err := fl.Parse(args); err != nil {
		return errReported
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "versus check: -format must be text or json, not %q\n", *format)
		return errReported
	}
	if *format == "json" {
		_, probs, err := cf.loadProblems(true)
		if err != nil {
			return err
		}
		if probs == nil {
			probs = problem.List{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(probs); err != nil {
			return err
		}
		if len(probs) > 0 {
			return errReported
		}
		return nil
	}
	site, err := cf.load(stderr, true)
	if err != nil {
		return err
	}
	claims := 0
	for _, s := range site.Sources {
		claims += len(s.Claims)
	}
	fmt.Fprintf(stdout, "content ok: %d subjects, %d aspects, %d sources (%d claims), %d articles\n",
		len(site.Subjects), len(site.Aspects), len(site.Sources), claims, len(site.Articles))
	return nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fl, cf := newFlagSet("serve", stderr)
	addr := fl.String("addr", "", "listen address (default :8080, or :$PORT)")
	logFormat := fl.String("log", "text", "access log: off, text or json")
	hsts := fl.Bool("hsts", false, "send Strict-Transport-Security (the site is served over TLS)")
	dev := fl.Bool("dev", false, "reload the -content folder on every change and refresh open pages")
	if err := fl.Parse(args); err != nil {
		return errReported
	}
	if *dev && cf.dir == "" {
		fmt.Fprintln(stderr, "versus serve: -dev needs -content DIR, the folder to watch")
		return errReported
	}
	accessLog, err := newAccessLogger(*logFormat, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "versus serve:", err)
		return errReported
	}
	if *addr == "" {
		*addr = ":8080"
		if p := getenv("PORT"); p != "" {
			*addr = ":" + p
		}
	}
	site, err := cf.load(stderr, false) // bodies render when first asked for
	if err != nil {
		return err
	}
	assets, err := static.Load()
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	opts := server.Options{BaseURL: cf.baseURL, Logger: logger, AccessLog: accessLog, HSTS: *hsts}
	var events *devreload.Broker
	if *dev {
		events = devreload.NewBroker()
		opts.DevEvents = events
	}
	srv := server.New(site, assets, opts)
	srv.WarmSearch() // in the background: /healthz does not wait for it

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *dev {
		w, err := devreload.NewWatcher(cf.dir, 150*time.Millisecond, func() error {
			return reloadSite(cf, srv, events)
		}, logger)
		if err != nil {
			return err
		}
		go w.Run(ctx)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// The site is served by fasthttp with the page cache as its hot path; -dev keeps net/http,
	// whose streams the reload events need (docs/DECISIONS.md, "Serving").
	var serve func() error
	var shutdown func(context.Context) error
	if events != nil {
		hs := newHTTPServer(srv.Handler(), logger)
		hs.RegisterOnShutdown(events.Close) // or Shutdown waits on open pages' streams
		serve, shutdown = func() error { return hs.Serve(ln) }, hs.Shutdown
	} else {
		fs := newFastServer(srv, logger)
		serve, shutdown = func() error { return fs.Serve(ln) }, fs.ShutdownWithContext
	}
	fmt.Fprintf(stdout, "versus: serving on http://%s\n", displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Fprintln(stdout, "versus: stopped")
	return nil
}

// reloadSite reloads the -dev content folder: a good load replaces the site, a broken one
// leaves the last good site serving and shows the problems in a banner. Either way open pages
// refresh.
func reloadSite(cf *contentFlags, srv *server.Server, events *devreload.Broker) error {
	site, probs, err := cf.loadProblems(false)
	switch {
	case err != nil:
		srv.SetProblems([]string{err.Error()})
	case len(probs) > 0:
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = p.String()
		}
		srv.SetProblems(lines)
		err = probs
	default:
		srv.Swap(site)
		srv.WarmSearch()
	}
	events.Notify()
	return err
}

// newHTTPServer configures the timeouts and limits that protect the server from slow or
// oversized requests: a client has 10 s to send its headers and 20 s for the whole request.
func newHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// newAccessLogger returns the access logger for a -log value; nil means off.
func newAccessLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "off":
		return nil, nil
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("-log must be off, text or json, not %q", format)
}

func displayAddr(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
