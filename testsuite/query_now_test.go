package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A query handler's workflow.Now is the time of the run's last workflow
// task, as a worker answering a query from its cached state reports it: the
// query adds no event, so the run's clock does not move. Temporal's test
// environment answers with the environment's clock instead (the time the
// query is made), and a ported test that compares a query's Now-based
// answer with env.Now() differs by the time since that task (the server's
// deleteexecutions stats test: 20s vs 20.1s).
func TestQueryHandlerNowIsLastWorkflowTaskTime(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		if err := workflow.SetQueryHandler(ctx, "now", func() (time.Time, error) {
			return workflow.Now(ctx), nil
		}); err != nil {
			return err
		}
		if err := workflow.Sleep(ctx, 5*time.Second); err != nil {
			return err
		}
		return workflow.Sleep(ctx, 10*time.Second)
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	env.SetStartTime(start)
	var atStart, afterTimer time.Time
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow("now")
		require.NoError(t, err)
		require.NoError(t, v.Get(&atStart))
	}, 3*time.Second)
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow("now")
		require.NoError(t, err)
		require.NoError(t, v.Get(&afterTimer))
	}, 7*time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	require.True(t, atStart.Equal(start), "query at +3s: %v", atStart)
	require.True(t, afterTimer.Equal(start.Add(5*time.Second)), "query at +7s: %v", afterTimer)
}
