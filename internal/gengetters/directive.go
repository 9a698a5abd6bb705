package gengetters

import (
	"bufio"
	"fmt"
	"os"
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
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return Config{}, fmt.Errorf("gengetters: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		args := strings.Fields(sc.Text())
		if len(args) < 4 || args[0] != "//go:generate" || !strings.HasSuffix(args[len(args)-1], ".go") {
			continue
		}
		i := 0
		for i < len(args) && !strings.HasSuffix(args[i], "/gengetters") {
			i++
		}
		if i+3 >= len(args) || args[i+1] != "-out" {
			continue
		}
		return Config{Dir: dir, Output: args[i+2], Files: args[i+3:]}, nil
	}
	if err := sc.Err(); err != nil {
		return Config{}, fmt.Errorf("gengetters: %w", err)
	}
	return Config{}, fmt.Errorf("gengetters: no go:generate directive running gengetters -out in %s", filepath.Join(dir, file))
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
