package workflow_test

// Ports of the WaitGroup tests of Temporal's
// internal/internal_workflow_test.go: coroutines running child workflows,
// counted by a WaitGroup, and the two ways to misuse one.

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sdk6ChildCtx gives children the execution timeout Temporal's tests use.
func sdk6ChildCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: 30 * time.Second})
}

// sdk6Children runs n children in coroutines, the i-th sleeping i+1
// seconds, counting each with wg (Go, or Add before and Done after, when
// viaGo is false). It returns the results as they arrive.
func sdk6Children(ctx workflow.Context, wg workflow.WaitGroup, n int, viaGo bool, results *[]int, errp *error) {
	for i := range n {
		d := time.Duration(i+1) * time.Second
		run := func(ctx workflow.Context) {
			var r int
			if err := workflow.ExecuteChildWorkflow(ctx, sdk6SleepFor, d).Get(ctx, &r); err != nil {
				*errp = err
			}
			*results = append(*results, r)
		}
		if viaGo {
			wg.Go(ctx, run)
			continue
		}
		workflow.Go(ctx, func(ctx workflow.Context) {
			run(ctx)
			wg.Done()
		})
	}
}

func sdk6Sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// sdk6WaitGroupRun runs wf with sdk6SleepFor registered and returns its
// result (the sum) and the virtual time it took.
func sdk6WaitGroupRun(t *testing.T, wf any, args ...any) (int, time.Duration) {
	t.Helper()
	env := sdk6Env()
	env.RegisterWorkflow(sdk6SleepFor)
	env.ExecuteWorkflow(wf, args...)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var sum int
	require.NoError(t, env.GetWorkflowResult(&sum))
	return sum, env.Now().Sub(testsuite.DefaultStartTime)
}

// Temporal: internal/internal_workflow_test.go Test_WaitGroupWorkflowTest
func TestSDK6WaitGroupGoWaitsForAll(t *testing.T) {
	t.Parallel()
	sum, took := sdk6WaitGroupRun(t, func(ctx workflow.Context, n int) (int, error) {
		ctx = sdk6ChildCtx(ctx)
		var results []int
		var err error
		wg := workflow.NewWaitGroup(ctx)
		sdk6Children(ctx, wg, n, true, &results, &err)
		wg.Wait(ctx)
		return sdk6Sum(results), err
	}, 10)
	require.Equal(t, 10, sum)
	require.Equal(t, 10*time.Second, took)
}

// Temporal: internal/internal_workflow_test.go Test_WaitGroupWaitForMWorkflowTest
func TestSDK6WaitGroupWaitsForTheFirstM(t *testing.T) {
	t.Parallel()
	sum, took := sdk6WaitGroupRun(t, func(ctx workflow.Context, n, m int) (int, error) {
		ctx = sdk6ChildCtx(ctx)
		var results []int
		var err error
		wg := workflow.NewWaitGroup(ctx)
		wg.Add(m)
		sdk6Children(ctx, wg, n, false, &results, &err)
		wg.Wait(ctx)
		return sdk6Sum(results), err
	}, 10, 5)
	require.Equal(t, 5, sum)
	require.Equal(t, 5*time.Second, took)
}

// Temporal: internal/internal_workflow_test.go Test_WaitGroupMultipleWaitsWorkflowTest
func TestSDK6WaitGroupWaitsAgainAfterAdd(t *testing.T) {
	t.Parallel()
	sum, took := sdk6WaitGroupRun(t, func(ctx workflow.Context) (int, error) {
		ctx = sdk6ChildCtx(ctx)
		var results []int
		var err error
		wg := workflow.NewWaitGroup(ctx)
		wg.Add(4)
		sdk6Children(ctx, wg, 10, false, &results, &err)
		wg.Wait(ctx)
		if len(results) != 4 {
			return 0, errors.New("the first Wait did not return after four")
		}
		wg.Add(6)
		wg.Wait(ctx)
		return sdk6Sum(results), err
	})
	require.Equal(t, 10, sum)
	require.Equal(t, 10*time.Second, took)
}

// sdk6ConcurrentWaits waits on one WaitGroup from two coroutines at once.
func sdk6ConcurrentWaits(ctx workflow.Context) (int, error) {
	ctx = sdk6ChildCtx(ctx)
	var r1, r2 int
	var err error
	wg := workflow.NewWaitGroup(ctx)
	wg.Add(2)
	workflow.Go(ctx, func(ctx workflow.Context) {
		err = workflow.ExecuteChildWorkflow(ctx, sdk6SleepFor, 5*time.Second).Get(ctx, &r1)
		wg.Done()
	})
	workflow.Go(ctx, func(ctx workflow.Context) {
		err = workflow.ExecuteChildWorkflow(ctx, sdk6SleepFor, 10*time.Second).Get(ctx, &r2)
		wg.Wait(ctx)
	})
	wg.Wait(ctx)
	return r1 + r2, err
}

// sdk6NegativeWaitGroup calls Done on a WaitGroup at zero.
func sdk6NegativeWaitGroup(ctx workflow.Context) (int, error) {
	ctx = sdk6ChildCtx(ctx)
	var r int
	var err error
	wg := workflow.NewWaitGroup(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		wg.Done()
		err = workflow.ExecuteChildWorkflow(ctx, sdk6SleepFor, 5*time.Second).Get(ctx, &r)
	})
	wg.Wait(ctx)
	return r, err
}

// Temporal: internal/internal_workflow_test.go Test_waitGroupNegativeCounterPanicsWorkflowTest
// Temporal: internal/internal_workflow_test.go Test_WaitGroupMultipleConcurrentWaitsPanicsWorkflowTest
func TestSDK6WaitGroupMisusePanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, message, frame string
		wf                   any
	}{
		{name: "negative counter", wf: sdk6NegativeWaitGroup, message: "negative WaitGroup counter", frame: "workflow_test.sdk6NegativeWaitGroup"},
		{name: "concurrent waits", wf: sdk6ConcurrentWaits, message: "WaitGroup is reused before previous Wait has returned", frame: "workflow_test.sdk6ConcurrentWaits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			env.RegisterWorkflow(tc.wf)
			env.RegisterWorkflow(sdk6SleepFor)
			env.ExecuteWorkflow(tc.wf)
			require.True(t, env.IsWorkflowCompleted())
			var execErr *wfsim.WorkflowExecutionError
			require.ErrorAs(t, env.GetWorkflowError(), &execErr)
			var panicErr *wfsim.PanicError
			require.ErrorAs(t, errors.Unwrap(execErr), &panicErr)
			require.Equal(t, tc.message, panicErr.Error())
			require.Contains(t, panicErr.StackTrace(), tc.frame)
		})
	}
}

// The waiter is released when the counter reaches zero, even if it rises
// again before the waiter runs (Temporal's Wait waits on a future the
// counter's reaching zero sets).
func TestSDK6WaitGroupReleasedAtZeroEvenIfRaisedAgain(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		var steps []string
		wg := workflow.NewWaitGroup(ctx)
		wg.Add(1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			wg.Done()
			wg.Add(1)
			steps = append(steps, "done and added again")
		})
		wg.Wait(ctx)
		steps = append(steps, "wait returned")
		return steps, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var steps []string
	require.NoError(t, env.GetWorkflowResult(&steps))
	require.Equal(t, []string{"done and added again", "wait returned"}, steps)
}
