// Package genfile checks that a generated file is what its generator writes
// now, for the tests that keep the project's generated code (getters,
// aliases) in step with its sources.
package genfile

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Check returns an error unless dir's file name holds exactly want, the
// generator's output, naming the file and how to regenerate it.
func Check(dir, name string, want []byte) error {
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("genfile: %w", err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("genfile: %s is stale: run go generate in %s", name, dir)
	}
	return nil
}

// Directive reads dir's file and returns its package name and the
// arguments that follow the command in its first //go:generate line whose
// command path ends in "/"+tool; args is nil when no line runs tool. The
// generators' tests read their configuration this way, so that they
// generate exactly what go generate does.
func Directive(dir, file, tool string) (pkg string, args []string, err error) {
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return "", nil, fmt.Errorf("genfile: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 1 && fields[0] == "package" && pkg == "" {
			pkg = fields[1]
		}
		if len(fields) < 2 || fields[0] != "//go:generate" || args != nil {
			continue
		}
		for i, f := range fields {
			if strings.HasSuffix(f, "/"+tool) {
				args = fields[i+1:]
				break
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", nil, fmt.Errorf("genfile: %w", err)
	}
	return pkg, args, nil
}
