package benchmarks_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The activity benchmarks run one whole workflow per iteration, in an
// environment from WorkflowTestSuite (no synctest bubble) with the replay
// check off: what they measure is the simulation.

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

func activityBenchEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.DisableReplayCheck()
	return env
}

func runActivityBench(b *testing.B, setup func(env *testsuite.TestWorkflowEnvironment), wf any, args ...any) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		env := activityBenchEnv()
		setup(env)
		env.ExecuteWorkflow(wf, args...)
		if err := env.GetWorkflowError(); err != nil && !errorExpected(err) {
			b.Fatal(err)
		}
	}
}

// errorExpected tells the failures the Timeout and Retry benchmarks end
// with.
func errorExpected(err error) bool {
	var ae *wfsim.ActivityError
	return errors.As(err, &ae)
}

func BenchmarkHello(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(BenchHello) }, benchHelloWorkflow, "wfsim")
}

func BenchmarkHelloMocked(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterActivity(BenchHello)
		env.OnActivity(BenchHello, mock.Anything, mock.Anything).Return("mocked", nil)
	}, benchHelloWorkflow, "wfsim")
}

func BenchmarkSequential100(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(BenchHello) }, benchSequential, 100)
}

// BenchmarkSequential100OnEveryP runs Sequential100 on every P at once,
// as a package of parallel tests does: its ns/op is the time per run
// divided by GOMAXPROCS, so at -cpu 2 it is half Sequential100's when the
// runs scale.
func BenchmarkSequential100OnEveryP(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			env := activityBenchEnv()
			env.RegisterActivity(BenchHello)
			env.ExecuteWorkflow(benchSequential, 100)
			if err := env.GetWorkflowError(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkParallel100(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(BenchHello) }, benchParallel, 100)
}

// BenchmarkAsyncComplete: the activity returns ErrResultPending and a
// delayed callback completes it by its task token a minute later.
func BenchmarkAsyncComplete(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) {
		var token []byte
		env.RegisterActivityWithOptions(func(ctx context.Context, name string) (string, error) {
			token = activity.GetInfo(ctx).TaskToken
			return "", activity.ErrResultPending
		}, activity.RegisterOptions{Name: "BenchHello"})
		env.RegisterDelayedCallback(func() { _ = env.CompleteActivity(token, "done", nil) }, time.Minute)
	}, benchHelloWorkflow, "wfsim")
}

// BenchmarkTimeout: a mock that would take an hour times out after its
// one-minute StartToClose.
func BenchmarkTimeout(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterActivity(BenchHello)
		env.OnActivity(BenchHello, mock.Anything, mock.Anything).Return("late", nil).After(time.Hour)
	}, actWorkflow, actCase{Activity: "BenchHello", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry}})
}

// BenchmarkRetry: an activity that always fails, retried up to 5 attempts.
func BenchmarkRetry(b *testing.B) {
	runActivityBench(b, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(Fail) },
		actWorkflow, actCase{Activity: "Fail", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 5}}})
}
