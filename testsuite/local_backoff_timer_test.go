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
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// backoffLocalWorkflow runs a local activity whose retry backoffs (2m, 4m)
// are longer than the workflow task timeout: the workflow waits them out
// with timers.
func backoffLocalWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    time.Minute,
		ScheduleToCloseTimeout: time.Hour,
		RetryPolicy:            &wfsim.RetryPolicy{InitialInterval: 2 * time.Minute, BackoffCoefficient: 2, MaximumAttempts: 3},
	})
	var out string
	err := workflow.ExecuteLocalActivity(ctx, "Flaky").Get(ctx, &out)
	return out, err
}

// The timer that waits out a long local activity backoff carries the
// summary Temporal's SDK gives it, "LocalActivity Backoff", as its
// TimerStarted event's user metadata.
func TestLocalActivityBackoffTimerSummary(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context) (string, error) {
		if activity.GetInfo(ctx).Attempt < 3 {
			return "", errors.New("not yet")
		}
		return "third time", nil
	}, activity.RegisterOptions{Name: "Flaky"})
	env.ExecuteWorkflow(backoffLocalWorkflow)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "third time", out)
	var timers []time.Duration
	for _, ev := range env.History().Events {
		a := ev.GetTimerStartedEventAttributes()
		if a == nil {
			continue
		}
		timers = append(timers, a.StartToFireTimeout)
		require.NotNil(t, ev.GetUserMetadata(), "timer %s has no user metadata:\n%s", a.TimerID, env.History())
		var summary string
		require.NoError(t, converter.GetDefaultDataConverter().FromPayload(ev.GetUserMetadata().GetSummary(), &summary))
		require.Equal(t, "LocalActivity Backoff", summary)
	}
	require.Equal(t, []time.Duration{2 * time.Minute, 4 * time.Minute}, timers)
	replayOwn(t, backoffLocalWorkflow, env.History())
}
