package benchmarks_test

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/wfsim/wfsim/testsuite"
)

// BenchmarkAllocationFloor allocates, per op, as many bytes in as many
// pointer-holding objects as one run of the named benchmark does (measured
// first), keeps them reachable until the op ends, as a run keeps its
// history, and does nothing else. It is the allocator's and the garbage
// collector's share of that benchmark's time on the machine at hand: what
// no change to the simulation's logic can save, only fewer bytes can.
func BenchmarkAllocationFloor(b *testing.B) {
	var s testsuite.WorkflowTestSuite
	noReplayCheck := func(env *testsuite.TestWorkflowEnvironment) { env.DisableReplayCheck() }
	activities := func(wf any, arg any) func() {
		return func() {
			env := activityBenchEnv()
			env.RegisterActivity(BenchHello)
			env.ExecuteWorkflow(wf, arg)
		}
	}
	for _, bc := range []struct {
		name string
		run  func() // one op of the benchmark
	}{
		{"Hello", activities(benchHelloWorkflow, "wfsim")},
		{"Sequential100", activities(benchSequential, 100)},
		{"Parallel100", activities(benchParallel, 100)},
		{"Signals100", func() { signals100Env(&s, noReplayCheck).ExecuteWorkflow(sumSignals, 100) }},
		{"Timers1000", func() {
			env := s.NewTestWorkflowEnvironment()
			env.DisableReplayCheck()
			env.ExecuteWorkflow(sleepLoopWorkflow, 1000)
		}},
	} {
		bytes, allocs := allocsOfOneRun(bc.run)
		b.Run(bc.name, func(b *testing.B) {
			words := max(bytes/allocs/int(unsafe.Sizeof(unsafe.Pointer(nil))), 1)
			b.ReportAllocs()
			for b.Loop() {
				var last []unsafe.Pointer
				for range allocs {
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

// allocsOfOneRun returns the bytes and the allocations of one call of run,
// averaged over a few after a first one.
func allocsOfOneRun(run func()) (bytes, allocs int) {
	const runs = 10
	run()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		run()
	}
	runtime.ReadMemStats(&after)
	return int(after.TotalAlloc-before.TotalAlloc) / runs, max(int(after.Mallocs-before.Mallocs)/runs, 1)
}

// floorSink keeps the benchmark's objects from being optimized away.
var floorSink []unsafe.Pointer
