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

// slowActivity ignores its context and takes 600ms.
func slowActivity(ctx context.Context) error {
	time.Sleep(600 * time.Millisecond)
	return nil
}

// SlowCaller runs slowActivity with a 500ms StartToClose timeout and one
// attempt.
func SlowCaller(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 500 * time.Millisecond,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	return workflow.ExecuteActivity(ctx, slowActivity).Get(ctx, nil)
}

// As in Temporal's test environment, an attempt past its StartToClose times
// out whether or not it returns within the grace period.
func TestSetActivityTimeoutGracePeriod(t *testing.T) {
	t.Parallel()
	for _, grace := range []time.Duration{0, 200 * time.Millisecond, time.Second} {
		t.Run(grace.String(), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			assert.Same(t, env, env.SetActivityTimeoutGracePeriod(grace))
			env.RegisterActivity(slowActivity)
			env.ExecuteWorkflow(SlowCaller)
			require.True(t, env.IsWorkflowCompleted())
			var te *wfsim.TimeoutError
			require.True(t, errors.As(env.GetWorkflowError(), &te), "got %v", env.GetWorkflowError())
			assert.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
			assert.Equal(t, 500*time.Millisecond, env.Now().Sub(testsuite.DefaultStartTime))
		})
	}
}
