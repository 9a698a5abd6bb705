package testsuite_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sleepLoopWorkflow sleeps n times for an hour: each iteration is one timer
// (TimerStarted, TimerFired) and one workflow task.
func sleepLoopWorkflow(ctx workflow.Context, n int) error {
	for range n {
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
	}
	return nil
}

// fanInWorkflow starts n coroutines that each send on one channel, and
// receives all n values in the root coroutine.
func fanInWorkflow(ctx workflow.Context, n int) (int, error) {
	ch := workflow.NewChannel(ctx)
	for i := range n {
		workflow.Go(ctx, func(ctx workflow.Context) { ch.Send(ctx, i) })
	}
	sum := 0
	for range n {
		var v int
		ch.Receive(ctx, &v)
		sum += v
	}
	return sum, nil
}

// runBench runs wf(arg) b.N times, each in a fresh environment, and reports
// the cost per history event and per unit (timer or coroutine).
func runBench(b *testing.B, wf any, arg int, unit string) {
	b.Helper()
	b.ReportAllocs()
	var s testsuite.WorkflowTestSuite
	events := 0
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		env := s.NewTestWorkflowEnvironment()
		env.ExecuteWorkflow(wf, arg)
		if err := env.GetWorkflowError(); err != nil {
			b.Fatal(err)
		}
		events = len(env.History().Events)
	}
	runtime.ReadMemStats(&after)
	perRun := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(perRun/float64(events), "ns/event")
	b.ReportMetric(perRun/float64(arg), "ns/"+unit)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(arg), "allocs/"+unit)
}

func BenchmarkTimers1000(b *testing.B) { runBench(b, sleepLoopWorkflow, 1000, "timer") }

func BenchmarkCoroutines1000(b *testing.B) { runBench(b, fanInWorkflow, 1000, "coroutine") }

// BenchmarkTimersN checks that the cost per timer stays flat as a run grows.
func BenchmarkTimersN(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) { runBench(b, sleepLoopWorkflow, n, "timer") })
	}
}
