package testsuite_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

func panicsAtOnce(workflow.Context) error { panic("boom") }

func runsPanickingChild(ctx workflow.Context) error {
	return workflow.ExecuteChildWorkflow(ctx, panicsAtOnce).Get(ctx, nil)
}

func TestFailWorkflowPolicyFailsTheRunOnPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		policy   worker.WorkflowPanicPolicy
		recorded []replay.EventType // the history's last events
	}{
		{name: "FailWorkflow records the failure", policy: worker.FailWorkflow, recorded: []replay.EventType{
			replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted, replay.EventTypeWorkflowExecutionFailed}},
		{name: "BlockWorkflow ends the test at the failed task", policy: worker.BlockWorkflow, recorded: []replay.EventType{
			replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskFailed}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: tc.policy})
			env.RegisterWorkflow(panicsAtOnce)
			env.ExecuteWorkflow(panicsAtOnce)
			err := env.GetWorkflowError()
			var pe *temporal.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, err.Error(), "boom")
			var app *temporal.ApplicationError
			if tc.policy == worker.FailWorkflow {
				require.ErrorAs(t, err, &app)
				assert.Equal(t, "Workflow failed on panic due to FailWorkflow workflow panic policy", app.Message())
			} else {
				assert.False(t, errors.As(err, &app), "no ApplicationError around the panic: %v", err)
			}
			evs := env.History().Events
			require.GreaterOrEqual(t, len(evs), len(tc.recorded))
			var got []replay.EventType
			for _, ev := range evs[len(evs)-len(tc.recorded):] {
				got = append(got, ev.EventType)
			}
			assert.Equal(t, tc.recorded, got)
		})
	}
}

func TestFailWorkflowPolicyFailsAPanickingChild(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	env.RegisterWorkflow(runsPanickingChild)
	env.RegisterWorkflow(panicsAtOnce)
	env.ExecuteWorkflow(runsPanickingChild)
	err := env.GetWorkflowError()
	var ce *temporal.ChildWorkflowExecutionError
	require.ErrorAs(t, err, &ce)
	var pe *temporal.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Error(), "boom")
	ids := env.WorkflowIDs()
	require.Len(t, ids, 2)
	hs := env.Histories(ids[1])
	require.Len(t, hs, 1)
	evs := hs[0].Events
	assert.Equal(t, replay.EventTypeWorkflowExecutionFailed, evs[len(evs)-1].EventType, "the child's history:\n%s", hs[0])
}
