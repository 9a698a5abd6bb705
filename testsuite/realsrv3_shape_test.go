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
//
// The simulator no longer delivers a start and a close in one task (the
// parent's task that the start scheduled starts before the child's close
// reaches it: cross_run.go), as the server did in the realsrv "sametask"
// scenario: the parent sends the cancellation, the close follows after
// that task, and the request, reaching a closed child, is a success. A
// server whose worker is slow to take the parent's task does deliver both
// in one: that history, built here from the simulated one, replays
// without the cancellation.
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
	assert.Equal(t, []replay.EventType{
		replay.EventTypeWorkflowExecutionStarted,
		replay.EventTypeWorkflowTaskScheduled,
		replay.EventTypeWorkflowTaskStarted,
		replay.EventTypeWorkflowTaskCompleted,
		replay.EventTypeStartChildWorkflowExecutionInitiated,
		replay.EventTypeChildWorkflowExecutionStarted,
		replay.EventTypeWorkflowTaskScheduled,
		replay.EventTypeWorkflowTaskStarted,
		replay.EventTypeWorkflowTaskCompleted,
		replay.EventTypeRequestCancelExternalWorkflowExecutionInitiated,
		replay.EventTypeChildWorkflowExecutionCompleted,
		replay.EventTypeWorkflowTaskScheduled,
		// The server takes the request for a closed child as done.
		replay.EventTypeExternalWorkflowExecutionCancelRequested,
		replay.EventTypeWorkflowTaskStarted,
		replay.EventTypeWorkflowTaskCompleted,
		replay.EventTypeWorkflowExecutionCompleted,
	}, types)

	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "CancelsQuick"})
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
	require.NoError(t, r.ReplayWorkflowHistory(nil, startAndCloseInOneTask(h)))
}

// startAndCloseInOneTask rebuilds the history of
// TestChildClosedWithItsStartDropsTheCancel as a server gives it when the
// child's close reaches the parent before the parent's second task starts:
// the start and the close in one task, which completes the workflow.
func startAndCloseInOneTask(h *replay.History) *replay.History {
	ev := h.Events
	out := &replay.History{Events: append([]*replay.Event(nil), ev[:6]...)}
	add := func(src *replay.Event, attrs replay.EventAttributes) {
		e := *src
		e.EventID = int64(len(out.Events) + 1)
		e.Attributes = attrs
		out.Events = append(out.Events, &e)
	}
	add(ev[10], ev[10].Attributes) // ChildWorkflowExecutionCompleted
	add(ev[6], ev[6].Attributes)   // WorkflowTaskScheduled (8)
	started := *ev[7].Attributes.(*replay.WorkflowTaskStartedEventAttributes)
	started.ScheduledEventID = 8
	add(ev[7], &started)
	completed := *ev[8].Attributes.(*replay.WorkflowTaskCompletedEventAttributes)
	completed.ScheduledEventID, completed.StartedEventID = 8, 9
	add(ev[8], &completed)
	last := ev[len(ev)-1]
	done := *last.Attributes.(*replay.WorkflowExecutionCompletedEventAttributes)
	done.WorkflowTaskCompletedEventID = 10
	add(last, &done)
	return out
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
