package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Event attributes checked against histories a Temporal server (1.31)
// recorded for the same workflows.

// TestRequestCancelParentClosePolicyNamesTheParent: the server's
// WorkflowExecutionCancelRequested for a RequestCancel parent close policy
// names the parent as the requester and has no cause.
func TestRequestCancelParentClosePolicyNamesTheParent(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(SleepyChild)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "parent"})
	env.ExecuteWorkflow(Abandoner, wfsim.ParentClosePolicyRequestCancel)
	require.NoError(t, env.GetWorkflowError())
	var got *replay.WorkflowExecutionCancelRequestedEventAttributes
	for _, ev := range env.Histories("child")[0].Events {
		if a := ev.GetWorkflowExecutionCancelRequestedEventAttributes(); a != nil {
			got = a
		}
	}
	require.NotNil(t, got)
	assert.Equal(t, "", got.Cause)
	assert.Equal(t, "history-service", got.Identity)
	require.NotNil(t, got.ExternalWorkflowExecution)
	assert.Equal(t, "parent", got.ExternalWorkflowExecution.WorkflowID)
	assert.NotEmpty(t, got.ExternalWorkflowExecution.RunID)
	assert.Zero(t, got.ExternalInitiatedEventID)
}

// TestExternalFailureEventsHaveNoTaskCompletedID: the server records
// SignalExternalWorkflowExecutionFailed and
// RequestCancelExternalWorkflowExecutionFailed without a
// WorkflowTaskCompletedEventId (only the initiated events have one).
func TestExternalFailureEventsHaveNoTaskCompletedID(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		_ = workflow.SignalExternalWorkflow(ctx, "nobody", "", "sig", "x").Get(ctx, nil)
		_ = workflow.RequestCancelExternalWorkflow(ctx, "nobody", "").Get(ctx, nil)
		return nil
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "ExternalToNobody"})
	env.ExecuteWorkflow("ExternalToNobody")
	require.NoError(t, env.GetWorkflowError())
	var failed int
	for _, ev := range env.History().Events {
		switch a := ev.Attributes.(type) {
		case *replay.SignalExternalWorkflowExecutionFailedEventAttributes:
			failed++
			assert.Zero(t, a.WorkflowTaskCompletedEventID)
			assert.NotZero(t, a.InitiatedEventID)
		case *replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes:
			failed++
			assert.Zero(t, a.WorkflowTaskCompletedEventID)
			assert.NotZero(t, a.InitiatedEventID)
		}
	}
	assert.Equal(t, 2, failed)
}
