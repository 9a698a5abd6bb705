// Package genfile checks that a generated file is what its generator writes
// now, for the tests that keep the project's generated code (getters,
// aliases) in step with its sources.
package genfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
