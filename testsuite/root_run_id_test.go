package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The workflow under test runs as "default-test-run-id", as in Temporal's
// test environment (ported tests quote it in expected errors and infos);
// its child has a run ID of its own.
func TestRootRunIsDefaultTestRunID(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) {
		return workflow.GetInfo(ctx).WorkflowExecution.RunID, nil
	}
	parent := func(ctx workflow.Context) (string, error) {
		var childRun string
		if err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &childRun); err != nil {
			return "", err
		}
		return "", wfsim.NewApplicationError(workflow.GetInfo(ctx).WorkflowExecution.RunID+" "+childRun, "Runs")
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "runID: default-test-run-id)")
	var app *wfsim.ApplicationError
	require.ErrorAs(t, err, &app)
	assert.Equal(t, "default-test-run-id run-2", app.Message())
}
