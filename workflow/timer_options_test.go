package workflow_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// summaries lists, for each event of h of type t, the summary its user
// metadata records ("" for none).
func summaries(t *testing.T, h *replay.History, typ replay.EventType) []string {
	t.Helper()
	var out []string
	for _, ev := range h.Events {
		if ev.EventType != typ {
			continue
		}
		var s string
		if ev.GetUserMetadata() != nil && ev.GetUserMetadata().Summary != nil {
			require.NoError(t, converter.GetDefaultDataConverter().FromPayload(ev.GetUserMetadata().Summary, &s))
		}
		out = append(out, s)
	}
	return out
}

// jsonRoundTrip writes h as Temporal JSON and reads it back.
func jsonRoundTrip(t *testing.T, h *replay.History) *replay.History {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, h.WriteJSON(&buf))
	back, err := replay.ReadHistory(&buf)
	require.NoError(t, err)
	return back
}

func TestNewTimerWithOptionsRecordsTheSummary(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (time.Duration, error) {
		start := workflow.Now(ctx)
		named := workflow.NewTimerWithOptions(ctx, time.Minute, workflow.TimerOptions{Summary: "cool-down"})
		plain := workflow.NewTimerWithOptions(ctx, 2*time.Minute, workflow.TimerOptions{})
		ready := workflow.NewTimerWithOptions(ctx, 0, workflow.TimerOptions{Summary: "no timer"})
		if !ready.IsReady() {
			return 0, nil
		}
		if err := named.Get(ctx, nil); err != nil {
			return 0, err
		}
		if err := plain.Get(ctx, nil); err != nil {
			return 0, err
		}
		return workflow.Now(ctx).Sub(start), nil
	}
	env := execute(t, wf)
	var got time.Duration
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, 2*time.Minute, got)
	assert.Equal(t, []string{"cool-down", ""}, summaries(t, env.History(), replay.EventTypeTimerStarted))
	// The summary survives Temporal's JSON form.
	assert.Equal(t, []string{"cool-down", ""}, summaries(t, jsonRoundTrip(t, env.History()), replay.EventTypeTimerStarted))
}

func TestNewTimerWithOptionsCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (bool, error) {
		ctx, cancel := workflow.WithCancel(ctx)
		f := workflow.NewTimerWithOptions(ctx, time.Hour, workflow.TimerOptions{Summary: "never"})
		_ = workflow.Sleep(ctx, time.Second)
		cancel()
		err := f.Get(ctx, nil)
		return err != nil, nil
	}
	env := execute(t, wf)
	var canceled bool
	require.NoError(t, env.GetWorkflowResult(&canceled))
	assert.True(t, canceled)
	assert.Equal(t, []string{"WorkflowExecutionStarted", "TimerStarted", "TimerStarted", "TimerFired", "TimerCanceled", "WorkflowExecutionCompleted"},
		eventTypes(env.History()))
	// Sleep's timer carries Temporal's summary "Sleep", as a server records it.
	assert.Equal(t, []string{"never", "Sleep"}, summaries(t, env.History(), replay.EventTypeTimerStarted))
}

func TestAwaitWithOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		signalAt time.Duration // 0: never
		wantOK   bool
		wantAt   time.Duration
	}{
		{name: "condition first", signalAt: time.Minute, wantOK: true, wantAt: time.Minute},
		{name: "timeout first", wantOK: false, wantAt: time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (string, error) {
				done := false
				workflow.Go(ctx, func(ctx workflow.Context) {
					if tt.signalAt > 0 {
						_ = workflow.Sleep(ctx, tt.signalAt)
						done = true
					}
				})
				ok, err := workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{
					Timeout:      time.Hour,
					TimerOptions: workflow.TimerOptions{Summary: "approval deadline"},
				}, func() bool { return done })
				if err != nil {
					return "", err
				}
				return elapsed(ctx).String() + " " + map[bool]string{true: "ok", false: "timed out"}[ok], nil
			}
			got := result[string](t, wf)
			want := tt.wantAt.String() + " " + map[bool]string{true: "ok", false: "timed out"}[tt.wantOK]
			assert.Equal(t, want, got)
		})
	}
}

func TestAwaitWithOptionsSummaryOnItsTimer(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (bool, error) {
		return workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{Timeout: time.Minute, TimerOptions: workflow.TimerOptions{Summary: "wait"}},
			func() bool { return false })
	}
	env := execute(t, wf)
	var ok bool
	require.NoError(t, env.GetWorkflowResult(&ok))
	assert.False(t, ok)
	assert.Equal(t, []string{"wait"}, summaries(t, env.History(), replay.EventTypeTimerStarted))
}

func TestAwaitWithOptionsCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ctx, cancel := workflow.WithCancel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Second)
			cancel()
		})
		_, err := workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{Timeout: time.Hour}, func() bool { return false })
		if err == nil {
			return "no error", nil
		}
		return "canceled", nil
	}
	assert.Equal(t, "canceled", result[string](t, wf))
}
