package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Provision stands for an activity a test replaces with a mock.
func Provision(context.Context, string) (string, error) { return "real", nil }

// provisionUntilDeleted starts Provision and, when the "delete" signal comes
// first, cancels it and reports what its future gives then.
func provisionUntilDeleted(ctx workflow.Context, wait bool) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour,
		WaitForCancellation: wait,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	actx, cancel := workflow.WithCancel(ctx)
	f := workflow.ExecuteActivity(actx, Provision, "svc")
	workflow.NewSelector(ctx).
		AddFuture(f, func(workflow.Future) {}).
		AddReceive(workflow.GetSignalChannel(ctx, "delete"), func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, nil)
			cancel()
		}).
		Select(ctx)
	var out string
	err := f.Get(ctx, &out)
	var canceled *wfsim.CanceledError
	var timeout *wfsim.TimeoutError
	switch {
	case err == nil:
		out = "completed " + out
	case errors.As(err, &canceled):
		out = "canceled"
	case errors.As(err, &timeout):
		out = "timed out " + timeout.TimeoutType().String()
	default:
		return "", err
	}
	return workflow.Now(ctx).Sub(testsuite.DefaultStartTime).String() + " " + out, nil
}

// A mock cannot see a cancellation: with WaitForCancellation its future
// waits for what the mock gives, as a server waits for the worker's answer;
// without, the future is canceled when the request is made.
func TestCanceledMockAnswersItself(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		wait    bool
		pending bool
		want    string
	}{
		{name: "waiting, a mock that takes a minute completes", wait: true, want: "1m0s completed mocked"},
		{name: "waiting, a pending mock times out", wait: true, pending: true, want: "1h0m0s timed out StartToClose"},
		{name: "not waiting, a mock that takes a minute is canceled at once", want: "1s canceled"},
		{name: "not waiting, a pending mock is canceled at once", pending: true, want: "1s canceled"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Provision)
			var err error
			if tt.pending {
				err = activity.ErrResultPending
			}
			env.OnActivity(Provision, mock.Anything, "svc").Return("mocked", err).After(time.Minute).Once()
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("delete", nil) }, time.Second)
			env.ExecuteWorkflow(provisionUntilDeleted, tt.wait)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, tt.want, got)
			env.AssertExpectations(t)
		})
	}
}
