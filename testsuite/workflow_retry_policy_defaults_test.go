package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A workflow retry policy is recorded with the server's defaults filled in
// (checked against a real Temporal server 1.31: a child started with only
// MaximumAttempts 1 is initiated with InitialInterval 1s, BackoffCoefficient
// 2, MaximumInterval 100s); MaximumAttempts 0 stays 0 (unlimited), and no
// policy stays no policy.
func TestWorkflowRetryPolicyRecordedWithServerDefaults(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) error { return nil }
	tests := []struct {
		name   string
		policy *wfsim.RetryPolicy
		want   *replay.RetryPolicy
	}{
		{"none", nil, nil},
		{"only maximum attempts", &wfsim.RetryPolicy{MaximumAttempts: 1},
			&replay.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second, MaximumAttempts: 1}},
		{"initial interval", &wfsim.RetryPolicy{InitialInterval: 3 * time.Second},
			&replay.RetryPolicy{InitialInterval: 3 * time.Second, BackoffCoefficient: 2, MaximumInterval: 300 * time.Second}},
		{"all set", &wfsim.RetryPolicy{InitialInterval: 2 * time.Second, BackoffCoefficient: 1.5, MaximumInterval: 5 * time.Second, MaximumAttempts: 4},
			&replay.RetryPolicy{InitialInterval: 2 * time.Second, BackoffCoefficient: 1.5, MaximumInterval: 5 * time.Second, MaximumAttempts: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			parent := func(ctx workflow.Context) error {
				ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "child", RetryPolicy: tt.policy})
				return workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil)
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
			env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "Child"})
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "parent", RetryPolicy: tt.policy})
			env.ExecuteWorkflow("Parent")
			require.NoError(t, env.GetWorkflowError())

			var initiated *replay.RetryPolicy
			for _, ev := range env.History().Events {
				if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
					initiated = a.RetryPolicy
				}
			}
			assert.Equal(t, tt.want, initiated, "child initiated")
			started := env.History().Events[0].GetWorkflowExecutionStartedEventAttributes().RetryPolicy
			assert.Equal(t, tt.want, started, "root started")
			childStarted := env.Histories("child")[0].Events[0].GetWorkflowExecutionStartedEventAttributes().RetryPolicy
			assert.Equal(t, tt.want, childStarted, "child started")
		})
	}
}
