package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
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

// policies runs activity "Flaky", which always fails, with each policy in
// turn (nil: the default, which a mock ends at once by succeeding), and
// returns how many attempts each took.
func policies(ctx workflow.Context, ps []*wfsim.RetryPolicy) ([]int32, error) {
	var out []int32
	for _, p := range ps {
		ctx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: p})
		var attempts int32
		err := workflow.ExecuteActivity(ctx, "Flaky").Get(ctx, &attempts)
		var ae *wfsim.ActivityError
		if err != nil && !errors.As(err, &ae) {
			return nil, err
		}
		out = append(out, attempts)
	}
	return out, nil
}

// retryPolicies returns the retry policies of h's ActivityTaskScheduled
// events, in event order.
func retryPolicies(h *replay.History) []*replay.RetryPolicy {
	var out []*replay.RetryPolicy
	for _, ev := range h.Events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok {
			out = append(out, a.RetryPolicy)
		}
	}
	return out
}

// Activities scheduled alike share their recorded retry policy until the
// history is handed out (recorder.retryPolicy); each follows its own, and
// each event of the handed-out history has its own.
func TestActivityRetryPoliciesOwnTheirs(t *testing.T) {
	t.Parallel()
	twice := &wfsim.RetryPolicy{MaximumAttempts: 2}
	thrice := &wfsim.RetryPolicy{MaximumAttempts: 3, NonRetryableErrorTypes: []string{"Fatal"}}
	ps := []*wfsim.RetryPolicy{nil, nil, twice, twice, thrice, twice, nil}
	for _, mid := range []bool{false, true} {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivityWithOptions(func(ctx context.Context) (int32, error) {
			if info := activity.GetInfo(ctx); info.RetryPolicy.MaximumAttempts != 0 {
				return 0, wfsim.NewApplicationError("flaky", "Flaky")
			}
			return activity.GetInfo(ctx).Attempt, nil
		}, activity.RegisterOptions{Name: "Flaky"})
		var handed *replay.History
		if mid {
			// Handed out after the third activity was scheduled.
			env.RegisterDelayedCallback(func() { handed = env.History() }, 1500*time.Millisecond)
		}
		env.ExecuteWorkflow(policies, ps)
		require.NoError(t, env.GetWorkflowError())
		var attempts []int32
		require.NoError(t, env.GetWorkflowResult(&attempts))
		assert.Equal(t, []int32{1, 1, 0, 0, 0, 0, 1}, attempts, "failures return no attempts")
		h := env.History()
		if mid {
			require.Same(t, handed, h)
		}
		var started []int32
		for _, ev := range h.Events {
			if a, ok := ev.Attributes.(*replay.ActivityTaskStartedEventAttributes); ok {
				started = append(started, a.Attempt)
			}
		}
		// Only the last attempt's started event is recorded.
		assert.Equal(t, []int32{1, 1, 2, 2, 3, 2, 1}, started, "mid %v", mid)
		recorded := retryPolicies(h)
		require.Len(t, recorded, len(ps))
		want := func(i int) replay.RetryPolicy {
			p := replay.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 100 * time.Second}
			if ps[i] != nil {
				p.MaximumAttempts, p.NonRetryableErrorTypes = ps[i].MaximumAttempts, ps[i].NonRetryableErrorTypes
			}
			return p
		}
		for i, p := range recorded {
			require.Equal(t, want(i), *p, "activity %d", i)
		}
		for i, p := range recorded {
			p.MaximumAttempts = 99
			for j, q := range recorded {
				if j != i {
					assert.Equal(t, want(j).MaximumAttempts, q.MaximumAttempts, "activity %d changed with %d (mid %v)", j, i, mid)
				}
			}
			p.MaximumAttempts = want(i).MaximumAttempts
		}
	}
}
