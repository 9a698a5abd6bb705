package replay_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// awaitMet waits up to an hour for a coroutine that sets a flag after a
// minute.
func awaitMet(ctx workflow.Context, card string) (string, error) {
	met := false
	workflow.Go(ctx, func(ctx workflow.Context) {
		_ = workflow.Sleep(ctx, time.Minute)
		met = true
	})
	ok, err := workflow.AwaitWithTimeout(ctx, time.Hour, func() bool { return met })
	return fmt.Sprint(ok), err
}

// awaitHistory is a run of awaitMet whose first task's completion records
// flags. Under SDK flag 6 (CancelAwaitTimerOnCondition) the worker
// canceled the hour's timer when the condition came true; without it the
// timer is left running.
func awaitHistory(flags ...uint32) *replay.History {
	b := newHistory("Order", "4242").completed(flags...)
	hour := b.timer(time.Hour)
	minute := b.timer(time.Minute)
	b.after(time.Minute).timerFired(minute).task()
	if len(flags) > 0 {
		b.add(&replay.Event{EventType: replay.EventTypeTimerCanceled,
			Attributes: &replay.TimerCanceledEventAttributes{TimerID: formatID(hour), StartedEventID: hour, WorkflowTaskCompletedEventID: b.lastCompleted()}})
	}
	return b.completeWorkflow("true").history()
}

func TestReplaySDKFlagCancelAwaitTimerOnCondition(t *testing.T) {
	t.Parallel()
	withFlag, without := awaitHistory(6), awaitHistory()
	t.Run("recorded: the timer is canceled", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, replayer(t, true, map[string]any{"Order": awaitMet}).ReplayWorkflowHistory(nil, withFlag))
	})
	t.Run("not recorded: the timer runs on", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, replayer(t, true, map[string]any{"Order": awaitMet}).ReplayWorkflowHistory(nil, without))
	})
	t.Run("the cancellation without the flag", func(t *testing.T) {
		t.Parallel()
		h := awaitHistory(6)
		h.Events[3].GetWorkflowTaskCompletedEventAttributes().SDKMetadata = nil
		err := replayer(t, false, map[string]any{"Order": awaitMet}).ReplayWorkflowHistory(nil, h)
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		assert.Equal(t, replay.EventTypeTimerCanceled, nd.EventType)
	})
}
