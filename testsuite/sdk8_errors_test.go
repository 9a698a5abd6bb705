package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Detail values the errors below carry across the activity and workflow
// boundaries.
type sdk8Record struct {
	Name string
	Age  int
}

type sdk8WithPointer struct {
	Name      string
	Age       int
	Favorites *[]string
}

var sdk8Struct = sdk8Record{"a string", 321}

// sdk8ActivityFailure runs fn (an activity returning only an error) in an
// activity environment and returns the cause inside the *ActivityError it
// fails with.
func sdk8ActivityFailure(t *testing.T, fn func() error) error {
	t.Helper()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(fn)
	_, err := env.ExecuteActivity(fn)
	require.Error(t, err)
	var actErr *wfsim.ActivityError
	require.ErrorAs(t, err, &actErr)
	return errors.Unwrap(actErr)
}

// sdk8WorkflowFailure runs a workflow returning err and returns the cause
// inside the *WorkflowExecutionError it fails with.
func sdk8WorkflowFailure(t *testing.T, err error) error {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error { return err }
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf)
	got := env.GetWorkflowError()
	require.Error(t, got)
	var wfErr *wfsim.WorkflowExecutionError
	require.ErrorAs(t, got, &wfErr)
	return errors.Unwrap(wfErr)
}

// Temporal: internal/error_test.go Test_GenericGoError
func TestSDKPlainGoErrorsArriveAsApplicationErrors(t *testing.T) {
	t.Parallel()
	cause := sdk8ActivityFailure(t, func() error { return errors.New("activity error") })
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, cause, &appErr)
	require.Equal(t, "activity error", cause.Error())

	cause = sdk8WorkflowFailure(t, errors.New("workflow error"))
	require.ErrorAs(t, cause, &appErr)
	require.Equal(t, "workflow error", cause.Error())
}

// Temporal: internal/error_test.go Test_ActivityNotRegistered
func TestSDKActivityNotRegisteredNamesWhatIs(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivityWithOptions(func() error { return nil }, activity.RegisterOptions{Name: "RegisteredActivity"})
	_, err := env.ExecuteActivity("UnregisteredActivityFn")
	require.Error(t, err)
	require.ErrorContains(t, err, "unable to find activityType=UnregisteredActivityFn")
	require.ErrorContains(t, err, "RegisteredActivity")
	// As a worker reports it: an ApplicationError typed after Temporal's
	// ActivityNotRegisteredError, retryable.
	var appErr *wfsim.ApplicationError
	require.ErrorAs(t, err, &appErr)
	require.Equal(t, "unable to find activityType=UnregisteredActivityFn. Supported types: [RegisteredActivity] (type: ActivityNotRegisteredError, retryable: true)", appErr.Error())
}

// Temporal: internal/error_test.go Test_ApplicationError (the parts that cross
// an activity and a workflow)
func TestSDKApplicationErrorDetailsCrossActivityAndWorkflow(t *testing.T) {
	t.Parallel()
	original := wfsim.NewApplicationError("CustomReasonA", "", "my details", 123, sdk8Struct)
	for name, cause := range map[string]error{
		"activity": sdk8ActivityFailure(t, func() error { return original }),
		"workflow": sdk8WorkflowFailure(t, original),
	} {
		var appErr *wfsim.ApplicationError
		require.ErrorAs(t, cause, &appErr, name)
		require.True(t, appErr.HasDetails(), name)
		var s string
		var n int
		var r sdk8Record
		require.NoError(t, appErr.Details(&s, &n, &r), name)
		require.Equal(t, "my details", s, name)
		require.Equal(t, 123, n, name)
		require.Equal(t, sdk8Struct, r, name)
	}
}

