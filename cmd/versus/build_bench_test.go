package main

import (
	"context"
	"io"
	"os"
	"testing"
)

// BenchmarkBuild runs `versus build` on the shipped content, or on the folder named by
// VERSUS_BENCH_CONTENT (bench/run.sh profiles its 2,000-article corpus this way).
func BenchmarkBuild(b *testing.B) {
	args := []string{"versus", "build", "-out", ""}
	if dir := os.Getenv("VERSUS_BENCH_CONTENT"); dir != "" {
		args = append(args, "-content", dir)
	}
	for b.Loop() {
		args[3] = b.TempDir()
		if err := run(context.Background(), args, os.Getenv, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
