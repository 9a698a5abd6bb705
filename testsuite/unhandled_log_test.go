package testsuite_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestUnhandledEventsDroppedAreLogged: a run that received an update cannot
// be rebuilt, so a signal arriving while its closing task runs is dropped;
// an unbound environment says so in its log, naming the run.
func TestUnhandledEventsDroppedAreLogged(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	var s testsuite.WorkflowTestSuite
	s.SetLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		return env.SignalWorkflowByID(activity.GetInfo(ctx).WorkflowExecution.ID, "s", "x")
	}, activity.RegisterOptions{Name: "Notify"})
	env.UpdateWorkflow("ping", "u1", &testsuite.TestUpdateCallback{}) // goes with the start
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		if err := workflow.SetUpdateHandler(ctx, "ping", func(workflow.Context) error { return nil }); err != nil {
			return nil, err
		}
		return NotifyThenDrain(ctx)
	})
	require.NoError(t, env.GetWorkflowError())
	out := logs.String()
	assert.Contains(t, out, "signals or cancellation requests dropped")
	assert.Contains(t, out, "WorkflowID=default-test-workflow-id")
	assert.Contains(t, out, "RunID=default-test-run-id")
}
