//go:build unix

package search

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/versus-dev/versus/internal/content"
)

// benchQueries are typical searches: words, typos, a prefix, and a query cut to MaxTerms.
var benchQueries = []struct{ name, q string }{
	{"words", "event loop"},
	{"typos", "evnt lop"},
	{"prefix", "djan"},
	{"short", "orm"},
	{"long", strings.Repeat("scaling django workers behind nginx with gunicorn ", 5)},
}

// benchSites are the corpora benchmarked, loaded only when a benchmark asks for them.
var benchSites = []struct {
	name string
	site func(testing.TB) *content.Site
}{{"shipped", shipped}, {"generated-2000", large}}

// BenchmarkBuild measures building the index, and reports the heap the built index keeps and
// the most heap in use while it was being built (garbage not yet collected included).
func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			site := s.site(b)
			before := liveHeap()
			stop := sampleHeap()
			ix, err := Build(site)
			if err != nil {
				b.Fatal(err)
			}
			peak := stop()
			kept := liveHeap() - before
			runtime.KeepAlive(ix)
			cpu := cpuTime()
			for b.Loop() {
				if _, err := Build(site); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(kept)/(1<<20), "MiB-kept")
			b.ReportMetric(float64(peak-before)/(1<<20), "MiB-peak")
		})
	}
}

// BenchmarkSearch measures one search with its snippets, 20 results as the page shows.
func BenchmarkSearch(b *testing.B) {
	for _, s := range benchSites {
		b.Run(s.name, func(b *testing.B) {
			ix, err := Build(s.site(b))
			if err != nil {
				b.Fatal(err)
			}
			for _, q := range benchQueries {
				b.Run(q.name, func(b *testing.B) {
					cpu := cpuTime()
					for b.Loop() {
						if _, err := ix.Search(q.q, 20); err != nil {
							b.Fatal(err)
						}
					}
					reportCPU(b, cpu)
				})
			}
		})
	}
}

// cpuTime is the CPU time the process has used. On a busy machine the time a benchmark waits
// for a CPU inflates ns/op; CPU time per operation is what the work itself costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start, garbage collection included.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// sampleHeap samples the heap in use every millisecond until the returned function is called,
// which returns the highest value seen.
func sampleHeap() (stop func() uint64) {
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var m runtime.MemStats
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
