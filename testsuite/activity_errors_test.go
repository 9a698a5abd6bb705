package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// errorOf runs the named activity once and returns the error its Future
// gave, as the workflow saw it (the test reads it from the closure).
func errorOf(t *testing.T, register func(env *testsuite.TestWorkflowEnvironment), name string) error {
	t.Helper()
	env := testsuite.NewTestWorkflowEnvironment(t)
	register(env)
	var seen error
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry})
		seen = workflow.ExecuteActivity(ctx, name, "x").Get(ctx, nil)
		return nil
	})
	require.NoError(t, env.GetWorkflowError())
	return seen
}

// The errors a workflow sees, with Temporal's texts.
func TestActivityErrorsAsTheWorkflowSeesThem(t *testing.T) {
	t.Parallel()
	t.Run("ApplicationError", func(t *testing.T) {
		t.Parallel()
		err := errorOf(t, func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(Fail) }, "Fail")
		require.EqualError(t, err, "activity error (type: Fail, scheduledEventID: 5, startedEventID: 6, identity: wfsim-worker): boom (type: Boom, retryable: true)")
		ae := activityErrorOf(t, err)
		require.Equal(t, "Fail", ae.ActivityType().Name)
		require.Equal(t, "5", ae.ActivityID())
		require.Equal(t, int64(5), ae.ScheduledEventID())
		require.Equal(t, int64(6), ae.StartedEventID())
		require.Equal(t, wfsim.RetryStateMaximumAttemptsReached, ae.RetryState())
		var app *wfsim.ApplicationError
		require.ErrorAs(t, err, &app)
		require.Equal(t, "Boom", app.Type())
	})
	t.Run("PanicError", func(t *testing.T) {
		t.Parallel()
		err := errorOf(t, func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(func(ctx context.Context, s string) error { panic("kaboom") }, activity.RegisterOptions{Name: "Panicky"})
		}, "Panicky")
		var pe *wfsim.PanicError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, "kaboom", pe.Error())
		require.Contains(t, pe.StackTrace(), "activity_errors_test.go")
		require.EqualError(t, err, "activity error (type: Panicky, scheduledEventID: 5, startedEventID: 6, identity: wfsim-worker): kaboom")
	})
	t.Run("a Go error becomes an ApplicationError typed after it", func(t *testing.T) {
		t.Parallel()
		err := errorOf(t, func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(func(ctx context.Context, s string) error { return &quotaError{} }, activity.RegisterOptions{Name: "Quota"})
		}, "Quota")
		var app *wfsim.ApplicationError
		require.ErrorAs(t, err, &app)
		require.Equal(t, "quotaError", app.Type())
		require.Equal(t, "over quota", app.Message())
		var qe *quotaError
		require.False(t, errors.As(err, &qe), "the original Go error does not cross the history")
	})
}
