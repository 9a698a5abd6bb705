package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// continueAfter sleeps d (none when 0), then continues as new with runs-1
// until runs is 1; it returns the time its run's code started.
func continueAfter(ctx workflow.Context, d time.Duration, runs int) (time.Time, error) {
	start := workflow.Now(ctx)
	if runs == 1 {
		return start, nil
	}
	if d > 0 {
		if err := workflow.Sleep(ctx, d); err != nil {
			return start, err
		}
	}
	return start, workflow.NewContinueAsNewError(ctx, continueAfter, d, runs-1)
}

// A run that continues as new sooner than a second after it began makes the
// server hold the next run's first workflow task until that second is up
// (its minimal interval between runs), recorded as the next run's
// firstWorkflowTaskBackoff.
func TestContinueAsNewKeepsTheMinimalIntervalBetweenRuns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lived, wantBackoff time.Duration
	}{
		{lived: 0, wantBackoff: time.Second},
		{lived: 300 * time.Millisecond, wantBackoff: 700 * time.Millisecond},
		{lived: time.Second, wantBackoff: 0},
		{lived: time.Minute, wantBackoff: 0},
	}
	for _, tt := range tests {
		t.Run(tt.lived.String(), func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.RegisterWorkflow(continueAfter)
			env.FollowContinueAsNew(0)
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "chain"})
			env.ExecuteWorkflow(continueAfter, tt.lived, 3)
			var lastStart time.Time
			require.NoError(t, env.GetWorkflowResult(&lastStart))
			runs := env.Histories("chain")
			require.Len(t, runs, 3)
			for i, h := range runs[1:] {
				started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
				assert.Equal(t, tt.wantBackoff, started.FirstWorkflowTaskBackoff, "run %d", i+2)
			}
			perRun := max(tt.lived, time.Second)
			assert.Equal(t, runs[0].Events[0].EventTime.Add(2*perRun), lastStart)
		})
	}
}

func alwaysFails(ctx workflow.Context) error {
	return wfsim.NewApplicationError("no", "Fail")
}

// A workflow retry whose backoff would start the next attempt within a
// second of the failed one's start is held to that second too.
func TestWorkflowRetryKeepsTheMinimalIntervalBetweenRuns(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(alwaysFails)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "retried",
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: 100 * time.Millisecond, MaximumAttempts: 2}})
	env.ExecuteWorkflow(alwaysFails)
	require.Error(t, env.GetWorkflowError())
	runs := env.Histories("retried")
	require.Len(t, runs, 2)
	assert.Equal(t, time.Second, runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().FirstWorkflowTaskBackoff)
}