// Temporal: internal/error_test.go Test_ApplicationError_Pointer
func TestSDKApplicationErrorPointerDetailsCrossActivityAndWorkflow(t *testing.T) {
	t.Parallel()
	want := sdk8WithPointer{"a string", 321, &[]string{"eat", "code"}}
	byValue := wfsim.NewApplicationError("CustomReasonA", "", want)
	byPointer := wfsim.NewApplicationError("CustomReasonA", "", &want)
	for name, cause := range map[string]error{
		"activity": sdk8ActivityFailure(t, func() error { return byValue }),
		"workflow": sdk8WorkflowFailure(t, byValue),
	} {
		var appErr *wfsim.ApplicationError
		require.ErrorAs(t, cause, &appErr, name)
		var got sdk8WithPointer
		require.NoError(t, appErr.Details(&got), name)
		require.Equal(t, want, got, name)
	}
	for name, cause := range map[string]error{
		"activity": sdk8ActivityFailure(t, func() error { return byPointer }),
		"workflow": sdk8WorkflowFailure(t, byPointer),
	} {
		var appErr *wfsim.ApplicationError
		require.ErrorAs(t, cause, &appErr, name)
		got := &sdk8WithPointer{}
		require.NoError(t, appErr.Details(&got), name)
		require.Equal(t, &want, got, name)
	}
}

// Temporal: internal/error_test.go Test_CanceledError (the parts that cross
// an activity and a workflow)
func TestSDKCanceledErrorDetailsCrossActivityAndWorkflow(t *testing.T) {
	t.Parallel()
	original := wfsim.NewCanceledError("my details", 123, sdk8Struct)
	check := func(name string, cause error) {
		var canceled *wfsim.CanceledError
		require.ErrorAs(t, cause, &canceled, name)
		require.True(t, canceled.HasDetails(), name)
		var s string
		var n int
		var r sdk8Record
		require.NoError(t, canceled.Details(&s, &n, &r), name)
		require.Equal(t, "my details", s, name)
		require.Equal(t, 123, n, name)
		require.Equal(t, sdk8Struct, r, name)
	}
	check("activity", sdk8ActivityFailure(t, func() error { return original }))

	// A workflow that returns a CanceledError is canceled, with the
	// error's details.
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) error { return original })
	var wfErr *wfsim.WorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &wfErr)
	check("workflow", errors.Unwrap(wfErr))
}

// Temporal: internal/error_test.go Test_TimeoutError_WithDetails
func TestSDKActivityTimeoutCarriesLastHeartbeatDetails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		timeout  wfsim.TimeoutType
		options  workflow.ActivityOptions
		wantText string
	}{
		{"heartbeat", wfsim.TimeoutTypeHeartbeat,
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 2 * time.Second}, ""},
		{"schedule to close", wfsim.TimeoutTypeScheduleToClose,
			workflow.ActivityOptions{ScheduleToCloseTimeout: 5 * time.Second}, ""},
		{"start to close", wfsim.TimeoutTypeStartToClose,
			workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			hang := func(ctx context.Context) error {
				activity.RecordHeartbeat(ctx, "my details")
				<-ctx.Done()
				return ctx.Err()
			}
			env.RegisterActivityWithOptions(hang, activity.RegisterOptions{Name: "Hang"})
			var seen error
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				opts := tt.options
				opts.RetryPolicy = &wfsim.RetryPolicy{MaximumAttempts: 1}
				ctx = workflow.WithActivityOptions(ctx, opts)
				seen = workflow.ExecuteActivity(ctx, "Hang").Get(ctx, nil)
				return nil
			})
			require.NoError(t, env.GetWorkflowError())
			var timeoutErr *wfsim.TimeoutError
			require.ErrorAs(t, seen, &timeoutErr)
			require.Equal(t, tt.timeout, timeoutErr.TimeoutType())
			require.True(t, timeoutErr.HasLastHeartbeatDetails())
			var s string
			require.NoError(t, timeoutErr.LastHeartbeatDetails(&s))
			require.Equal(t, "my details", s)
		})
	}
}

