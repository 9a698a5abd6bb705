package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type demoteArgs struct {
	Version string
	Rank    int
}

// An OnSignalExternalWorkflow mock is given the signal's argument as the
// workflow passed it, as Temporal's environment gives it: a pointer to the
// workflow's struct, ints as ints. (The Temporal server's workerdeployment
// tests assert args.Get(4).(*deploymentspb.DemoteVersionSignalArgs).)
func TestSignalExternalMockGetsTheArgumentAsGiven(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		sent := &demoteArgs{Version: "v1", Rank: 3}
		if err := workflow.SignalExternalWorkflow(ctx, "elsewhere", "", "demote", sent).Get(ctx, nil); err != nil {
			return err
		}
		return workflow.SignalExternalWorkflow(ctx, "elsewhere", "", "count", 7).Get(ctx, nil)
	}
	var got *demoteArgs
	env.OnSignalExternalWorkflow(mock.Anything, "elsewhere", "", "demote", mock.Anything).
		Run(func(args mock.Arguments) { got, _ = args.Get(4).(*demoteArgs) }).
		Return(nil).Once()
	var count any
	env.OnSignalExternalWorkflow(mock.Anything, "elsewhere", "", "count", 7).
		Return(func(_, _, _, _ string, arg any) error { count = arg; return nil }).Once()
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
	require.Equal(t, &demoteArgs{Version: "v1", Rank: 3}, got)
	require.Equal(t, 7, count)
}

// A matcher on the argument sees the same value.
func TestSignalExternalMockMatchesTheArgumentAsGiven(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		return workflow.SignalExternalWorkflow(ctx, "elsewhere", "", "demote", &demoteArgs{Version: "v1", Rank: 3}).Get(ctx, nil)
	}
	env.OnSignalExternalWorkflow(mock.Anything, "elsewhere", "", "demote",
		mock.MatchedBy(func(a *demoteArgs) bool { return a.Rank == 3 })).Return(nil).Once()
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}
