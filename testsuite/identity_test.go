package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func failingActivity(ctx context.Context) error {
	return wfsim.NewNonRetryableApplicationError("no", "Refused", nil)
}

// FailedActivityIdentity returns the identity of the worker an activity
// failed on, as its ActivityError tells it.
func FailedActivityIdentity(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteActivity(ctx, failingActivity).Get(ctx, nil)
	var ae *wfsim.ActivityError
	if !errors.As(err, &ae) {
		return "", err
	}
	return ae.Identity(), nil
}

func TestSetIdentity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, identity, want string
	}{
		{name: "default", want: "wfsim-worker"},
		{name: "set", identity: "worker-7@host", want: "worker-7@host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			if tc.identity != "" {
				assert.Same(t, env, env.SetIdentity(tc.identity))
			}
			env.RegisterActivity(failingActivity)
			env.ExecuteWorkflow(FailedActivityIdentity)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tc.want, got)
			// The worker's events carry it; the client's (the start) do not.
			h := env.History()
			assert.Equal(t, "wfsim-worker", h.Events[0].GetWorkflowExecutionStartedEventAttributes().Identity)
			for _, ev := range h.Events {
				if a := ev.GetWorkflowTaskCompletedEventAttributes(); a != nil {
					assert.Equal(t, tc.want, a.Identity)
				}
				if a := ev.GetActivityTaskStartedEventAttributes(); a != nil {
					assert.Equal(t, tc.want, a.Identity)
				}
			}

			aenv := testsuite.NewTestActivityEnvironment(t)
			if tc.identity != "" {
				assert.Same(t, aenv, aenv.SetIdentity(tc.identity))
			}
			aenv.RegisterActivity(failingActivity)
			_, err := aenv.ExecuteActivity(failingActivity)
			var ae *wfsim.ActivityError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.want, ae.Identity())
		})
	}
}
