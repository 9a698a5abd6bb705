package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the activity retry tests of Temporal's
// internal/internal_workflow_testsuite_test.go: retry policies given, empty,
// defaulted or allowing one attempt; heartbeat details across attempts; an
// activity that returns a CanceledError.

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRetry
func TestSDK3ActivityRetryPolicy(t *testing.T) {
	t.Parallel()
	var badBugRuns, badLuckRuns atomic.Int32
	badBug := func(context.Context) (string, error) {
		badBugRuns.Add(1)
		return "", temporal.NewNonRetryableApplicationError("bad-bug", "", nil)
	}
	badLuck := func(ctx context.Context) (string, error) {
		badLuckRuns.Add(1)
		if activity.GetInfo(ctx).Attempt < 3 {
			return "", temporal.NewApplicationError("bad-luck", "")
		}
		return "retry-done", nil
	}
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:    5,
				InitialInterval:    time.Second,
				MaximumInterval:    10 * time.Second,
				BackoffCoefficient: 2,
			},
		})
		err := workflow.ExecuteActivity(ctx, badBug).Get(ctx, nil)
		var actErr *temporal.ActivityError
		if !errors.As(err, &actErr) {
			return "", fmt.Errorf("want an ActivityError, got %v", err)
		}
		var appErr *temporal.ApplicationError
		if !errors.As(errors.Unwrap(actErr), &appErr) || appErr.Error() != "bad-bug" {
			return "", fmt.Errorf("want the bad-bug ApplicationError as cause, got %v", errors.Unwrap(actErr))
		}
		var out string
		err = workflow.ExecuteActivity(ctx, badLuck).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(badBug)
	env.RegisterActivity(badLuck)
	// The retries' backoffs (1s, 2s) fit in the run timeout.
	env.SetWorkflowRunTimeout(10 * time.Second)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "retry-done", out)
	assert.Equal(t, int32(1), badBugRuns.Load(), "a non-retryable error is not retried")
	assert.Equal(t, int32(3), badLuckRuns.Load())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRetry_DefaultRetry
func TestSDK3ActivityDefaultRetryPolicy(t *testing.T) {
	t.Parallel()
	var runs1, runs2 atomic.Int32
	third := func(runs *atomic.Int32, err error, out string) func(context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			runs.Add(1)
			if activity.GetInfo(ctx).Attempt <= 2 {
				return "", err
			}
			return out, nil
		}
	}
	act1 := third(&runs1, temporal.NewApplicationError("bad-luck", ""), "done1")
	act2 := third(&runs2, errors.New("some error"), "done2")
	wf := func(ctx workflow.Context) (string, error) {
		opts := workflow.ActivityOptions{ScheduleToStartTimeout: time.Minute, StartToCloseTimeout: time.Minute}
		var r1, r2 string
		// No retry policy: the server's default one.
		if err := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, opts), "act1").Get(ctx, &r1); err != nil {
			return "", err
		}
		// An empty retry policy: the default's values.
		opts.RetryPolicy = &temporal.RetryPolicy{}
		if err := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, opts), "act2").Get(ctx, &r2); err != nil {
			return "", err
		}
		return r1 + r2, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(act1, activity.RegisterOptions{Name: "act1"})
	env.RegisterActivityWithOptions(act2, activity.RegisterOptions{Name: "act2"})
	env.SetWorkflowRunTimeout(10 * time.Minute)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "done1done2", out)
	assert.Equal(t, int32(3), runs1.Load())
	assert.Equal(t, int32(3), runs2.Load())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRetry_NoInitialInterval
func TestSDK3ActivityRetryWithoutInitialInterval(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	second := func(ctx context.Context) (bool, error) {
		runs.Add(1)
		if activity.GetInfo(ctx).Attempt < 2 {
			return false, errors.New("first attempt fails")
		}
		return true, nil
	}
	wf := func(ctx workflow.Context) (bool, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout:    10 * time.Second,
			ScheduleToCloseTimeout: 10 * time.Second,
			RetryPolicy:            &temporal.RetryPolicy{BackoffCoefficient: 2, MaximumAttempts: 3},
		})
		var ok bool
		err := workflow.ExecuteActivity(ctx, second).Get(ctx, &ok)
		return ok, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(second)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var ok bool
	require.NoError(t, env.GetWorkflowResult(&ok))
	assert.True(t, ok)
	assert.Equal(t, int32(2), runs.Load())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRetry_NoRetries
