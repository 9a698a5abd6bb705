package workflow_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestSleepAdvancesVirtualTime(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		for _, d := range []time.Duration{time.Second, time.Hour, 365 * 24 * time.Hour} {
			if err := workflow.Sleep(ctx, d); err != nil {
				return tr, err
			}
			tr.add(ctx, "slept %v", d)
		}
		return tr, nil
	}
	env := execute(t, wf)
	var got trace
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, trace{"1s slept 1s", "1h0m1s slept 1h0m0s", "8761h0m1s slept 8760h0m0s"}, got)
	assert.Equal(t, testsuite.DefaultStartTime.Add(8761*time.Hour+time.Second), env.Now())
}

func TestNow(t *testing.T) {
	t.Parallel()
	start := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	wf := func(ctx workflow.Context) ([]time.Time, error) {
		first := workflow.Now(ctx)
		_ = workflow.Sleep(ctx, 90*time.Minute)
		return []time.Time{first, workflow.Now(ctx)}, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartTime(start)
	env.ExecuteWorkflow(wf)
	var got []time.Time
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.True(t, got[0].Equal(start), "Now at the start is the start time, got %v", got[0])
	assert.True(t, got[1].Equal(start.Add(90*time.Minute)), "got %v", got[1])
}

func TestTimerZeroOrNegativeIsReadyWithoutATimer(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]bool, error) {
		zero := workflow.NewTimer(ctx, 0)
		negative := workflow.NewTimer(ctx, -time.Second)
		return []bool{zero.IsReady(), negative.IsReady(), workflow.Sleep(ctx, 0) == nil}, nil
	}
	env := execute(t, wf)
	var got []bool
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []bool{true, true, true}, got)
	assert.Equal(t, []string{"WorkflowExecutionStarted", "WorkflowExecutionCompleted"}, eventTypes(env.History()))
}

func TestTimerCancel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		wait   time.Duration // how long before cancelling; 0 cancels in the same task
		want   trace
		events []string
	}{
		{
			name:   "started timer: TimerCanceled",
			wait:   time.Minute,
			want:   trace{"1m0s timer: canceled (CanceledError=true)"},
			events: []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "TimerCanceled", "WorkflowExecutionCompleted"},
		},
		{
			// As Temporal's SDK does, the timer is still sent, followed by
			// its cancellation, in the same batch.
			name:   "timer canceled in the task that created it",
			want:   trace{"0s timer: canceled (CanceledError=true)"},
			events: []string{"WorkflowExecutionStarted", "TimerStarted", "TimerCanceled", "WorkflowExecutionCompleted"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (trace, error) {
				var tr trace
				timerCtx, cancel := workflow.WithCancel(ctx)
				timer := workflow.NewTimer(timerCtx, time.Hour)
				if tt.wait > 0 {
					_ = workflow.Sleep(ctx, tt.wait)
				}
				cancel()
				err := timer.Get(ctx, nil)
				var ce *wfsim.CanceledError
				tr.add(ctx, "timer: %v (CanceledError=%v)", err, errors.As(err, &ce))
				return tr, nil
			}
			env := execute(t, wf)
			var got trace
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.events, eventTypes(env.History()))
		})
	}
}

func TestSleepCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		sleepCtx, cancel := workflow.WithCancel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, 10*time.Minute)
			cancel()
		})
		err := workflow.Sleep(sleepCtx, time.Hour)
		tr.add(ctx, "Sleep: %v, IsCanceledError=%v", err, wfsim.IsCanceledError(err))
		// Sleeping on a canceled context fails at once.
		tr.add(ctx, "again: %v", workflow.Sleep(sleepCtx, time.Hour))
		return tr, nil
	}
	assert.Equal(t, trace{"10m0s Sleep: canceled, IsCanceledError=true", "10m0s again: canceled"}, result[trace](t, wf))
}

