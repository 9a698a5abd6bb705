package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The activity-canceled listener follows the server: it is called when an
// activity's cancellation is recorded (ActivityTaskCanceled) or when its
// run closes after asking for it without waiting. A mock cannot see the
// cancellation, so one canceled without WaitForCancellation whose After
// has not come is reported when the run closes, not when the workflow
// asked (where Temporal's test environment reports it: pinned in the
// README, 0x63616c/software-factory's dispatcher test looks in between).
func TestCanceledListenerWaitsForTheRecordedCancellation(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Echo)
	env.OnActivity(Echo, mock.Anything, mock.Anything).After(time.Hour).Return("late", nil)
	var canceledAt []time.Duration
	env.SetOnActivityCanceledListener(func(info *activity.Info) {
		canceledAt = append(canceledAt, env.Now().Sub(testsuite.DefaultStartTime))
	})
	seenAt2s := -1
	env.RegisterDelayedCallback(func() { seenAt2s = len(canceledAt) }, 2*time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		out, err := cancelAfter(ctx, actCase{Activity: "Echo", Input: "x", Options: workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour}}, time.Second)
		if err != nil {
			return "", err
		}
		return out, workflow.Sleep(ctx, 3*time.Second)
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "1s CanceledError", out)
	require.Equal(t, 0, seenAt2s, "listener called before the run closed")
	require.Equal(t, []time.Duration{4 * time.Second}, canceledAt)
}
