// Package allocfloor gives a benchmark its allocation floor: the time the
// allocator and the garbage collector take, on the machine at hand, for as
// many bytes in as many objects as one op of the benchmark allocates, with
// nothing else done. No change to a simulation's logic can go below it;
// only fewer bytes can.
package allocfloor

import (
	"runtime"
	"unsafe"
)

// Shape is what one op of a benchmark allocates, on average.
type Shape struct {
	Bytes   int // bytes allocated
	Objects int // heap objects allocated, at least 1
}

// Of measures the shape of one call of op, averaged over a hundred calls
// after a first one that warms up whatever op sets up once. It reads the
// runtime's memory statistics, which stops the world: call it outside the
// timed part of a benchmark.
func Of(op func()) Shape {
	const calls = 100
	op()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range calls {
		op()
	}
	runtime.ReadMemStats(&after)
	return Shape{
		Bytes:   int(after.TotalAlloc-before.TotalAlloc) / calls,
		Objects: max(int(after.Mallocs-before.Mallocs)/calls, 1),
	}
}

// Allocate allocates s as a chain of equal pointer-holding objects, each
// pointing at the one before, and keeps the chain reachable until it
// returns, as a run keeps its history until it ends.
func (s Shape) Allocate() {
	words := max(s.Bytes/s.Objects/int(unsafe.Sizeof(unsafe.Pointer(nil))), 1)
	var last []unsafe.Pointer
	for range s.Objects {
		obj := make([]unsafe.Pointer, words)
		if last != nil {
			obj[0] = unsafe.Pointer(&last[0])
		}
		last = obj
	}
	runtime.KeepAlive(last)
}
