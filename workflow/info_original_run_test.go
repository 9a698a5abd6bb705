package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sleepsOnlyInRun1 issues a timer only when its original run is "default-test-run-id".
func sleepsOnlyInRun1(ctx workflow.Context) (string, error) {
	id := workflow.GetInfo(ctx).OriginalRunID
	if id == "default-test-run-id" {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return "", err
		}
	}
	return id, nil
}

// Info.OriginalRunID is the history's originalExecutionRunId on replay,
// as in Temporal, not the run ID a replay is given: a workflow that
// branches on it replays against its own history.
func TestOriginalRunIDOnReplayIsTheHistorys(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(sleepsOnlyInRun1)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "default-test-run-id", got)

	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(sleepsOnlyInRun1)
	err := rp.ReplayWorkflowHistoryWithOptions(nil, env.History(), replay.ReplayWorkflowHistoryOptions{
		OriginalExecution: workflow.WorkflowExecution{ID: "w", RunID: "another-run"}})
	require.NoError(t, err)
}
