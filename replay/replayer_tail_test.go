package replay_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Events after a history's last workflow task (a history exported while
// the run was live) move the run's state machines without running its
// code, as in Temporal's replayer; the commands their callbacks issue are
// compared like the others.

// panicOnSignal waits for a signal, then panics.
func panicOnSignal(ctx workflow.Context, card string) (string, error) {
	workflow.GetSignalChannel(ctx, "go").Receive(ctx, nil)
	panic("woken")
}

func TestReplayEventsAfterTheLastTask(t *testing.T) {
	t.Parallel()
	signal := func(b *builder) {
		b.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionSignaled,
			Attributes: &replay.WorkflowExecutionSignaledEventAttributes{SignalName: "go", Input: payloads("now")}})
	}
	cancelRequested := func(b *builder) {
		b.add(&replay.Event{EventType: replay.EventTypeWorkflowExecutionCancelRequested,
			Attributes: &replay.WorkflowExecutionCancelRequestedEventAttributes{Identity: "test"}})
	}
	scheduled := func(b *builder) {
		b.add(&replay.Event{EventType: replay.EventTypeWorkflowTaskScheduled,
			Attributes: &replay.WorkflowTaskScheduledEventAttributes{TaskQueue: replay.TaskQueue{Name: "queue"}}})
	}

	t.Run("code does not run", func(t *testing.T) {
		t.Parallel()
		// The signal would wake the code, which would panic; no task
		// starts after it, so nothing runs.
		b := newHistory("Order", "4242").completed()
		signal(b)
		scheduled(b)
		require.NoError(t, replayer(t, false, map[string]any{"Order": panicOnSignal}).ReplayWorkflowHistory(nil, b.history()))
	})

	t.Run("commands of callbacks are compared", func(t *testing.T) {
		t.Parallel()
		// The cancellation request cancels the timer from the context's
		// callbacks: CancelTimer is issued, and the history, which ends
		// before the next task, does not record it.
		b := newHistory("Order", "4242").completed()
		b.timer(time.Hour)
		cancelRequested(b)
		scheduled(b)
		err := replayer(t, false, map[string]any{"Order": sleepHour}).ReplayWorkflowHistory(nil, b.history())
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		assert.Contains(t, nd.Message, "[TMPRL1100] nondeterministic workflow: extra replay command for CancelTimer")
		assert.Equal(t, &replay.Command{Type: replay.CommandTypeCancelTimer, ID: "5"}, nd.Code)
		assert.Equal(t, int64(6), nd.EventID, "the last event applied, which issued it")
	})
}