func TestTimerCanceledRecordsTimerCanceledWithIDs(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		timerCtx, cancel := workflow.WithCancel(ctx)
		timer := workflow.NewTimer(timerCtx, time.Hour)
		_ = workflow.Sleep(ctx, time.Minute)
		cancel()
		return ignoreCanceled(timer.Get(ctx, nil))
	}
	env := execute(t, wf)
	var started, canceled *replay.Event
	for _, ev := range env.History().Events {
		switch ev.EventType {
		case replay.EventTypeTimerStarted:
			if started == nil {
				started = ev
			}
		case replay.EventTypeTimerCanceled:
			canceled = ev
		}
	}
	require.NotNil(t, started)
	require.NotNil(t, canceled)
	assert.Equal(t, started.GetTimerStartedEventAttributes().TimerID, canceled.GetTimerCanceledEventAttributes().TimerID)
	assert.Equal(t, started.EventID, canceled.GetTimerCanceledEventAttributes().StartedEventID)
	assert.Equal(t, "5", started.GetTimerStartedEventAttributes().TimerID, "a timer's ID is the event ID Temporal's SDK predicts for it")
}

func ignoreCanceled(err error) error {
	if wfsim.IsCanceledError(err) {
		return nil
	}
	return err
}

func TestSameInstantTimersFireInCreationOrder(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		var fired []string
		wg := workflow.NewWaitGroup(ctx)
		// Created in this order, all due at 1h: created later with a
		// shorter wait, or in other coroutines.
		for _, name := range []string{"a", "b", "c"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				_ = workflow.Sleep(ctx, time.Hour)
				fired = append(fired, name)
			})
		}
		wg.Add(1)
		workflow.GoNamed(ctx, "d", func(ctx workflow.Context) {
			defer wg.Done()
			_ = workflow.Sleep(ctx, 30*time.Minute)
			_ = workflow.Sleep(ctx, 30*time.Minute)
			fired = append(fired, "d")
		})
		wg.Wait(ctx)
		return fired, nil
	}
	env := execute(t, wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"a", "b", "c", "d"}, got)
	// The history shows the TimerFired events in creation order too.
	var firedIDs []string
	for _, ev := range env.History().Events {
		if ev.GetTimerFiredEventAttributes() != nil {
			firedIDs = append(firedIDs, ev.GetTimerFiredEventAttributes().TimerID)
		}
	}
	assert.Equal(t, []string{"8", "5", "6", "7", "13"}, firedIDs, "8 fired at 30m; at 1h, 5, 6, 7 (created at 0s) before 13 (created at 30m)")
}

func TestDelayedCallbackBeforeSameInstantTimer(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var sawFired bool
	var at time.Time
	env.RegisterDelayedCallback(func() {
		at = env.Now()
		for _, ev := range env.History().Events {
			if ev.EventType == replay.EventTypeTimerFired {
				sawFired = true
			}
		}
	}, time.Hour)
	env.ExecuteWorkflow(func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Hour) })
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Hour), at)
	assert.False(t, sawFired, "the callback, registered first, runs before the timer due at the same instant fires")
}

// TestTimerIDsAreEventIDs creates and cancels timers within one task, many
// times over; every timer's ID stays the ID of its TimerStarted event, so no
// two timers ever share an ID.
func TestTimerIDsAreEventIDs(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		for range 5 {
			for range 4 {
				c, cancel := workflow.WithCancel(ctx)
				workflow.NewTimer(c, time.Hour)
				cancel()
			}
			workflow.NewTimer(ctx, 2*time.Hour) // still pending when later timers are made
			if err := workflow.Sleep(ctx, time.Minute); err != nil {
				return err
			}
		}
		return nil
	}
	env := execute(t, wf)
	require.NoError(t, env.GetWorkflowError())
	started := 0
	for _, ev := range env.History().Events {
		if ev.GetTimerStartedEventAttributes() != nil {
			started++
			assert.Equal(t, strconv.FormatInt(ev.EventID, 10), ev.GetTimerStartedEventAttributes().TimerID)
		}
	}
	assert.Equal(t, 5*6, started)
}
