package testsuite_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the activity-timeout tests of Temporal's
// internal/internal_workflow_testsuite_test.go. Activities here sleep with
// time.Sleep: the environment is bound to t, so that sleep follows virtual
// time, as a real worker's would follow the wall clock.

// sdk4ActivityTimeout unwraps a workflow error the way a Temporal test does:
// WorkflowExecutionError, then ActivityError, then TimeoutError.
func sdk4ActivityTimeout(t *testing.T, err error) *temporal.TimeoutError {
	t.Helper()
	require.Error(t, err)
	var wfErr *temporal.WorkflowExecutionError
	require.True(t, errors.As(err, &wfErr), "want a WorkflowExecutionError, got %T: %v", err, err)
	var actErr *temporal.ActivityError
	require.True(t, errors.As(errors.Unwrap(wfErr), &actErr), "want an ActivityError under %v", wfErr)
	var timeoutErr *temporal.TimeoutError
	require.True(t, errors.As(errors.Unwrap(actErr), &timeoutErr), "want a TimeoutError under %v", actErr)
	return timeoutErr
}

// sdk4OneAttempt runs activityFn with options (and no retries) in a workflow
// and returns that workflow's error.
func sdk4OneAttempt(t *testing.T, opts workflow.ActivityOptions, activityFn any, args ...any) error {
	t.Helper()
	opts.RetryPolicy = &temporal.RetryPolicy{MaximumAttempts: 1}
	wf := func(ctx workflow.Context) error {
		return workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, opts), activityFn, args...).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(activityFn)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	return env.GetWorkflowError()
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityTimeoutWithDetails
func TestSDK4ActivityReturningTimeoutErrorKeepsItsDetails(t *testing.T) {
	t.Parallel()
	count := 0
	timesOut := func() error {
		count++
		return temporal.NewTimeoutError(temporal.TimeoutTypeStartToClose, nil, "my details")
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout: 5 * time.Second,
			RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 1.1, MaximumAttempts: 3},
		})
		return workflow.ExecuteActivity(ctx, timesOut).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(wf)
	env.RegisterActivity(timesOut)
	env.ExecuteWorkflow(wf)

	timeoutErr := sdk4ActivityTimeout(t, env.GetWorkflowError())
	assert.Equal(t, temporal.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
	require.True(t, timeoutErr.HasLastHeartbeatDetails())
	var details string
	require.NoError(t, timeoutErr.LastHeartbeatDetails(&details))
	assert.Equal(t, "my details", details)
	assert.Equal(t, 3, count, "a timeout error returned by the activity is retried")
	// The server records a failure the worker reports as it came, even a
	// timeout failure: ActivityTaskFailed, not ActivityTaskTimedOut.
	var closing []replay.EventType
	for _, ev := range env.History().Events {
		switch ev.EventType {
		case replay.EventTypeActivityTaskFailed, replay.EventTypeActivityTaskTimedOut:
			closing = append(closing, ev.EventType)
		}
	}
	assert.Equal(t, []replay.EventType{replay.EventTypeActivityTaskFailed}, closing)

	actEnv := testsuite.NewTestActivityEnvironment(t)
	actEnv.RegisterActivity(timesOut)
	_, err := actEnv.ExecuteActivity(timesOut)
	var actErr *temporal.ActivityError
	require.True(t, errors.As(err, &actErr), "got %T: %v", err, err)
	require.True(t, errors.As(errors.Unwrap(actErr), &timeoutErr))
	assert.Equal(t, temporal.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
	require.True(t, timeoutErr.HasLastHeartbeatDetails())
	details = ""
	require.NoError(t, timeoutErr.LastHeartbeatDetails(&details))
	assert.Equal(t, "my details", details)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityDeadlineExceeded
//
// Temporal's environment gives the TimeoutError the attempt's context error,
// "context deadline exceeded", as its cause. A server fires the StartToClose
// timeout itself and records, as the cause of the final timeout, the failure
// of the attempt before (here that attempt's StartToClose timeout: without a
// retry policy the activity is retried). wfsim follows the server; the
// attempt still sees its context's deadline pass.
func TestSDK4ActivityWaitingOnItsContextTimesOutStartToClose(t *testing.T) {
	t.Parallel()
	var ctxErrs atomic.Int32
	waits := func(ctx context.Context) error {
		<-ctx.Done()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			ctxErrs.Add(1)
		}
		return nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Second,
		})
		return workflow.ExecuteActivity(ctx, waits).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(waits)
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf)

	timeoutErr := sdk4ActivityTimeout(t, env.GetWorkflowError())
	assert.Equal(t, temporal.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
	var previous *temporal.TimeoutError
	require.True(t, errors.As(errors.Unwrap(timeoutErr), &previous), "cause: %v", errors.Unwrap(timeoutErr))
	assert.Equal(t, temporal.TimeoutTypeStartToClose, previous.TimeoutType())
	assert.Positive(t, ctxErrs.Load(), "the attempt's context ends with context.DeadlineExceeded")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatTimeout
func TestSDK4ActivityNotHeartbeatingTimesOut(t *testing.T) {
	t.Parallel()
	sleeps := func(ctx context.Context, d time.Duration) error {
		time.Sleep(d)
		return nil
	}
	err := sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second, HeartbeatTimeout: 500 * time.Millisecond},
		sleeps, 2*time.Second)
	assert.Equal(t, temporal.TimeoutTypeHeartbeat, sdk4ActivityTimeout(t, err).TimeoutType())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatTimeout_WithHeartbeat
