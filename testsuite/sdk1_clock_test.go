package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the virtual-clock and cancellation tests of Temporal's
// internal/internal_workflow_testsuite_test.go: timers firing in due order,
// the clock skipping ahead while activities run, canceling activities, a
// workflow and a child.

// Temporal: internal/internal_workflow_testsuite_test.go Test_TimerWorkflow_ClockAutoFastForward
func TestSDK1TimersFireInDueOrder(t *testing.T) {
	t.Parallel()
	var fired []string
	wf := func(ctx workflow.Context) error {
		sel := workflow.NewSelector(ctx)
		for _, tm := range []struct {
			name string
			d    time.Duration
		}{{"t1", 5 * time.Second}, {"t2", time.Second}, {"t3", 2 * time.Second}, {"t4", 5 * time.Second}} {
			sel.AddFuture(workflow.NewTimer(ctx, tm.d), func(workflow.Future) {
				if !workflow.IsReplaying(ctx) {
					fired = append(fired, tm.name)
				}
			})
		}
		for range 4 {
			sel.Select(ctx)
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"t2", "t3", "t1", "t4"}, fired)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowAutoForwardClock
func TestSDK1ClockSkipsToATimerOnceTheActivityIsDone(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		timer := workflow.NewTimer(ctx, time.Minute)
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		act := workflow.ExecuteActivity(ctx, sdk1Hello, "controlled_execution")
		if err := timer.Get(ctx, nil); err != nil {
			return "", err
		}
		if !act.IsReady() {
			return "", errors.New("the timer fired before the activity completed")
		}
		var result string
		err := act.Get(ctx, &result)
		return result, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "hello_controlled_execution", result)
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Minute), env.Now())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowMixedClock
func TestSDK1ShortTimerCancelsASlowActivityBeforeALongTimer(t *testing.T) {
	t.Parallel()
	var canceledInTime bool
	wf := func(ctx workflow.Context) (string, error) {
		long := workflow.NewTimer(ctx, time.Minute)
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		quick := workflow.ExecuteActivity(ctx, sdk1Hello, "controlled_execution")
		slowCtx, cancelSlow := workflow.WithCancel(ctx)
		slow := workflow.ExecuteActivity(slowCtx, sdk1Heartbeating, "slow", 10*time.Second)
		if err := quick.Get(ctx, nil); err != nil {
			return "", err
		}
		workflow.NewSelector(ctx).AddFuture(workflow.NewTimer(ctx, time.Millisecond), func(workflow.Future) {
			if !slow.IsReady() {
				canceledInTime = true
				cancelSlow()
			}
		}).Select(ctx)
		_ = long.Get(ctx, nil)
		return "expected", nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Heartbeating)
	env.RegisterActivity(sdk1Hello)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "expected", result)
	assert.True(t, canceledInTime, "the 10s activity was still running when the 1ms timer fired")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowActivityCancellation
func TestSDK1FirstActivityToFinishCancelsTheOther(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		ctx, cancel := workflow.WithCancel(ctx)
		fast := workflow.ExecuteActivity(ctx, sdk1Heartbeating, "fast", time.Millisecond)
		slow := workflow.ExecuteActivity(ctx, sdk1Heartbeating, "slow", 3*time.Second)
		workflow.NewSelector(ctx).
			AddFuture(fast, func(workflow.Future) { cancel() }).
			AddFuture(slow, func(workflow.Future) { cancel() }).
			Select(ctx)
		err := slow.Get(ctx, nil)
		var canceled *temporal.CanceledError
		if !errors.As(err, &canceled) {
			return err
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Heartbeating)
	ids := map[string]string{} // message → activity ID
	var completed, canceled string
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, args converter.EncodedValues) {
		var msg string
		assert.NoError(t, args.Get(&msg))
		ids[msg] = info.ActivityID
	})
	env.SetOnActivityCompletedListener(func(info *activity.Info, _ converter.EncodedValue, _ error) {
		completed = info.ActivityID
	})
	env.SetOnActivityCanceledListener(func(info *activity.Info) { canceled = info.ActivityID })
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, ids, 2)
	assert.Equal(t, ids["fast"], completed)
	assert.Equal(t, ids["slow"], canceled)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowReturnedCancel
func TestSDK1WorkflowReturningCanceledErrorFails(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		_ = workflow.NewTimer(ctx, 20*time.Minute)
		return temporal.NewCanceledError()
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	var canceled *temporal.CanceledError
	assert.ErrorAs(t, env.GetWorkflowError(), &canceled)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowCancellation
func TestSDK1CancelingTheWorkflowCancelsItsRunningActivity(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		return workflow.ExecuteActivity(ctx, sdk1Heartbeating, "msg1", 10*time.Second).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Millisecond)
	env.RegisterActivity(sdk1Heartbeating)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, err, &wfErr)
	var canceled *temporal.CanceledError
	assert.ErrorAs(t, errors.Unwrap(wfErr), &canceled)
	assert.Less(t, env.Now().Sub(testsuite.DefaultStartTime), 10*time.Second, "canceled before the activity finished")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowCancellation
func TestSDK1CancelingAChildByIDFailsItsParentsGet(t *testing.T) {
	t.Parallel()
	const childID = "child_workflow_id"
	child := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		return workflow.ExecuteActivity(ctx, sdk1Heartbeating, "msg1", 10*time.Second).Get(ctx, nil)
	}
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: childID})
		if err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil); err != nil {
			return err.Error(), nil
		}
		return "", nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() {
		assert.NoError(t, env.CancelWorkflowByID(childID, ""))
	}, time.Second)
	env.RegisterWorkflow(child)
	env.RegisterActivity(sdk1Heartbeating)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Contains(t, result, "canceled")
}
