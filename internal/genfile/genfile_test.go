package genfile_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wfsim/wfsim/internal/genfile"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), []byte("package p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := genfile.Check(dir, "gen.go", []byte("package p\n")); err != nil {
		t.Errorf("same content: %v", err)
	}
	if err := genfile.Check(dir, "gen.go", []byte("package q\n")); err == nil || !strings.Contains(err.Error(), "gen.go is stale") {
		t.Errorf("other content: err = %v, want stale", err)
	}
	if err := genfile.Check(dir, "missing.go", nil); err == nil {
		t.Error("missing file: no error")
	}
}
