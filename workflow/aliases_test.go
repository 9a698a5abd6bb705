package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
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
	assert.Equal(t, "again", can.WorkflowType.Name)
	var root *wfsim.ContinueAsNewError = can // the same type
	assert.NotNil(t, root)
}

func TestIsReadOnly(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]bool, error) {
		var seen []bool
		seen = append(seen, workflow.IsReadOnly(ctx))
		var inSideEffect, inMutable bool
		_ = workflow.SideEffect(ctx, func(ctx workflow.Context) any { inSideEffect = workflow.IsReadOnly(ctx); return 1 })
		_ = workflow.MutableSideEffect(ctx, "m", func(ctx workflow.Context) any { inMutable = workflow.IsReadOnly(ctx); return 1 },
			func(a, b any) bool { return a == b })
		if err := workflow.SetQueryHandler(ctx, "ro", func() (bool, error) { return workflow.IsReadOnly(ctx), nil }); err != nil {
			return nil, err
		}
		// A side effect function that tries to block fails the task, as
		// in Temporal; here it is caught to look at the error.
		var blocked error
		func() {
			defer func() {
				if r := recover(); r != nil {
					blocked, _ = r.(error)
				}
			}()
			workflow.SideEffect(ctx, func(ctx workflow.Context) any { return workflow.Sleep(ctx, time.Second) })
		}()
		var ro *workflow.ReadOnlyError
		return append(seen, inSideEffect, inMutable, errors.As(blocked, &ro), workflow.IsReadOnly(ctx)), nil
	}
	env := execute(t, wf)
	var got []bool
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []bool{false, true, true, true, false}, got)
	v, err := env.QueryWorkflow("ro")
	require.NoError(t, err)
	var inQuery bool
	require.NoError(t, v.Get(&inQuery))
	assert.True(t, inQuery)
}

func TestTemporalCompatValues(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	assert.Equal(t, dc, workflow.DataConverterWithoutDeadlockDetection(dc))
	assert.EqualError(t, workflow.ErrDeadlineExceeded, "deadline exceeded (type: ScheduleToClose)")
}
