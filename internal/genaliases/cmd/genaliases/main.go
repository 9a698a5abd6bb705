// Command genaliases writes an api package's generated aliases (see
// package genaliases). Run it through go:generate from the package's
// directory:
//
//	//go:generate go run ../../../internal/genaliases/cmd/genaliases -out history_gen.go -src ../../../replay History Event=HistoryEvent *EventAttributes
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wfsim/wfsim/internal/genaliases"
)

func main() {
	out := flag.String("out", "aliases_gen.go", "the file to write, in the current directory")
	src := flag.String("src", "", "the directory of the package the aliases name")
	flag.Parse()
	pkg := os.Getenv("GOPACKAGE") // set by go generate
	if flag.NArg() == 0 || *src == "" || pkg == "" {
		fmt.Fprintln(os.Stderr, "usage (from go generate): genaliases -out FILE -src DIR TYPE[=NAME]|PATTERN...")
		os.Exit(2)
	}
	code, err := genaliases.Generate(genaliases.Config{Dir: ".", Package: pkg, Output: *out, Source: *src, Names: flag.Args()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Clean(*out), code, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
