package testsuite_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The fix's own test for NamespaceNotFoundError: the simulator knows every
// namespace, but a server's history may say one is missing. A history
// recorded here is edited to say so, and replaying it hands the workflow
// Temporal's errors: *NamespaceNotFoundError for a signal, a cancellation
// and (as the cause of a ChildWorkflowExecutionError) a child start.
func TestSDKNamespaceNotFoundFromAHistory(t *testing.T) {
	t.Parallel()
	var seen []error
	wf := func(ctx workflow.Context) error {
		seen = nil
		seen = append(seen, workflow.SignalExternalWorkflow(ctx, "nobody", "", "ping", nil).Get(ctx, nil))
		seen = append(seen, workflow.RequestCancelExternalWorkflow(ctx, "nobody", "").Get(ctx, nil))
		// A child with the parent's own ID cannot start.
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "taken"})
		seen = append(seen, workflow.ExecuteChildWorkflow(cctx, "Child").Get(ctx, nil))
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Parent"})
	env.RegisterWorkflowWithOptions(func(ctx workflow.Context) error { return nil }, workflow.RegisterOptions{Name: "Child"})
	env.DisableReplayCheck()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "taken"})
	env.ExecuteWorkflow("Parent")
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, seen, 3)
	require.ErrorAs(t, seen[0], new(*wfsim.UnknownExternalWorkflowExecutionError))
	require.ErrorAs(t, seen[1], new(*wfsim.UnknownExternalWorkflowExecutionError))
	require.ErrorAs(t, seen[2], new(*wfsim.ChildWorkflowExecutionAlreadyStartedError))

	h := env.History()
	edited := 0
	for _, ev := range h.Events {
		switch a := ev.Attributes.(type) {
		case *replay.SignalExternalWorkflowExecutionFailedEventAttributes:
			a.Cause = replay.SignalExternalWorkflowExecutionFailedCauseNamespaceNotFound
			edited++
		case *replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes:
			a.Cause = replay.CancelExternalWorkflowExecutionFailedCauseNamespaceNotFound
			edited++
		case *replay.StartChildWorkflowExecutionFailedEventAttributes:
			a.Cause = replay.StartChildWorkflowExecutionFailedCauseNamespaceNotFound
			edited++
		}
	}
	require.Equal(t, 3, edited)

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Parent"})
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
	require.Len(t, seen, 3)
	for i, err := range seen {
		var ns *wfsim.NamespaceNotFoundError
		require.True(t, errors.As(err, &ns), "%d: %v", i, err)
		require.EqualError(t, ns, "namespace not found")
	}
	var childErr *wfsim.ChildWorkflowExecutionError
	require.ErrorAs(t, seen[2], &childErr)
}