// Temporal: internal/error_test.go Test_SignalExternalWorkflowExecutionFailedError
func TestSDKSignalToMissingWorkflowFailsWithUnknownExternal(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen error
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		seen = workflow.SignalExternalWorkflow(ctx, "nobody", "", "ping", nil).Get(ctx, nil)
		return nil
	})
	require.NoError(t, env.GetWorkflowError())
	var unknown *wfsim.UnknownExternalWorkflowExecutionError
	require.ErrorAs(t, seen, &unknown)
}

// Temporal: internal/error_test.go Test_ContinueAsNewError and
// Test_ContinueAsNewErrorWithOptions (without the header: Temporal sets the
// suite's header through an unexported field)
func TestSDKContinueAsNewErrorReachesTheTest(t *testing.T) {
	t.Parallel()
	policy := &wfsim.RetryPolicy{BackoffCoefficient: 1.1, InitialInterval: 2 * time.Second, MaximumAttempts: 23, MaximumInterval: time.Minute}
	tests := []struct {
		name    string
		options *workflow.ContinueAsNewErrorOptions
	}{
		{"plain", nil},
		{"with options", &workflow.ContinueAsNewErrorOptions{RetryPolicy: policy, BackoffStartInterval: 3 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			const name = "continueAsNewWorkflowFn"
			env := testsuite.NewTestWorkflowEnvironment(t)
			wf := func(ctx workflow.Context, n int, s string) error {
				if tt.options == nil {
					return workflow.NewContinueAsNewError(ctx, name, 1234, "some random input")
				}
				err := workflow.NewContinueAsNewErrorWithOptions(ctx, *tt.options, name, 1234, "some random input")
				// The options are on the error the workflow returns.
				var can *workflow.ContinueAsNewError
				if !errors.As(err, &can) || can.RetryPolicy == nil || can.BackoffStartInterval != tt.options.BackoffStartInterval {
					return errors.New("options missing from the error")
				}
				return err
			}
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: name})
			env.ExecuteWorkflow(wf, 101, "another random string")

			var wfErr *wfsim.WorkflowExecutionError
			require.ErrorAs(t, env.GetWorkflowError(), &wfErr)
			var can *wfsim.ContinueAsNewError
			require.ErrorAs(t, errors.Unwrap(wfErr), &can)
			require.Equal(t, name, can.WorkflowType.Name)
			var n int
			var s string
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &n, &s))
			require.Equal(t, 1234, n)
			require.Equal(t, "some random input", s)
			if tt.options == nil {
				require.Nil(t, can.RetryPolicy)
				require.Zero(t, can.BackoffStartInterval)
				return
			}
			require.Equal(t, policy, can.RetryPolicy)
			require.Equal(t, 3*time.Second, can.BackoffStartInterval)
		})
	}
}

// The fix's own test: a run continued with BackoffStartInterval starts its
// first workflow task that much later, and both the ContinuedAsNew and the
// new run's Started event record it, as the server does.
func TestSDKContinueAsNewBackoffDelaysTheNextRun(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.FollowContinueAsNew(2)
	wf := func(ctx workflow.Context, run int) error {
		if run == 0 {
			return workflow.NewContinueAsNewErrorWithOptions(ctx,
				workflow.ContinueAsNewErrorOptions{BackoffStartInterval: 3 * time.Second}, "Looper", 1)
		}
		return nil
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Looper"})
	env.ExecuteWorkflow("Looper", 0)
	require.NoError(t, env.GetWorkflowError())

	runs := env.Histories(env.WorkflowIDs()[0])
	require.Len(t, runs, 2)
	first, second := runs[0].Events, runs[1].Events
	require.Equal(t, 3*time.Second, first[len(first)-1].GetWorkflowExecutionContinuedAsNewEventAttributes().BackoffStartInterval)
	require.Equal(t, 3*time.Second, second[0].GetWorkflowExecutionStartedEventAttributes().FirstWorkflowTaskBackoff)
	// The new run's first workflow task is scheduled 3s after it started.
	require.Equal(t, replay.EventTypeWorkflowTaskScheduled, second[1].EventType)
	require.Equal(t, 3*time.Second, second[1].EventTime.Sub(second[0].EventTime))
}
