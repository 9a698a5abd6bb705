package workflow_test

// Ports of the internal_coroutines_test.go tests that sdk6's ports
// (sdk6_coroutines_test.go, sdk6_futures_test.go) leave out. Temporal drives a
// bare dispatcher and "decode futures" (futures holding payloads); a Temporal
// user reaches the same code through a workflow run and the futures that
// activities return, so that is what these use.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sdk7Run runs wf in a fresh test environment with acts registered and
// returns the environment once the run is over.
func sdk7Run(t *testing.T, wf any, acts ...any) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	for _, a := range acts {
		env.RegisterActivity(a)
	}
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	return env
}

// sdk7Trace reads the "trace" query of a finished run.
func sdk7Trace(t *testing.T, env *testsuite.TestWorkflowEnvironment) []string {
	t.Helper()
	v, err := env.QueryWorkflow("trace")
	require.NoError(t, err)
	var lines []string
	require.NoError(t, v.Get(&lines))
	return lines
}

// sdk7Activity options: one attempt, so that a failing activity fails its
// future at once.
func sdk7Activity(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
}

func sdk7Bytes(context.Context) ([]byte, error)  { return []byte("one"), nil }
func sdk7String(context.Context) (string, error) { return "two", nil }
func sdk7Value2(context.Context) ([]byte, error) { return []byte("value2"), nil }
func sdk7Error1(context.Context) ([]byte, error) { return []byte("ignored"), errors.New("error1") }

// Temporal: internal/internal_coroutines_test.go TestDispatcher
func TestSDK7WorkflowFunctionRunsWhenTheRunStarts(t *testing.T) {
	t.Parallel()
	value := "foo"
	wf := func(workflow.Context) error { value = "bar"; return nil }
	require.Equal(t, "foo", value)
	env := sdk7Run(t, wf)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, "bar", value)
}

// Temporal: internal/internal_coroutines_test.go TestSelectDecodeFuture
//
// The futures are settable ones chained to activity futures by two
// coroutines; each branch decodes its result into its own type.
func TestSDK7SelectorDecodesChainedActivityResults(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		var trace []string
		if err := workflow.SetQueryHandler(ctx, "trace", func() ([]string, error) { return trace, nil }); err != nil {
			return err
		}
		actx := sdk7Activity(ctx)
		f1, s1 := workflow.NewFuture(ctx)
		f2, s2 := workflow.NewFuture(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			trace = append(trace, "add-one")
			s1.Chain(workflow.ExecuteActivity(actx, sdk7Bytes))
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			trace = append(trace, "add-two")
			s2.Chain(workflow.ExecuteActivity(actx, sdk7String))
		})
		var failed error
		sel := workflow.NewSelector(ctx).
			AddFuture(f1, func(f workflow.Future) {
				var v []byte
				failed = errors.Join(failed, f.Get(ctx, &v))
				trace = append(trace, fmt.Sprintf("c1-%s", v))
			}).
			AddFuture(f2, func(f workflow.Future) {
				var v string
				failed = errors.Join(failed, f.Get(ctx, &v))
				trace = append(trace, fmt.Sprintf("c2-%s", v))
			})
		trace = append(trace, "select1")
		sel.Select(ctx)
		trace = append(trace, "select2")
		sel.Select(ctx)
		trace = append(trace, "done")
		return failed
	}
	env := sdk7Run(t, wf, sdk7Bytes, sdk7String)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{"select1", "add-one", "add-two", "c1-one", "select2", "c2-two", "done"}, sdk7Trace(t, env))
}

// Temporal: internal/internal_coroutines_test.go TestDecodeFutureChain
//
// A failed chained future leaves the value alone on every Get; a completed
// one decodes its payload on every Get. The second activity starts an hour
// later, so that the first future is set (and read) before the second.
func TestSDK7SettableChainedToActivityFutures(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		var trace []string
		if err := workflow.SetQueryHandler(ctx, "trace", func() ([]string, error) { return trace, nil }); err != nil {
			return err
		}
		actx := sdk7Activity(ctx)
		f1, s1 := workflow.NewFuture(ctx)
		f2, s2 := workflow.NewFuture(ctx)
		s1.Chain(workflow.ExecuteActivity(actx, sdk7Error1))
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Hour)
			s2.Chain(workflow.ExecuteActivity(actx, sdk7Value2))
		})
		workflow.Go(ctx, func(ctx workflow.Context) {
			trace = append(trace, fmt.Sprintf("child-start-ready-%v", f1.IsReady()))
			for _, step := range []string{"get", "get2"} {
				var v []byte
				err := f1.Get(ctx, &v)
				var app *wfsim.ApplicationError
				trace = append(trace, fmt.Sprintf("f1-%s-%s-%v-%v-%v", step, v, v == nil, errors.As(err, &app) && app.Error() == "error1", f1.IsReady()))
			}
			trace = append(trace, fmt.Sprintf("f2-ready-%v", f2.IsReady()))
			for _, step := range []string{"get", "get2"} {
				var v []byte
				err := f2.Get(ctx, &v)
				trace = append(trace, fmt.Sprintf("f2-%s-%s-%v-%v", step, v, err, f2.IsReady()))
			}
		})
		trace = append(trace, "root-end")
		return workflow.Await(ctx, func() bool { return f2.IsReady() })
	}
	env := sdk7Run(t, wf, sdk7Error1, sdk7Value2)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{
		"root-end",
		"child-start-ready-false",
		"f1-get--true-true-true",
		"f1-get2--true-true-true",
		"f2-ready-false",
		"f2-get-value2-<nil>-true",
		"f2-get2-value2-<nil>-true",
	}, sdk7Trace(t, env))
}

// Temporal: internal/internal_coroutines_test.go TestYieldDuringPanic
//
// Temporal fails the workflow task as soon as the deferred function blocks;
// wfsim finds the block when the run completes (the root returns here in
// the same task, so the outcome is the same: a panic of the workflow).
func TestSDK7BlockingInADeferredCallDuringAPanicFails(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		c := workflow.NewNamedChannel(ctx, "test-chan")
		workflow.GoNamed(ctx, "panicker", func(ctx workflow.Context) {
			defer c.Receive(ctx, nil)
			panic("trigger unwinding")
		})
		return nil
	}
	env := sdk7Run(t, wf)
	err := env.GetWorkflowError()
	var pe *wfsim.PanicError
	require.ErrorAs(t, err, &pe)
	require.Contains(t, pe.Error(), "yield during panic unwinding")
}

// The same block with no panic is ordinary: the run completes.
func TestSDK7BlockingInADeferredCallWithoutAPanicIsFine(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		c := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) { defer c.Receive(ctx, nil) })
		return nil
	}
	require.NoError(t, sdk7Run(t, wf).GetWorkflowError())
}