func TestSDK3ActivityRetryPolicyOfOneAttempt(t *testing.T) {
	t.Parallel()
	failure := errors.New("fake network error")
	fails := func(ctx context.Context) (string, error) {
		if activity.GetInfo(ctx).Attempt <= 1 {
			return "", failure
		}
		return "", nil
	}
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 1},
		})
		return "", workflow.ExecuteActivity(ctx, fails).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetTestTimeout(time.Hour)
	env.RegisterActivity(fails)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	var wfErr *temporal.WorkflowExecutionError
	assert.ErrorAs(t, err, &wfErr)
	var appErr *temporal.ApplicationError
	assert.ErrorAs(t, err, &appErr)
	assert.ErrorContains(t, err, failure.Error())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatRetry
func TestSDK3RetriedActivityResumesFromHeartbeatDetails(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var startedFrom []int
	// Processes tasks first..first+count-1, heartbeating each; an attempt
	// fails after three tasks unless it has finished.
	process := func(ctx context.Context, first, count int) error {
		i := first
		if activity.HasHeartbeatDetails(ctx) {
			var last int
			if err := activity.GetHeartbeatDetails(ctx, &last); err == nil {
				i = last + 1
			}
		}
		mu.Lock()
		startedFrom = append(startedFrom, i)
		mu.Unlock()
		for done := 0; i < first+count; i, done = i+1, done+1 {
			activity.RecordHeartbeat(ctx, i)
			if done == 2 && i < first+count-1 {
				return temporal.NewApplicationError("bad-luck", "")
			}
		}
		return nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:        3,
				InitialInterval:        time.Second,
				MaximumInterval:        10 * time.Second,
				BackoffCoefficient:     2,
				NonRetryableErrorTypes: []string{"bad-bug"},
			},
		})
		return workflow.ExecuteActivity(ctx, process, 0, 9).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetTestTimeout(time.Hour)
	env.RegisterActivity(process)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []int{0, 3, 6}, startedFrom)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRetryOnCancel
//
// Temporal's test environment reports any CanceledError an activity returns
// as the activity's cancellation, so its workflow fails canceled after one
// attempt. A Temporal worker reports a cancellation only when the activity's
// context was canceled (a cancellation request reached it); otherwise the
// CanceledError becomes the retryable failure "unexpected activity cancel
// error". wfsim follows the worker: nobody asked to cancel this activity, so
// its policy retries it and the third attempt succeeds.
func TestSDK3UnrequestedActivityCanceledErrorIsRetried(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	cancels := func(ctx context.Context) (int32, error) {
		runs.Add(1)
		if a := activity.GetInfo(ctx).Attempt; a < 3 {
			return -1, temporal.NewCanceledError("details")
		}
		return activity.GetInfo(ctx).Attempt, nil
	}
	wf := func(ctx workflow.Context) (int32, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:        3,
				InitialInterval:        time.Second,
				MaximumInterval:        10 * time.Second,
				BackoffCoefficient:     2,
				NonRetryableErrorTypes: []string{"bad-bug"},
			},
		})
		var r int32
		err := workflow.ExecuteActivity(ctx, cancels).Get(ctx, &r)
		return r, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(cancels)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var r int32
	require.NoError(t, env.GetWorkflowResult(&r))
	assert.Equal(t, int32(3), r)
	assert.Equal(t, int32(3), runs.Load())
	started := lastEvent(t, env.History(), "ActivityTaskStarted").GetActivityTaskStartedEventAttributes()
	require.NotNil(t, started.LastFailure)
	assert.Contains(t, started.LastFailure.Message, "unexpected activity cancel error")
}
