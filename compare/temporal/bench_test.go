package temporal

import (
	"context"
	"runtime"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
)

// quietLogger drops what Temporal's test environment logs: by default it
// prints a line to stdout for every activity result, which would be most
// of what Hello measures.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}

func newSuite() *testsuite.WorkflowTestSuite {
	s := &testsuite.WorkflowTestSuite{}
	s.SetLogger(quietLogger{})
	return s
}

// The workflows and the activity are those of wfsim's benchmarks.

func BenchHello(ctx context.Context, name string) (string, error) { return "Hello " + name, nil }

func benchHelloWorkflow(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, BenchHello, name).Get(ctx, &out)
	return out, err
}

func benchSequential(ctx workflow.Context, n int) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for i := range n {
		if err := workflow.ExecuteActivity(ctx, BenchHello, "x").Get(ctx, nil); err != nil {
			return i, err
		}
	}
	return n, nil
}

func benchParallel(ctx workflow.Context, n int) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	fs := make([]workflow.Future, n)
	for i := range fs {
		fs[i] = workflow.ExecuteActivity(ctx, BenchHello, "x")
	}
	for i, f := range fs {
		if err := f.Get(ctx, nil); err != nil {
			return i, err
		}
	}
	return n, nil
}

func runActivityBench(b *testing.B, wf any, args ...any) {
	b.ReportAllocs()
	s := newSuite()
	for b.Loop() {
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(BenchHello)
		env.ExecuteWorkflow(wf, args...)
		if !env.IsWorkflowCompleted() {
			b.Fatal("workflow did not complete")
		}
		if err := env.GetWorkflowError(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHello(b *testing.B)         { runActivityBench(b, benchHelloWorkflow, "wfsim") }
func BenchmarkSequential100(b *testing.B) { runActivityBench(b, benchSequential, 100) }
func BenchmarkParallel100(b *testing.B)   { runActivityBench(b, benchParallel, 100) }

// BenchmarkSequential100OnEveryP is wfsim's: Sequential100 on every P at
// once, as a package of parallel tests runs.
func BenchmarkSequential100OnEveryP(b *testing.B) {
	b.ReportAllocs()
	s := newSuite()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			env := s.NewTestWorkflowEnvironment()
			env.RegisterActivity(BenchHello)
			env.ExecuteWorkflow(benchSequential, 100)
			if err := env.GetWorkflowError(); err != nil || !env.IsWorkflowCompleted() {
				b.Error("workflow did not complete:", err)
				return
			}
		}
	})
}

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

func BenchmarkSignals100(b *testing.B) {
	b.ReportAllocs()
	s := newSuite()
	for b.Loop() {
		env := s.NewTestWorkflowEnvironment()
		for i := range 100 {
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", i) }, time.Duration(i+1)*time.Minute)
		}
		env.ExecuteWorkflow(sumSignals, 100)
		var sum int
		if err := env.GetWorkflowResult(&sum); err != nil || sum != 4950 {
			b.Fatalf("sum %d, error %v", sum, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/signal")
}

func sleepLoop(ctx workflow.Context, n int) error {
	for range n {
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkTimers1000(b *testing.B) {
	const timers = 1000
	b.ReportAllocs()
	s := newSuite()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		env := s.NewTestWorkflowEnvironment()
		env.ExecuteWorkflow(sleepLoop, timers)
		if err := env.GetWorkflowError(); err != nil || !env.IsWorkflowCompleted() {
			b.Fatalf("completed %v, error %v", env.IsWorkflowCompleted(), err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/timers, "ns/timer")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/timers, "allocs/timer")
}
