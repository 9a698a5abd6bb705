package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Without a bubble, activity code runs on the simulation's goroutine. A
// completion it makes of its own attempt is queued, and applied when the
// code returns, in an environment that has no mocks, delayed callbacks or
// listeners; with any of them it applies at once — also when the only mocks
// return plain values and the simulation's goroutine ID is read late, just
// before the code runs.
func TestCompletionFromInlineActivityCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		mock func(env *testsuite.TestWorkflowEnvironment)
		// wantPending is how many activities the code sees pending
		// after completing its own.
		wantPending int
	}{
		{"no mocks", func(*testsuite.TestWorkflowEnvironment) {}, 1},
		{"a mock returning values", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity("Other", mock.Anything, mock.Anything).Return("x", nil)
		}, 0},
		{"a mock running code", func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity("Other", mock.Anything, mock.Anything).Return("x", nil).Run(func(mock.Arguments) {})
		}, 0},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			// Mocking by name takes a registered name.
			env.RegisterActivityWithOptions(func(context.Context, string) (string, error) { return "", nil }, activity.RegisterOptions{Name: "Other"})
			tt.mock(env)
			pending := -1
			env.RegisterActivityWithOptions(func(ctx context.Context, in string) (string, error) {
				if err := env.CompleteActivity(activity.GetInfo(ctx).TaskToken, "early", nil); err != nil {
					return "", err
				}
				pending = len(env.PendingActivities())
				return "late", nil
			}, activity.RegisterOptions{Name: "Self"})
			env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Self", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute}})
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, "early", out)
			require.Equal(t, tt.wantPending, pending)
			require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"Completed", 0}}, actEvents(env.History()))
		})
	}
}
