package gengetters

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/wfsim/wfsim/internal/genfile"
)

// FromDirective returns the Config that the go:generate directive running
// cmd/gengetters in dir's file names, so that a test generates exactly
// what go generate does:
//
//	//go:generate go run ../internal/gengetters/cmd/gengetters -out getters_gen.go attributes_*.go
func FromDirective(dir, file string) (Config, error) {
	_, args, err := genfile.Directive(dir, file, "gengetters")
	if err != nil {
		return Config{}, fmt.Errorf("gengetters: %w", err)
	}
	if len(args) < 3 || args[0] != "-out" || !strings.HasSuffix(args[len(args)-1], ".go") {
		return Config{}, fmt.Errorf("gengetters: no go:generate directive running gengetters -out in %s", filepath.Join(dir, file))
	}
	return Config{Dir: dir, Output: args[1], Files: args[2:]}, nil
}

// CheckFile regenerates what the go:generate directive in dir's file
// writes and returns an error unless the file on disk is the same, so that
// a package's test fails when its getters are stale.
func CheckFile(dir, file string) error {
	cfg, err := FromDirective(dir, file)
	if err != nil {
		return err
	}
	want, err := Generate(cfg)
	if err != nil {
		return err
	}
	return genfile.Check(dir, cfg.Output, want)
}
