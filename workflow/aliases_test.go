package workflow_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

func TestTemporalTypeNames(t *testing.T) {
	t.Parallel()
	// Code written against Temporal's workflow package names these.
	var e workflow.Execution = workflow.WorkflowExecution{ID: "w", RunID: "r"}
	var ty workflow.Type = workflow.WorkflowType{Name: "W"}
	assert.Equal(t, "w", e.ID)
	assert.Equal(t, "W", ty.Name)

	wf := func(ctx workflow.Context, n int) (workflow.Execution, error) {
		if n > 0 {
			return workflow.Execution{}, workflow.NewContinueAsNewError(ctx, "again", n-1)
		}
		return workflow.GetInfo(ctx).WorkflowExecution, nil
	}
	env := executeUnbound(wf, 1)
	err := env.GetWorkflowError()
	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(err, &can), "got %v", err)
	assert.Equal(t, "again", can.WorkflowType)
	var root *wfsim.ContinueAsNewError = can // the same type
	assert.NotNil(t, root)
}
