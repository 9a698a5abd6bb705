package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestRecordedRetryPolicy checks that ActivityTaskScheduled holds the retry
// policy as the server stores it: defaults filled in, an unset maximum of
// attempts left at 0 (unlimited).
func TestRecordedRetryPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		policy *wfsim.RetryPolicy
		want   replay.RetryPolicy
	}{
		{"unset", nil, replay.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second}},
		{"bounded", &wfsim.RetryPolicy{InitialInterval: 2 * time.Second, MaximumAttempts: 3},
			replay.RetryPolicy{InitialInterval: 2 * time.Second, BackoffCoefficient: 2, MaximumInterval: 200 * time.Second, MaximumAttempts: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.RegisterActivity(Step)
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: tc.policy})
				return workflow.ExecuteActivity(ctx, Step, "x").Get(ctx, nil)
			})
			require.NoError(t, env.GetWorkflowError())
			var got *replay.RetryPolicy
			for _, ev := range env.History().Events {
				if ev.GetActivityTaskScheduledEventAttributes() != nil {
					got = ev.GetActivityTaskScheduledEventAttributes().RetryPolicy
				}
			}
			require.NotNil(t, got)
			require.Equal(t, tc.want, *got)
		})
	}
}
