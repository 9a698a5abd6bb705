package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A run that outlives its run timeout ends with the error a client's
// GetWorkflowResult returns for a timed-out run: a WorkflowExecutionError
// wrapping "Workflow timeout (type: StartToClose)", not the message of a
// TimeoutError a test makes with NewTimeoutError.
func TestRunTimeoutErrorIsTheClients(t *testing.T) {
	t.Parallel()
	awaitApproval := func(ctx workflow.Context) error {
		return workflow.Sleep(ctx, 24*time.Hour)
	}
	var s testsuite.WorkflowTestSuite // not bound to t: the timeout is the point
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkflowRunTimeout(time.Hour)
	env.ExecuteWorkflow(awaitApproval)

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var wee *wfsim.WorkflowExecutionError
	require.True(t, errors.As(err, &wee), "got %v", err)
	var te *wfsim.TimeoutError
	require.True(t, errors.As(err, &te), "got %v", err)
	assert.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
	assert.Equal(t, "Workflow timeout", te.Message())
	assert.Equal(t, "Workflow timeout (type: StartToClose)", te.Error())
	assert.Nil(t, errors.Unwrap(te))
}
