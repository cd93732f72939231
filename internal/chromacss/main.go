// Command chromacss writes the stylesheet for highlighted code (light and dark chroma styles)
// so that static/chroma.css always matches the highlighter in internal/markdown.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/versus-dev/versus/internal/markdown"
)

func main() {
	out := flag.String("out", "chroma.css", "file to write")
	flag.Parse()
	css, err := markdown.ChromaCSS()
	if err == nil {
		err = os.WriteFile(*out, []byte(css), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chromacss:", err)
		os.Exit(1)
	}
}
