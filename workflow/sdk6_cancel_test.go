package workflow_test

// Ports of the workflow cancellation tests of Temporal's
// internal/internal_workflow_test.go.

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// sdk6WaitForCancel blocks until the workflow is canceled and reports it
// with the context's error.
func sdk6WaitForCancel(ctx workflow.Context) (string, error) {
	ctx.Done().Receive(ctx, nil)
	if ctx.Err() == workflow.ErrCanceled {
		return "Canceled.", ctx.Err()
	}
	return "Completed.", nil
}

// Temporal: internal/internal_workflow_test.go Test_CancelWorkflow
func TestSDK6CancelWakesDoneChannel(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(sdk6WaitForCancel)
	require.True(t, env.IsWorkflowCompleted(), "workflow failed to complete")
	var canceled *wfsim.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	require.Equal(t, time.Hour, env.Now().Sub(env.History().Events[0].EventTime))
	types := eventTypes(env.History())
	require.Equal(t, "WorkflowExecutionCanceled", types[len(types)-1])
}

// Temporal: internal/internal_workflow_test.go Test_CancelWorkflowAfterActivity
//
// An activity and a timer that completed before the cancellation are not
// canceled again: the history holds no cancel request for either.
func TestSDK6CancelAfterActivityAndTimerCompleted(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterActivity(sdk6Echo)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]byte, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: 10 * time.Second, StartToCloseTimeout: 5 * time.Second})
		if err := workflow.ExecuteActivity(ctx, sdk6Echo).Get(ctx, nil); err != nil {
			return nil, err
		}
		if err := workflow.Sleep(ctx, 1); err != nil {
			return nil, err
		}
		ctx.Done().Receive(ctx, nil)
		if ctx.Err() == workflow.ErrCanceled {
			return []byte("Canceled."), ctx.Err()
		}
		return []byte("Completed."), nil
	})
	require.True(t, env.IsWorkflowCompleted())
	var canceled *wfsim.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	require.Equal(t, []string{
		"WorkflowExecutionStarted",
		"ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted",
		"TimerStarted", "TimerFired",
		"WorkflowExecutionCancelRequested",
		"WorkflowExecutionCanceled",
	}, eventTypes(env.History()))
}

func sdk6SleepFor(ctx workflow.Context, d time.Duration) (int, error) {
	if err := workflow.Sleep(ctx, d); err != nil {
		return 0, err
	}
	return 1, nil
}

// Temporal: internal/internal_workflow_test.go Test_CancelledWorkflowCantStartChild
func TestSDK6CanceledWorkflowCannotStartChild(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterWorkflow(sdk6SleepFor)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Minute)
	env.ExecuteWorkflow(func(ctx workflow.Context) (bool, error) {
		_ = workflow.Sleep(ctx, 5*time.Minute) // canceled after a minute
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: 30 * time.Second})
		if err := workflow.ExecuteChildWorkflow(ctx, sdk6SleepFor, time.Second).Get(ctx, nil); err != nil {
			return false, err
		}
		return true, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	var canceled *wfsim.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	require.NotContains(t, eventTypes(env.History()), "StartChildWorkflowExecutionInitiated")
}
