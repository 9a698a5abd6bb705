package testsuite_test

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
)

// ExecuteWorkflow of a workflow function of the wrong shape panics with a
// testsuite: message on the caller's goroutine in every kind of
// environment, so the test may recover it. Bound to a *testing.T, the run
// is set up in a synctest bubble of its own, and the panic ended the test
// binary from there. What the test sends afterwards does not wait for a
// set-up that ended in a panic.
func TestSetUpPanicReachesTheCaller(t *testing.T) {
	t.Parallel()
	const want = "testsuite: workflow function 1 must take workflow.Context as its first parameter, got int"
	execute := func(env *testsuite.TestWorkflowEnvironment) {
		assert.PanicsWithValue(t, want, func() { env.ExecuteWorkflow(func(int) {}) })
		sent := make(chan error, 1)
		go func() { sent <- env.SignalWorkflowByID("unknown", "s", nil) }()
		var nf *testsuite.WorkflowNotFoundError
		require.ErrorAs(t, <-sent, &nf)
	}
	var s testsuite.WorkflowTestSuite
	execute(s.NewTestWorkflowEnvironment())
	execute(testsuite.NewTestWorkflowEnvironment(t))
	synctest.Test(t, func(t *testing.T) { execute(testsuite.NewTestWorkflowEnvironment(t)) })
}
