package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Histories checked against what a Temporal server (1.31) and Temporal's
// SDK (1.51) make of the same workflows (session 9).

// TestChildClosedWithItsStartDropsTheCancel: a child whose context is
// canceled before it started is canceled when its start arrives, unless
// its close arrives in the same workflow task: then the cancellation is
// moot, and Temporal's SDK sends no RequestCancelExternalWorkflowExecution
// (its replayer rejects a history that has one).
func TestChildClosedWithItsStartDropsTheCancel(t *testing.T) {
	t.Parallel()
	quick := func(ctx workflow.Context) (string, error) { return "done", nil }
	parent := func(ctx workflow.Context) (string, error) {
		cctx, cancel := workflow.WithCancel(ctx)
		cctx = workflow.WithChildOptions(cctx, workflow.ChildWorkflowOptions{WorkflowID: "quick"})
		f := workflow.ExecuteChildWorkflow(cctx, "Quick")
		cancel()
		var s string
		err := f.Get(ctx, &s)
		return s, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(quick, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "CancelsQuick"})
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "parent"})
	env.ExecuteWorkflow("CancelsQuick")
	require.NoError(t, env.GetWorkflowError())
	var s string
	require.NoError(t, env.GetWorkflowResult(&s))
	assert.Equal(t, "done", s)
	h := env.History()
	var types []replay.EventType
	for _, ev := range h.Events {
		types = append(types, ev.EventType)
	}
	assert.NotContains(t, types, replay.EventTypeRequestCancelExternalWorkflowExecutionInitiated)
	assert.NotContains(t, types, replay.EventTypeRequestCancelExternalWorkflowExecutionFailed)

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "CancelsQuick"})
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
}

// TestLocalActivityOfACanceledContext: a local activity whose context is
// canceled before its attempt starts (canceled before the call, or in the
// same pass of the workflow code) does not run: its marker records a
// CanceledFailure and its Future fails with a CanceledError, as with
// Temporal's SDK, which requests the attempt before it hooks the
// cancellation.
func TestLocalActivityOfACanceledContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		preCancel bool
	}{
		{name: "canceled before the call", preCancel: true},
		{name: "canceled after the call", preCancel: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ran := false
			hello := func(ctx context.Context, s string) (string, error) { ran = true; return "hi " + s, nil }
			wf := func(ctx workflow.Context, pre bool) (string, error) {
				c, cancel := workflow.WithCancel(ctx)
				if pre {
					cancel()
				}
				lctx := workflow.WithLocalActivityOptions(c, workflow.LocalActivityOptions{StartToCloseTimeout: time.Second})
				f := workflow.ExecuteLocalActivity(lctx, hello, "la")
				cancel()
				err := f.Get(ctx, nil)
				return fmt.Sprintf("canceled=%v", wfsim.IsCanceledError(err)), nil
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "CanceledLA"})
			env.ExecuteWorkflow("CanceledLA", tc.preCancel)
			var s string
			require.NoError(t, env.GetWorkflowResult(&s))
			assert.Equal(t, "canceled=true", s)
			assert.False(t, ran, "the local activity ran")
			var marker *replay.MarkerRecordedEventAttributes
			for _, ev := range env.History().Events {
				if a := ev.GetMarkerRecordedEventAttributes(); a != nil {
					marker = a
				}
			}
			require.NotNil(t, marker)
			require.NotNil(t, marker.Failure)
			assert.Equal(t, "canceled", marker.Failure.Message)
			assert.NotNil(t, marker.Failure.CanceledFailureInfo)
			assert.Nil(t, marker.Details["result"])

			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "CanceledLA"})
			require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
		})
	}
}

// TestFailedCancelExternalHasNoControl: the server copies the initiated
// event's Control to SignalExternalWorkflowExecutionFailed but not to
// RequestCancelExternalWorkflowExecutionFailed.
func TestFailedCancelExternalHasNoControl(t *testing.T) {
	t.Parallel()
	env := externalToNobody(t)
	var signal, cancel int
	for _, ev := range env.History().Events {
		switch a := ev.Attributes.(type) {
		case *replay.SignalExternalWorkflowExecutionFailedEventAttributes:
			signal++
			assert.NotEmpty(t, a.Control)
		case *replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes:
			cancel++
			assert.Empty(t, a.Control)
		case *replay.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes:
			assert.NotEmpty(t, a.Control)
		}
	}
	assert.Equal(t, 1, signal)
	assert.Equal(t, 1, cancel)
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(externalToNobodyWorkflow, workflow.RegisterOptions{Name: "ExternalToNobody"})
	require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
}
