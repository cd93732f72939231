package main

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/server"
	"github.com/versus-dev/versus/static"
)

func runBuild(args []string) error {
	fl := flag.NewFlagSet("build", flag.ExitOnError)
	dir := fl.String("content", "", "content folder (required)")
	out := fl.String("out", "", "folder to write the site into (required)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the whole build here")
	memProfile := fl.String("memprofile", "", "write an allocation profile here at the end")
	_ = fl.Parse(args)
	if *dir == "" || *out == "" {
		fl.Usage()
		os.Exit(2)
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	err = build(*dir, *out)
	stop()
	if err != nil {
		return err
	}
	return writeAllocs(*memProfile)
}

// family is the first path segment: "articles", "compare", "tags"…, with the extension of a
// data file ("compare .png"); "/" is "home", and /articles, /feed.xml… are "index pages".
func family(p string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	switch {
	case seg == "":
		return "home"
	case !strings.Contains(strings.TrimPrefix(p, "/"), "/"):
		return "index pages"
	case seg != "static" && path.Ext(p) != "":
		return seg + " " + path.Ext(p)
	}
	return seg
}

type stat struct {
	pages  int
	bytes  int
	time   time.Duration
	worst  string
	worstT time.Duration
}

func build(dir, out string) error {
	t0 := time.Now()
	site, err := content.LoadSite(os.DirFS(dir), content.Options{})
	if err != nil {
		return err
	}
	load := time.Since(t0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%-22s %8.0f ms   heap in use after load: %d MB, peak RSS so far: %d MB\n", "load content", ms2(load), ms.HeapInuse>>20, peakRSS()>>10)

	assets, err := static.Load()
	if err != nil {
		return err
	}
	h := server.New(site, assets, server.Options{}).Handler()
	pages := append(server.Pages(site), server.Documents...)
	for _, p := range server.Pages(site) {
		if strings.HasPrefix(p, "/compare/") {
			pages = append(pages, p+".json", p+".csv", p+".png")
		}
	}
	for _, a := range assets.All() {
		pages = append(pages, a.URL)
	}
	stats := map[string]*stat{}
	type growth struct {
		page string
		kb   int
	}
	var grew []growth
	hwm := peakRSS()
	for _, p := range pages {
		t := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("%s: status %d", p, rec.Code)
		}
		if err := write(out, p, rec.Body.Bytes()); err != nil {
			return err
		}
		d := time.Since(t)
		if now := peakRSS(); now > hwm {
			grew = append(grew, growth{p, now - hwm})
			hwm = now
		}
		f := family(p)
		s := stats[f]
		if s == nil {
			s = &stat{}
			stats[f] = s
		}
		s.pages++
		s.bytes += rec.Body.Len()
		s.time += d
		if d > s.worstT {
			s.worst, s.worstT = p, d
		}
	}
	var names []string
	for n := range stats {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return stats[names[i]].time > stats[names[j]].time })
	fmt.Printf("%-22s %8s   %6s %10s   %s\n", "pages (render+write)", "ms", "pages", "MB written", "slowest page")
	for _, n := range names {
		s := stats[n]
		fmt.Printf("%-22s %8.0f   %6d %10.1f   %s (%.0f ms)\n", n, ms2(s.time), s.pages, float64(s.bytes)/1e6, s.worst, ms2(s.worstT))
	}
	runtime.ReadMemStats(&ms)
	fmt.Printf("%-22s %8.0f ms   total allocated: %d MB, GC cycles: %d, peak RSS: %d MB\n", "whole build", ms2(time.Since(t0)), ms.TotalAlloc>>20, ms.NumGC, peakRSS()>>10)
	sort.Slice(grew, func(i, j int) bool { return grew[i].kb > grew[j].kb })
	fmt.Print("pages that raised the peak RSS most:")
	for i, g := range grew {
		if i == 5 {
			break
		}
		fmt.Printf(" %s +%d MB;", g.page, g.kb>>10)
	}
	fmt.Println()
	return nil
}

// peakRSS is this process's peak resident set size in kB (VmHWM), 0 when unknown.
func peakRSS() int {
	raw, err := os.ReadFile("/proc/self/status")
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

func ms2(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// write mirrors cmd/versus writePage: directories get index.html, files keep their name.
func write(out, urlPath string, body []byte) error {
	rel := strings.TrimPrefix(urlPath, "/")
	file := filepath.Join(out, filepath.FromSlash(rel))
	if rel == "" || filepath.Ext(rel) == "" {
		file = filepath.Join(out, filepath.FromSlash(rel), "index.html")
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, body, 0o644)
}
