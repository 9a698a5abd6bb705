package benchmarks_test

import (
	"testing"

	"github.com/wfsim/wfsim/internal/allocfloor"
	"github.com/wfsim/wfsim/testsuite"
)

// BenchmarkAllocationFloor allocates, per op, as many bytes in as many
// pointer-holding objects as one run of the named benchmark does (measured
// first) and does nothing else (package allocfloor): the allocator's and
// the garbage collector's share of that benchmark's time on the machine at
// hand.
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
		shape := allocfloor.Of(bc.run)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				shape.Allocate()
			}
		})
	}
}
