// Command versus serves, exports and checks the versus comparison site.
package main

import (
	"context"
	"fmt"
	"os"
)

func main() {
	if err := run(context.Background(), os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		if err != errReported {
			fmt.Fprintln(os.Stderr, "versus:", err)
		}
		os.Exit(1)
	}
}
