// Command prof explains the figures bench/run.sh measures, with pprof profiles, without
// changing cmd/versus. It drives the same packages the same way cmd/versus does:
//
//	go run ./bench/prof build -content DIR -out OUT [-cpuprofile F] [-memprofile F]
//	go run ./bench/prof serve [-content DIR] -addr 127.0.0.1:PORT [-warmup 5s] [-seconds 10s] [-cpuprofile F] [-memprofile F]
//	go run ./bench/prof weight PAGE.html
//
// build does what `versus build` does and prints the time and bytes of the content load and of
// each family of pages. serve serves the site as `versus serve -log off` does, profiles the
// window [warmup, warmup+seconds] while a load generator runs, prints requests, allocations
// per request and GC cycles in that window, and exits. weight shows what each part of a
// comparison page (claims, notes, references…) adds to its compressed size. Keep build and
// serve in step with cmd/versus, and weight with the markup of web/compare.templ.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: prof build|serve|weight [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "build":
		err = runBuild(os.Args[2:])
	case "serve":
		err = runServe(os.Args[2:])
	case "weight":
		err = runWeight(os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q: want build, serve or weight", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "prof:", err)
		os.Exit(1)
	}
}

// startCPUProfile starts a CPU profile into path, if set; the returned func stops it.
func startCPUProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeAllocs writes the allocation profile into path, if set.
func writeAllocs(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