func TestSDK4ActivityHeartbeatingInTimeDoesNotTimeOut(t *testing.T) {
	t.Parallel()
	beats := func(ctx context.Context, d time.Duration) error {
		ticker := time.NewTicker(200 * time.Millisecond)
		defer ticker.Stop()
		end := time.Now().Add(d)
		for time.Now().Before(end) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-ticker.C:
				activity.RecordHeartbeat(ctx, "still alive")
			}
		}
		return nil
	}
	err := sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second, HeartbeatTimeout: 500 * time.Millisecond},
		beats, time.Second)
	assert.NoError(t, err)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatTimeout_WithDetails
func TestSDK4HeartbeatTimeoutCarriesTheLastDetails(t *testing.T) {
	t.Parallel()
	beatsOnce := func(ctx context.Context) error {
		activity.RecordHeartbeat(ctx, "last-heartbeat-data")
		time.Sleep(2 * time.Second)
		return nil
	}
	err := sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second, HeartbeatTimeout: 500 * time.Millisecond},
		beatsOnce)
	timeoutErr := sdk4ActivityTimeout(t, err)
	assert.Equal(t, temporal.TimeoutTypeHeartbeat, timeoutErr.TimeoutType())
	require.True(t, timeoutErr.HasLastHeartbeatDetails())
	var details string
	require.NoError(t, timeoutErr.LastHeartbeatDetails(&details))
	assert.Equal(t, "last-heartbeat-data", details)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityStartToCloseTimeout
func TestSDK4ActivityIgnoringItsContextStillTimesOut(t *testing.T) {
	t.Parallel()
	sleeps := func(ctx context.Context, d time.Duration) error {
		time.Sleep(d)
		return nil
	}
	err := sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 500 * time.Millisecond}, sleeps, 2*time.Second)
	assert.Equal(t, temporal.TimeoutTypeStartToClose, sdk4ActivityTimeout(t, err).TimeoutType())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityStartToCloseTimeout_Respects
func TestSDK4ActivityFinishingInTimeDoesNotTimeOut(t *testing.T) {
	t.Parallel()
	quick := func(ctx context.Context) error {
		time.Sleep(100 * time.Millisecond)
		return nil
	}
	assert.NoError(t, sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Second}, quick))
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityStartToCloseTimeout_HeartbeatPriority
func TestSDK4EarlierHeartbeatTimeoutWinsOverStartToClose(t *testing.T) {
	t.Parallel()
	sleeps := func(ctx context.Context) error {
		time.Sleep(2 * time.Second)
		return nil
	}
	err := sdk4OneAttempt(t, workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second, HeartbeatTimeout: 500 * time.Millisecond}, sleeps)
	assert.Equal(t, temporal.TimeoutTypeHeartbeat, sdk4ActivityTimeout(t, err).TimeoutType())
}

// sdk4GraceRun runs an activity sleeping d under a 500ms StartToClose
// timeout with SetActivityTimeoutGracePeriod(grace).
func sdk4GraceRun(t *testing.T, d, grace time.Duration) error {
	t.Helper()
	sleeps := func(ctx context.Context) error {
		time.Sleep(d)
		return nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout: 500 * time.Millisecond,
			RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		return workflow.ExecuteActivity(ctx, sleeps).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sleeps)
	env.SetActivityTimeoutGracePeriod(grace)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	return env.GetWorkflowError()
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityStartToCloseTimeout_GracePeriod
func TestSDK4LateActivityTimesOutWithinTheGracePeriod(t *testing.T) {
	t.Parallel()
	err := sdk4GraceRun(t, 600*time.Millisecond, 500*time.Millisecond)
	assert.Equal(t, temporal.TimeoutTypeStartToClose, sdk4ActivityTimeout(t, err).TimeoutType())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityStartToCloseTimeout_GracePeriodExceeded
func TestSDK4LateActivityTimesOutPastTheGracePeriod(t *testing.T) {
	t.Parallel()
	err := sdk4GraceRun(t, 2*time.Second, 200*time.Millisecond)
	assert.Equal(t, temporal.TimeoutTypeStartToClose, sdk4ActivityTimeout(t, err).TimeoutType())
}
