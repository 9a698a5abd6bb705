// Command gengetters writes a package's generated field getters (see
// package gengetters). Run it through go:generate from the package's
// directory:
//
//	//go:generate go run ../internal/gengetters/cmd/gengetters -out getters_gen.go attributes_*.go event.go
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wfsim/wfsim/internal/gengetters"
)

func main() {
	out := flag.String("out", "getters_gen.go", "the file to write, in the current directory")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gengetters -out FILE PATTERN...")
		os.Exit(2)
	}
	src, err := gengetters.Generate(gengetters.Config{
		Dir:    ".",
		Files:  flag.Args(),
		Output: *out,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Clean(*out), src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
