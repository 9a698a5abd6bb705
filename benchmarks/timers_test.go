package benchmarks_test

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

// runTimerBench runs wf(arg) b.N times, each in a fresh environment, and
// reports the cost per history event and per unit (timer or coroutine). The
// environments skip the replay check that ends a run by default (it replays
// the whole history once more) unless replayCheck is set, so that the
// numbers are the simulation's own.
func runTimerBench(b *testing.B, wf any, arg int, unit string, replayCheck bool) {
	b.Helper()
	b.ReportAllocs()
	var s testsuite.WorkflowTestSuite
	run := func() *testsuite.TestWorkflowEnvironment {
		env := s.NewTestWorkflowEnvironment()
		if !replayCheck {
			env.DisableReplayCheck()
		}
		env.ExecuteWorkflow(wf, arg)
		if err := env.GetWorkflowError(); err != nil {
			b.Fatal(err)
		}
		return env
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		// Each run's environment is garbage once it ends, as a test's is:
		// holding it would keep its history live through the next run.
		run()
	}
	runtime.ReadMemStats(&after)
	// Every run records the same history: one more, untimed, to count it.
	events := len(run().History().Events)
	perRun := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	if unit == "timer" {
		b.ReportMetric(perRun/float64(events), "ns/event")
	}
	b.ReportMetric(perRun/float64(arg), "ns/"+unit)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(arg), "allocs/"+unit)
}

func BenchmarkTimers1000(b *testing.B) { runTimerBench(b, sleepLoopWorkflow, 1000, "timer", false) }

// BenchmarkTimers1000WithReplayCheck is BenchmarkTimers1000 as a test runs
// it by default: the simulation, then the replay of its history.
func BenchmarkTimers1000WithReplayCheck(b *testing.B) {
	runTimerBench(b, sleepLoopWorkflow, 1000, "timer", true)
}

func BenchmarkCoroutines1000(b *testing.B) { runTimerBench(b, fanInWorkflow, 1000, "coroutine", false) }

// BenchmarkTimersN checks that the cost per timer stays flat as a run grows.
func BenchmarkTimersN(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) { runTimerBench(b, sleepLoopWorkflow, n, "timer", false) })
	}
}

// sleepAmongPendingWorkflow sleeps n times while n other coroutines each
// hold a timer that never fires during the run: the per-timer cost must not
// grow with the number of pending commands.
func sleepAmongPendingWorkflow(ctx workflow.Context, n int) error {
	for range n {
		workflow.Go(ctx, func(ctx workflow.Context) { _ = workflow.Sleep(ctx, 1000*time.Hour) })
	}
	return sleepLoopWorkflow(ctx, n)
}

// BenchmarkTimersAmongPending is BenchmarkTimersN with n timers pending.
func BenchmarkTimersAmongPending(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) { runTimerBench(b, sleepAmongPendingWorkflow, n, "timer", false) })
	}
}
