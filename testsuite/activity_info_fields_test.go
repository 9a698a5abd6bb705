package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The fields of activity.Info that Temporal's server fills in: the
// namespace and the retry policy with its defaults.
func TestActivityInfoNamespaceAndRetryPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  *wfsim.RetryPolicy
		local  bool
		wantRP wfsim.RetryPolicy
	}{
		{"defaults", nil, false, wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second}},
		{"given", &wfsim.RetryPolicy{InitialInterval: 3 * time.Second, MaximumAttempts: 4, NonRetryableErrorTypes: []string{"Bad"}}, false,
			wfsim.RetryPolicy{InitialInterval: 3 * time.Second, BackoffCoefficient: 2, MaximumInterval: 300 * time.Second, MaximumAttempts: 4, NonRetryableErrorTypes: []string{"Bad"}}},
		{"local", &wfsim.RetryPolicy{MaximumAttempts: 2}, true, wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second, MaximumAttempts: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			var got activity.Info
			env.RegisterActivityWithOptions(func(ctx context.Context) error {
				got = activity.GetInfo(ctx)
				return nil
			}, activity.RegisterOptions{Name: "Probe"})
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				if tt.local {
					ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: tt.given})
					return workflow.ExecuteLocalActivity(ctx, "Probe").Get(ctx, nil)
				}
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: tt.given})
				return workflow.ExecuteActivity(ctx, "Probe").Get(ctx, nil)
			})
			require.NoError(t, env.GetWorkflowError())
			require.Equal(t, "default", got.Namespace)
			require.Equal(t, got.WorkflowNamespace, got.Namespace)
			require.NotNil(t, got.RetryPolicy)
			require.Equal(t, tt.wantRP, *got.RetryPolicy)
		})
	}
}
