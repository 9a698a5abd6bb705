package allocfloor_test

import (
	"testing"

	"github.com/wfsim/wfsim/internal/allocfloor"
)

// node is 64 bytes, a size class of its own.
type node struct {
	next *node
	val  [7]uint64
}

func TestOfMeasuresAndAllocateRepeats(t *testing.T) {
	var keep *node
	op := func() {
		keep = nil
		for range 10 {
			keep = &node{next: keep, val: [7]uint64{6: 1}}
		}
	}
	got := allocfloor.Of(op)
	want := allocfloor.Shape{Bytes: 640, Objects: 10}
	if got != want {
		t.Fatalf("Of = %+v, want %+v", got, want)
	}
	if n := testing.AllocsPerRun(20, got.Allocate); n != 10 {
		t.Errorf("Allocate made %v objects, want 10", n)
	}
}
