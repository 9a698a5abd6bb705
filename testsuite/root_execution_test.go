package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// rootOfChain continues as new until runs is zero, then returns the root
// execution its run was started with; it panics without one, so that a
// replay that loses the root fails.
func rootOfChain(ctx workflow.Context, runs int) (workflow.WorkflowExecution, error) {
	if runs > 0 {
		return workflow.WorkflowExecution{}, workflow.NewContinueAsNewError(ctx, rootOfChain, runs-1)
	}
	root := workflow.GetInfo(ctx).RootWorkflowExecution
	if root == nil {
		panic("a child without a root execution")
	}
	return *root, nil
}

// rootParent runs rootOfChain as a child and returns its own execution and
// the child's root.
func rootParent(ctx workflow.Context) ([]workflow.WorkflowExecution, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "chain", WorkflowRunTimeout: time.Minute})
	var root workflow.WorkflowExecution
	err := workflow.ExecuteChildWorkflow(ctx, rootOfChain, 1).Get(ctx, &root)
	return []workflow.WorkflowExecution{workflow.GetInfo(ctx).WorkflowExecution, root}, err
}

// A child's WorkflowExecutionStarted names the root of its tree, as a
// server records it (a continued run keeps it; a workflow without a parent
// has none), and replaying the child's history gives it back to the code.
func TestRootExecutionIsRecordedAndReplayed(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(rootOfChain)
	env.ExecuteWorkflow(rootParent)
	require.NoError(t, env.GetWorkflowError())
	var got []workflow.WorkflowExecution
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Len(t, got, 2)
	assert.Equal(t, got[0], got[1], "the child's root is its parent")

	started := func(h *replay.History) *replay.WorkflowExecutionStartedEventAttributes {
		a, ok := h.Events[0].Attributes.(*replay.WorkflowExecutionStartedEventAttributes)
		require.True(t, ok)
		return a
	}
	assert.Nil(t, started(env.History()).RootWorkflowExecution, "the top workflow has no root")
	runs := env.Histories("chain")
	require.Len(t, runs, 2)
	for _, h := range runs {
		assert.Equal(t, &replay.WorkflowExecution{WorkflowID: got[0].ID, RunID: got[0].RunID}, started(h).RootWorkflowExecution)
	}

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflow(rootOfChain)
	assert.NoError(t, r.ReplayWorkflowHistory(nil, runs[1]))
}
