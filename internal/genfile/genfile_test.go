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

func TestDirective(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "// Package p.\npackage p\n\n//go:generate stringer -type X\n//go:generate go run ../cmd/gentool -out x_gen.go a b\n"
	if err := os.WriteFile(filepath.Join(dir, "doc.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg, args, err := genfile.Directive(dir, "doc.go", "gentool")
	if err != nil || pkg != "p" || strings.Join(args, " ") != "-out x_gen.go a b" {
		t.Errorf("Directive = %q, %q, %v; want p, [-out x_gen.go a b]", pkg, args, err)
	}
	if _, args, err := genfile.Directive(dir, "doc.go", "other"); err != nil || args != nil {
		t.Errorf("Directive of a tool no line runs = %q, %v; want nil args", args, err)
	}
	if _, _, err := genfile.Directive(dir, "missing.go", "gentool"); err == nil {
		t.Error("missing file: no error")
	}
}
