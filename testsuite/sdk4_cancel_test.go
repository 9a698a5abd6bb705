package testsuite_test

import (
	"context"
	"errors"
	"fmt"
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

// Ports of the cancellation tests of Temporal's
// internal/internal_workflow_testsuite_test.go.
//
// In both, the canceled workflow returns its second activity's
// cancellation wrapped: "activity error: …canceled". Temporal's environment
// reports that error as the workflow's. A worker completes a workflow whose error is (or
// wraps) a CanceledError with CancelWorkflowExecution, which records only
// the CanceledError's details: the workflow is canceled, its error a
// CanceledError, and the wrapping text is not recorded. wfsim follows the
// worker; the tests check the error the workflow returned separately.

// sdk4CancelOptions are the activity options both tests use.
var sdk4CancelOptions = workflow.ActivityOptions{
	RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
	ScheduleToCloseTimeout: 5 * time.Second,
	HeartbeatTimeout:       time.Second,
	WaitForCancellation:    true,
}

// sdk4TwoActivities runs act twice; the second's error, wrapped, is the
// workflow's, which it also stores in *returned.
func sdk4TwoActivities(act any, waitCancel bool, returned *error) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk4CancelOptions)
		if waitCancel {
			ctx.Done().Receive(ctx, nil)
		}
		_ = workflow.ExecuteActivity(ctx, act).Get(ctx, nil)
		*returned = fmt.Errorf("activity error: %w", workflow.ExecuteActivity(ctx, act).Get(ctx, nil))
		return *returned
	}
}

// sdk4AssertCanceled checks that the workflow returned "activity error:
// canceled" and was canceled.
func sdk4AssertCanceled(t *testing.T, env *testsuite.TestWorkflowEnvironment, returned error) {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.Error(t, returned)
	// Temporal's environment hands the second Get a bare CanceledError; a
	// worker's SDK wraps the ActivityTaskCanceled it waited for (with
	// WaitForCancellation) in an ActivityError, as wfsim does.
	assert.Regexp(t, `^activity error: activity error \(.*\): canceled$`, returned.Error())
	var actErr *temporal.ActivityError
	require.True(t, errors.As(returned, &actErr))
	var canceled *temporal.CanceledError
	assert.True(t, errors.As(actErr, &canceled))
	err := env.GetWorkflowError()
	assert.True(t, errors.As(err, &canceled), "got %v", err)
	events := env.History().Events
	assert.Equal(t, replay.EventTypeWorkflowExecutionCanceled, events[len(events)-1].EventType)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatCancel
func TestSDK4ActivityCancelingItsWorkflowWhileHeartbeating(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	env := testsuite.NewTestWorkflowEnvironment(t)
	act := func(ctx context.Context) error {
		calls.Add(1)
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(200 * time.Millisecond):
				activity.RecordHeartbeat(ctx)
				env.CancelWorkflow()
			}
		}
	}
	env.RegisterActivity(act)
	var returned error
	env.ExecuteWorkflow(sdk4TwoActivities(act, false, &returned))

	sdk4AssertCanceled(t, env, returned)
	assert.Equal(t, int32(1), calls.Load(), "the second activity, on a canceled context, never runs")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityOnCancelledContext
func TestSDK4ActivitiesOnACanceledContextNeverRun(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	act := func(ctx context.Context) error {
		calls.Add(1)
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(act)
	env.RegisterDelayedCallback(env.CancelWorkflow, 10*time.Minute)
	var returned error
	env.ExecuteWorkflow(sdk4TwoActivities(act, true, &returned))

	sdk4AssertCanceled(t, env, returned)
	assert.Zero(t, calls.Load())
	assert.Equal(t, testsuite.DefaultStartTime.Add(10*time.Minute), env.Now())
}
