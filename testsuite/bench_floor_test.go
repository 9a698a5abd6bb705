package testsuite_test

import (
	"testing"
	"unsafe"
)

// BenchmarkAllocationFloor allocates, per op, as many bytes in as many
// pointer-holding objects as the named benchmark's run does (its B/op and
// allocs/op), keeps them reachable until the op ends, as a run keeps its
// history, and does nothing else. It is the allocator's and the garbage
// collector's share of that benchmark's time on the machine at hand: what
// no change to the simulation's logic can save, only fewer bytes can. Keep
// the figures in step with the benchmarks (README's performance table).
func BenchmarkAllocationFloor(b *testing.B) {
	for _, bc := range []struct {
		name          string
		bytes, allocs int
	}{
		{"Hello", 11652, 51},
		{"Sequential100", 336388, 1300},
		{"Parallel100", 333802, 1341},
		{"Signals100", 158698, 593},
		{"Timers1000", 859221, 263},
	} {
		b.Run(bc.name, func(b *testing.B) {
			words := bc.bytes / bc.allocs / int(unsafe.Sizeof(unsafe.Pointer(nil)))
			b.ReportAllocs()
			for b.Loop() {
				var last []unsafe.Pointer
				for range bc.allocs {
					obj := make([]unsafe.Pointer, words)
					if last != nil {
						obj[0] = unsafe.Pointer(&last[0])
					}
					last = obj
				}
				floorSink = last
			}
		})
	}
}

// floorSink keeps the benchmark's objects from being optimized away.
var floorSink []unsafe.Pointer
