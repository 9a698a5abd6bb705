package benchmarks_test

import (
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sumSignals receives n signals named "sig" and returns their sum.
func sumSignals(ctx workflow.Context, n int) (int, error) {
	ch := workflow.GetSignalChannel(ctx, "sig")
	sum := 0
	for range n {
		var v int
		ch.Receive(ctx, &v)
		sum += v
	}
	return sum, nil
}

// signals100 runs sumSignals with 100 signals sent at 1-minute intervals
// from delayed callbacks: 100 workflow tasks, 401 events.
func signals100(b *testing.B, opts func(env *testsuite.TestWorkflowEnvironment)) {
	b.ReportAllocs()
	var s testsuite.WorkflowTestSuite
	run := func() *testsuite.TestWorkflowEnvironment {
		env := signals100Env(&s, opts)
		env.ExecuteWorkflow(sumSignals, 100)
		var sum int
		if err := env.GetWorkflowResult(&sum); err != nil || sum != 4950 {
			b.Fatalf("sum %d, error %v", sum, err)
		}
		return env
	}
	for b.Loop() {
		// Each run's environment is garbage once it ends, as a test's is:
		// holding it would keep its history live through the next run.
		run()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/signal")
	// Every run records the same history: one more, untimed, to count it.
	b.ReportMetric(float64(len(run().History().Events)), "events")
}

// signals100Env returns an environment with opts applied and 100 signals
// coming at 1-minute intervals, ready to run sumSignals.
func signals100Env(s *testsuite.WorkflowTestSuite, opts func(env *testsuite.TestWorkflowEnvironment)) *testsuite.TestWorkflowEnvironment {
	env := s.NewTestWorkflowEnvironment()
	opts(env)
	for i := range 100 {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", i) }, time.Duration(i+1)*time.Minute)
	}
	return env
}

// BenchmarkSignals100 is the simulation alone: the replay check that ends
// every ExecuteWorkflow is off (see BenchmarkSignals100WithReplayCheck).
// Target: 150 µs on a 2-core machine (Temporal's test environment takes
// about 2 ms).
func BenchmarkSignals100(b *testing.B) {
	signals100(b, func(env *testsuite.TestWorkflowEnvironment) { env.DisableReplayCheck() })
}

// BenchmarkSignals100WithReplayCheck is what a test pays by default: the
// run, then the replay of its history against the workflow code.
func BenchmarkSignals100WithReplayCheck(b *testing.B) {
	signals100(b, func(*testsuite.TestWorkflowEnvironment) {})
}
