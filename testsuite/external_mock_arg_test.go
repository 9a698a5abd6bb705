package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// progress is a signal's argument of a struct type, which a JSON
// round trip would turn into a map.
type progress struct {
	Step  int
	Label string
}

func signalsProgress(ctx workflow.Context) error {
	return workflow.SignalExternalWorkflow(ctx, "watcher", "", "progress", &progress{Step: 3, Label: "copy"}).Get(ctx, nil)
}

// A mock of SignalExternalWorkflow receives the argument the workflow
// passed, as Temporal's environment hands it over (not a decoded copy):
// Temporal's worker-deployment tests assert its type.
func TestSignalExternalMockGetsTheWorkflowsArgument(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	var got any
	env.OnSignalExternalWorkflow(mock.Anything, "watcher", "", "progress", mock.Anything).Return(
		func(_, _, _, _ string, arg any) error {
			got = arg
			return nil
		})
	env.ExecuteWorkflow(signalsProgress)
	require.NoError(t, env.GetWorkflowError())
	p, ok := got.(*progress)
	require.Truef(t, ok, "the mock got %T %v, want *progress", got, got)
	assert.Equal(t, progress{Step: 3, Label: "copy"}, *p)
}

// A matcher on the argument sees the same value.
func TestSignalExternalMockMatchesTheWorkflowsArgument(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.OnSignalExternalWorkflow(mock.Anything, "watcher", "", "progress",
		mock.MatchedBy(func(p *progress) bool { return p.Step == 3 })).Return(nil).Once()
	env.ExecuteWorkflow(signalsProgress)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}
