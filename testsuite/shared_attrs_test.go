package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A run's workflow tasks are scheduled alike and its Sleeps carry one
// summary payload, so the simulation lets their WorkflowTaskScheduled
// events share attributes and their TimerStarted events extras until the
// history is handed out (shared_attrs.go). These tests change a handed-out
// history in place, as a test may, and check that no other event changes.

// timerExtras returns the extras of h's TimerStarted events, in event
// order.
func timerExtras(h *replay.History) []*replay.EventExtras {
	var out []*replay.EventExtras
	for _, ev := range h.Events {
		if ev.EventType == replay.EventTypeTimerStarted {
			out = append(out, ev.Extras)
		}
	}
	return out
}

// scheduledAttrs returns the attributes of h's WorkflowTaskScheduled
// events, in event order.
func scheduledAttrs(h *replay.History) []*replay.WorkflowTaskScheduledEventAttributes {
	var out []*replay.WorkflowTaskScheduledEventAttributes
	for _, ev := range h.Events {
		if a, ok := ev.Attributes.(*replay.WorkflowTaskScheduledEventAttributes); ok {
			out = append(out, a)
		}
	}
	return out
}

// checkOwnExtras changes the first of h's timer extras and scheduled
// attributes in place and checks that no other event sees it.
func checkOwnExtras(t *testing.T, h *replay.History, timers int) {
	t.Helper()
	scheduled := scheduledAttrs(h)
	require.Len(t, scheduled, timers+1)
	for _, a := range scheduled {
		require.Equal(t, replay.WorkflowTaskScheduledEventAttributes{
			TaskQueue:           replay.TaskQueue{Name: "default-test-taskqueue", Kind: replay.TaskQueueKindNormal},
			StartToCloseTimeout: 10 * time.Second,
			Attempt:             1,
		}, *a)
	}
	scheduled[0].Attempt = 7
	scheduled[0].TaskQueue.Name = "changed"
	for i, a := range scheduled[1:] {
		assert.Equal(t, int32(1), a.Attempt, "task %d", i+1)
		assert.Equal(t, "default-test-taskqueue", a.TaskQueue.Name, "task %d", i+1)
	}
	extras := timerExtras(h)
	require.Len(t, extras, timers)
	for _, x := range extras {
		require.Equal(t, `"Sleep"`, string(x.GetUserMetadata().GetSummary().GetData()))
	}
	extras[0].UserMetadata.Summary = nil
	extras[0].UserMetadata = nil
	for i, x := range extras[1:] {
		if assert.NotNil(t, x.UserMetadata, "timer %d", i+1) {
			assert.NotNil(t, x.UserMetadata.Summary, "timer %d", i+1)
		}
	}
}

func sleepThrice(ctx workflow.Context) error {
	for range 3 {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
	}
	return nil
}

func TestHistoryEventsOwnTheirExtras(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(sleepThrice)
	require.NoError(t, env.GetWorkflowError())
	checkOwnExtras(t, env.History(), 3)

	// So do the histories Histories hands out; a second hand-out is
	// the same history.
	env = s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(sleepThrice)
	require.NoError(t, env.GetWorkflowError())
	hs := env.Histories("default-test-workflow-id")
	require.Len(t, hs, 1)
	checkOwnExtras(t, hs[0], 3)
	extras := timerExtras(env.History())
	assert.Nil(t, extras[0].UserMetadata, "the same history, changed")
	assert.NotNil(t, extras[1].UserMetadata)
	scheduled := scheduledAttrs(env.History())
	assert.Equal(t, int32(7), scheduled[0].Attempt, "the same history, changed")
	assert.Equal(t, int32(1), scheduled[1].Attempt)
}

// A history handed out while the run goes on (from a delayed callback)
// gets events that share nothing, then or later.
func TestHistoryHandedOutMidRun(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var mid *replay.History
	env.RegisterDelayedCallback(func() { mid = env.History() }, 90*time.Second)
	env.ExecuteWorkflow(sleepThrice)
	require.NoError(t, env.GetWorkflowError())
	require.Same(t, mid, env.History(), "the live history")
	checkOwnExtras(t, mid, 3)
	// The timer started after the hand-out too.
	extras := timerExtras(mid)
	extras[2].UserMetadata.Summary = nil
	assert.NotNil(t, extras[1].UserMetadata.Summary)
	scheduled := scheduledAttrs(mid)
	scheduled[3].StartToCloseTimeout = time.Hour
	assert.Equal(t, 10*time.Second, scheduled[2].StartToCloseTimeout)
}
