package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Histories checked against what a Temporal server (1.31) and Temporal's
// SDK (1.51) make of the same workflows (session 9).

// TestChildClosedWithItsStartDropsTheCancel: a child whose context is
// canceled before it started is canceled when its start arrives, unless
// its close arrives in the same workflow task: then the cancellation is
// moot, and Temporal's SDK sends no RequestCancelExternalWorkflowExecution
// (its replayer rejects a history that has one).
func TestChildClosedWithItsStartDropsTheCancel(t *testing.T) {
	t.Parallel()
	quick := func(ctx workflow.Context) (string, error) { return "done", nil }
	parent := func(ctx workflow.Context) (string, error) {
		cctx, cancel := workflow.WithCancel(ctx)
		cctx = workflow.WithChildOptions(cctx, workflow.ChildWorkflowOptions{WorkflowID: "quick"})
		f := workflow.ExecuteChildWorkflow(cctx, "Quick")
		cancel()
		var s string
		err := f.Get(ctx, &s)
		return s, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(quick, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "CancelsQuick"})
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "parent"})
	env.ExecuteWorkflow("CancelsQuick")
	require.NoError(t, env.GetWorkflowError())
	var s string
	require.NoError(t, env.GetWorkflowResult(&s))
	assert.Equal(t, "done", s)
	h := env.History()
	var types []replay.EventType
	for _, ev := range h.Events {
		types = append(types, ev.EventType)
	}
	assert.NotContains(t, types, replay.EventTypeRequestCancelExternalWorkflowExecutionInitiated)
	assert.NotContains(t, types, replay.EventTypeRequestCancelExternalWorkflowExecutionFailed)

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "CancelsQuick"})
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
}
