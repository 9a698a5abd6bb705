package workflow_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Workflow code that writes to Info.Memo.Fields or
// Info.SearchAttributes.IndexedFields writes to its run's own copy: the
// recorded started events (its own, and a parent's initiated event)
// keep what the run started with.
func TestInfoMemoWritesChangeNoHistory(t *testing.T) {
	t.Parallel()
	leak := &converter.Payload{Data: []byte(`"leak"`)}
	child := func(ctx workflow.Context) error {
		info := workflow.GetInfo(ctx)
		info.Memo.Fields["leak"] = leak
		info.SearchAttributes.IndexedFields["leak"] = leak
		return nil
	}
	parent := func(ctx workflow.Context) error {
		workflow.GetInfo(ctx).Memo.Fields["leak"] = leak
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			Memo:             map[string]any{"k": "v"},
			SearchAttributes: map[string]any{"CustomKeywordField": "v"},
		})
		return workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	require.NoError(t, env.SetMemoOnStart(map[string]any{"k": "v"}))
	env.ExecuteWorkflow(parent)
	require.NoError(t, env.GetWorkflowError())
	h := env.History()
	started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotContains(t, started.Memo.GetFields(), "leak")
	var initiated int
	for _, ev := range h.Events {
		if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
			initiated++
			require.NotContains(t, a.Memo.GetFields(), "leak")
			require.NotContains(t, a.SearchAttributes.GetIndexedFields(), "leak")
		}
	}
	require.Equal(t, 1, initiated)
}
