package testsuite_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of activity tests of Temporal's
// internal/internal_workflow_testsuite_test.go: heartbeat progress,
// heartbeating activities, runtime.Goexit, the worker stop channel and the
// continued execution run ID.

// sdk4Heartbeating heartbeats once a second until wait has passed, then
// returns "heartbeat_" + msg; it returns its context's error if canceled.
func sdk4Heartbeating(ctx context.Context, msg string, wait time.Duration) (string, error) {
	for waited := time.Duration(0); waited < wait; {
		activity.RecordHeartbeat(ctx)
		if err := ctx.Err(); err != nil {
			return "", err
		}
		step := min(time.Second, wait-waited)
		time.Sleep(step)
		waited += step
	}
	return "heartbeat_" + msg, nil
}

// sdk4HeartbeatingWorkflow runs sdk4Heartbeating with the options of
// Temporal's suite.
func sdk4HeartbeatingWorkflow(ctx workflow.Context, msg string, wait time.Duration) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToStartTimeout: time.Minute,
		StartToCloseTimeout:    time.Minute,
		HeartbeatTimeout:       20 * time.Second,
	})
	var result string
	err := workflow.ExecuteActivity(ctx, sdk4Heartbeating, msg, wait).Get(ctx, &result)
	return result, err
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityWithProgress
func TestSDK4ActivityResumesFromHeartbeatDetails(t *testing.T) {
	t.Parallel()
	resumes := func(ctx context.Context) (int, error) {
		var progress int
		if activity.HasHeartbeatDetails(ctx) {
			if err := activity.GetHeartbeatDetails(ctx, &progress); err != nil {
				return 0, err
			}
		}
		return progress + 1, nil
	}
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(resumes)
	env.SetHeartbeatDetails(3)
	val, err := env.ExecuteActivity(resumes)
	require.NoError(t, err)
	var progress int
	require.NoError(t, val.Get(&progress))
	assert.Equal(t, 4, progress)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeat
func TestSDK4HeartbeatingActivityInActivityEnvironment(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(sdk4Heartbeating)
	val, err := env.ExecuteActivity(sdk4Heartbeating, "result", time.Millisecond)
	require.NoError(t, err)
	var result string
	require.NoError(t, val.Get(&result))
	assert.Equal(t, "heartbeat_result", result)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityGoexit
//
// The environment is bound to t: activity code then runs in a goroutine of
// its own, whose Goexit fails the attempt. An environment from
// WorkflowTestSuite.NewTestWorkflowEnvironment runs activity code on the
// goroutine that called ExecuteWorkflow, which Goexit (t.FailNow) ends.
func TestSDK4ActivityCallingGoexitFails(t *testing.T) {
	t.Parallel()
	calls := 0
	exits := func(ctx context.Context) error {
		calls++
		runtime.Goexit() // what t.FailNow does in a test helper
		return nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second})
		return workflow.ExecuteActivity(ctx, exits).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(exits)
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf)
	err := env.GetWorkflowError()
	require.Error(t, err)
	var wfErr *temporal.WorkflowExecutionError
	require.True(t, errors.As(err, &wfErr), "got %T: %v", err, err)
	var actErr *temporal.ActivityError
	require.True(t, errors.As(errors.Unwrap(wfErr), &actErr))
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(errors.Unwrap(actErr), &appErr), "cause: %v", errors.Unwrap(actErr))
	assert.EqualError(t, appErr, "activity called runtime.Goexit")
	assert.Equal(t, 10, calls, "the failure is retryable: retried as any failure without a retry policy")
}

// A mock's function runs in a goroutine of its own even in an environment
// that is not bound to a test: a Goexit there (t.FailNow in a suite's
// mock) fails the attempt too.
func TestSDK4MockFunctionCallingGoexitFails(t *testing.T) {
	t.Parallel()
	act := func(ctx context.Context) error { return nil }
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout: 5 * time.Second,
			RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		return workflow.ExecuteActivity(ctx, act).Get(ctx, nil)
	}
	env := new(testsuite.WorkflowTestSuite).NewTestWorkflowEnvironment()
	env.RegisterActivity(act)
	env.OnActivity(act, mock.Anything).Return(func(ctx context.Context) error {
		runtime.Goexit()
		return nil
	})
	env.ExecuteWorkflow(wf)
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(env.GetWorkflowError(), &appErr), "got %v", env.GetWorkflowError())
	assert.Equal(t, "activity called runtime.Goexit", appErr.Error())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SetWorkerStopChannel
//
// Temporal's test checks an unexported field; through the public API the
// channel is what activity.GetWorkerStopChannel returns to activities.
func TestSDK4WorkerStopChannelReachesActivities(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	close(stop)
	stopped := func(ctx context.Context) (bool, error) {
		select {
		case <-activity.GetWorkerStopChannel(ctx):
			return true, nil
		default:
			return false, nil
		}
	}
	wf := func(ctx workflow.Context) (bool, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var got bool
		err := workflow.ExecuteActivity(ctx, stopped).Get(ctx, &got)
		return got, err
	}

	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(stopped)
	env.SetWorkerStopChannel(stop)
	env.ExecuteWorkflow(wf)
	var got bool
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.True(t, got, "the workflow environment's activity sees the stop channel")

	actEnv := testsuite.NewTestActivityEnvironment(t)
	actEnv.RegisterActivity(stopped)
	actEnv.SetWorkerStopChannel(stop)
	val, err := actEnv.ExecuteActivity(stopped)
	require.NoError(t, err)
	got = false
	require.NoError(t, val.Get(&got))
	assert.True(t, got, "the activity environment's activity sees the stop channel")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SetContinuedExecutionRunID
//
// Temporal's test checks an unexported field; through the public API the
// run ID is the workflow's Info.ContinuedExecutionRunID.
func TestSDK4ContinuedExecutionRunIDReachesTheWorkflow(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContinuedExecutionRunID("some-run-id")
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		return workflow.GetInfo(ctx).ContinuedExecutionRunID, nil
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "some-run-id", got)
}
