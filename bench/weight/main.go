// Command weight shows what each part of a comparison page (claims, notes, references…) adds
// to its compressed size: go run ./bench/weight PAGE.html. Keep its patterns in step with the
// markup of web/compare.templ.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"regexp"

	"github.com/andybalholm/brotli"
)

// weightParts are the kinds of markup a comparison page is made of, removed one after the
// other to see what each adds to the compressed page. The patterns follow the markup of
// web/compare.templ and web/layout.templ; a part that matches nothing shows 0.
var weightParts = []struct {
	name string
	re   *regexp.Regexp
}{
	{"claims lists (details.claims)", regexp.MustCompile(`(?s)<details class="claims">.*?</details>`)},
	{"notes (p.note)", regexp.MustCompile(`(?s)<p class="note">.*?</p>`)},
	{"references (ul.refs)", regexp.MustCompile(`(?s)<ul class="refs"[^>]*>.*?</ul>`)},
	{"aspect descriptions", regexp.MustCompile(`(?s)(<details class="aspect"><summary>[^<]*</summary>)<p>.*?</p>`)},
	{"disputes", regexp.MustCompile(`(?s)<div class="disputed">.*?</div>`)},
	{"as-of dates (span.asof)", regexp.MustCompile(`(?s)<span class="asof">.*?</span>`)},
	{"rest of the matrix table", regexp.MustCompile(`(?s)<table class="matrix">.*?</table>`)},
	{"sections after the table", regexp.MustCompile(`(?s)<section aria-labelledby=.*?</section>`)},
	{"<head> (meta, Open Graph, links)", regexp.MustCompile(`(?s)<head>.*?</head>`)},
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "weight:", err)
		os.Exit(1)
	}
}

// run prints what each part of a page adds to its size, raw and compressed at the levels the
// server uses (gzip 9, brotli 9).
func run(args []string) error {
	fl := flag.NewFlagSet("weight", flag.ExitOnError)
	_ = fl.Parse(args)
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: weight PAGE.html")
	}
	page, err := os.ReadFile(fl.Arg(0))
	if err != nil {
		return err
	}
	fmt.Printf("%-36s %8s %8s %8s  (bytes each part adds; parts removed in this order)\n", "part", "raw", "gzip", "br")
	cur := page
	for _, p := range weightParts {
		n := len(p.re.FindAll(cur, -1))
		next := p.re.ReplaceAll(cur, []byte("$1"))
		fmt.Printf("%-36s %8d %8d %8d  (%d)\n", p.name, len(cur)-len(next), gz(cur)-gz(next), br(cur)-br(next), n)
		cur = next
	}
	fmt.Printf("%-36s %8d %8d %8d\n", "everything else (header, footer…)", len(cur), gz(cur), br(cur))
	fmt.Printf("%-36s %8d %8d %8d\n", "whole page", len(page), gz(page), br(page))
	return nil
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}

func br(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, 9)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}
