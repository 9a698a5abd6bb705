package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Local activities that take virtual time keep their workflow task open,
// as a Temporal worker does: these shapes are the ones a Temporal server
// (1.31.2) and SDK (1.51) recorded for the same workflows (session 10,
// /tmp/lavt), timestamps aside.

func ltSleepFor(_ context.Context, d time.Duration) (string, error) {
	time.Sleep(d) // virtual time: the test's bubble
	return "slept " + d.String(), nil
}

func ltFailFirst(ctx context.Context) (int32, error) {
	if a := activity.GetInfo(ctx).Attempt; a > 1 {
		return a, nil
	}
	return 0, errors.New("first attempt fails")
}

func ltCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
}

func ltSince(ctx workflow.Context, t0 time.Time) time.Duration { return workflow.Now(ctx).Sub(t0) }

func ltTakes(ctx workflow.Context, d time.Duration) (string, error) {
	t0 := workflow.Now(ctx)
	var s string
	err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, d).Get(ctx, &s)
	return fmt.Sprintf("%s at %v", s, ltSince(ctx, t0)), err
}

func ltSignal(ctx workflow.Context, d time.Duration) (string, error) {
	t0 := workflow.Now(ctx)
	var sigAt time.Duration
	workflow.Go(ctx, func(ctx workflow.Context) {
		workflow.GetSignalChannel(ctx, "sig").Receive(ctx, nil)
		sigAt = ltSince(ctx, t0)
	})
	var s string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, d).Get(ctx, &s); err != nil {
		return "", err
	}
	at := ltSince(ctx, t0)
	_ = workflow.Await(ctx, func() bool { return sigAt > 0 })
	return fmt.Sprintf("%s at %v, signal at %v", s, at, sigAt), nil
}

func ltRetry(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumAttempts: 3}})
	var n int32
	err := workflow.ExecuteLocalActivity(ctx, ltFailFirst).Get(ctx, &n)
	return fmt.Sprintf("attempt %d at %v", n, ltSince(ctx, t0)), err
}

// ltRetryAcrossHeartbeat: a 3s attempt fails, the worker retries it after
// 4s, and the second attempt runs across the heartbeat at 8s.
func ltRetryAcrossHeartbeat(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: 4 * time.Second, BackoffCoefficient: 2, MaximumAttempts: 3}})
	var n int32
	err := workflow.ExecuteLocalActivity(ctx, ltSlowFailFirst).Get(ctx, &n)
	return fmt.Sprintf("attempt %d at %v", n, ltSince(ctx, t0)), err
}

func ltSlowFailFirst(ctx context.Context) (int32, error) {
	time.Sleep(3 * time.Second)
	return ltFailFirst(ctx)
}

func ltTwo(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	f1 := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, time.Second)
	f2 := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 2*time.Second)
	var a, b string
	if err := f2.Get(ctx, &b); err != nil {
		return "", err
	}
	if err := f1.Get(ctx, &a); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s, %s at %v", a, b, ltSince(ctx, t0)), nil
}

func ltThenTimer(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	var s string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 2*time.Second).Get(ctx, &s); err != nil {
		return "", err
	}
	at := ltSince(ctx, t0)
	if err := workflow.Sleep(ctx, 2*time.Second); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s at %v, woke at %v", s, at, ltSince(ctx, t0)), nil
}

// ltTimerFiresMeanwhile starts a 5s timer, then, in the next task, a 6s
// local activity: the timer fires while that task is open.
func ltTimerFiresMeanwhile(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	timer := workflow.NewTimer(ctx, 5*time.Second)
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	var s string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 6*time.Second).Get(ctx, &s); err != nil {
		return "", err
	}
	at := ltSince(ctx, t0)
	if err := timer.Get(ctx, nil); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s at %v, timer at %v", s, at, ltSince(ctx, t0)), nil
}

// ltTimerCanceledMeanwhile cancels a timer that fired while the task was
// open: the server drops its buffered TimerFired, and the workflow may
// complete in that task.
func ltTimerCanceledMeanwhile(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	tctx, cancel := workflow.WithCancel(ctx)
	timer := workflow.NewTimer(tctx, 3*time.Second)
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	var s string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 4*time.Second).Get(ctx, &s); err != nil {
		return "", err
	}
	cancel()
	err := timer.Get(ctx, nil)
	return fmt.Sprintf("%s at %v, timer %v", s, ltSince(ctx, t0), err), nil
}

// ltActivityMeanwhile: an activity ends while the task is open.
func ltActivityMeanwhile(ctx workflow.Context) (string, error) {
	t0 := workflow.Now(ctx)
	f := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute}), ltSleepFor, 2*time.Second)
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	var s, a string
	if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 3*time.Second).Get(ctx, &s); err != nil {
		return "", err
	}
	if err := f.Get(ctx, &a); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s, %s at %v", s, a, ltSince(ctx, t0)), nil
}

func TestLocalActivityHoldsTheTaskOpen(t *testing.T) {
	t.Parallel()
	type signal struct {
		after time.Duration
	}
	tests := []struct {
		name     string
		wf       any
		args     []any
		mockLong time.Duration // > 0: ltSleepFor mocked with After
		signal   *signal
		want     string
		events   string
	}{
		{name: "2s: the marker in the task's completion", wf: ltTakes, args: []any{2 * time.Second},
			want:   "slept 2s at 2s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@2s MarkerRecorded@2s WorkflowExecutionCompleted@2s"},
		{name: "20s: heartbeats at 8s and 16s", wf: ltTakes, args: []any{20 * time.Second},
			want: "slept 20s at 20s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskCompleted@16s WorkflowTaskScheduled@16s WorkflowTaskStarted@16s " +
				"WorkflowTaskCompleted@20s MarkerRecorded@20s WorkflowExecutionCompleted@20s"},
		{name: "20s mocked with After", wf: ltTakes, args: []any{20 * time.Second}, mockLong: 20 * time.Second,
			want: "mocked at 20s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskCompleted@16s WorkflowTaskScheduled@16s WorkflowTaskStarted@16s " +
				"WorkflowTaskCompleted@20s MarkerRecorded@20s WorkflowExecutionCompleted@20s"},
		{name: "a signal waits for the task's end, keeping its time", wf: ltSignal, args: []any{3 * time.Second}, signal: &signal{time.Second},
			want: "slept 3s at 3s, signal at 3s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@3s MarkerRecorded@3s " +
				"WorkflowExecutionSignaled@1s WorkflowTaskScheduled@3s WorkflowTaskStarted@3s WorkflowTaskCompleted@3s WorkflowExecutionCompleted@3s"},
		{name: "a signal reaches the code in the heartbeat's task", wf: ltSignal, args: []any{12 * time.Second}, signal: &signal{4 * time.Second},
			want: "slept 12s at 12s, signal at 8s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowExecutionSignaled@4s WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskCompleted@12s MarkerRecorded@12s WorkflowExecutionCompleted@12s"},
		{name: "a 1s retry backoff within the task", wf: ltRetry,
			want:   "attempt 2 at 1s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@1s MarkerRecorded@1s WorkflowExecutionCompleted@1s"},
		{name: "a retry across the heartbeat", wf: ltRetryAcrossHeartbeat,
			want: "attempt 2 at 10s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@8s " +
				"WorkflowTaskScheduled@8s WorkflowTaskStarted@8s WorkflowTaskCompleted@10s MarkerRecorded@10s WorkflowExecutionCompleted@10s"},
		{name: "two local activities, one task", wf: ltTwo,
			want: "slept 1s, slept 2s at 2s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@2s MarkerRecorded@2s MarkerRecorded@2s " +
				"WorkflowExecutionCompleted@2s"},
		{name: "a timer after the local activity, same completion", wf: ltThenTimer,
			want: "slept 2s at 2s, woke at 4s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@2s MarkerRecorded@2s TimerStarted@2s " +
				"TimerFired@4s WorkflowTaskScheduled@4s WorkflowTaskStarted@4s WorkflowTaskCompleted@4s WorkflowExecutionCompleted@4s"},
		{name: "a timer firing meanwhile waits for the task's end", wf: ltTimerFiresMeanwhile,
			want: "slept 6s at 7s, timer at 7s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s TimerStarted@0s TimerStarted@0s " +
				"TimerFired@1s WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskCompleted@7s MarkerRecorded@7s TimerFired@5s " +
				"WorkflowTaskScheduled@7s WorkflowTaskStarted@7s WorkflowTaskCompleted@7s WorkflowExecutionCompleted@7s"},
		{name: "a timer canceled after it fired meanwhile", wf: ltTimerCanceledMeanwhile,
			want: "slept 4s at 5s, timer canceled",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s TimerStarted@0s TimerStarted@0s " +
				"TimerFired@1s WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskCompleted@5s MarkerRecorded@5s TimerCanceled@5s WorkflowExecutionCompleted@5s"},
		{name: "an activity ending meanwhile waits for the task's end", wf: ltActivityMeanwhile,
			want: "slept 3s, slept 2s at 4s",
			events: "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s ActivityTaskScheduled@0s TimerStarted@0s " +
				"TimerFired@1s WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskCompleted@4s MarkerRecorded@4s ActivityTaskStarted@0s ActivityTaskCompleted@2s " +
				"WorkflowTaskScheduled@4s WorkflowTaskStarted@4s WorkflowTaskCompleted@4s WorkflowExecutionCompleted@4s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(4) {
				// Explored, with worker restarts: the same shapes.
				env := testsuite.NewTestWorkflowEnvironment(t)
				if seed > 0 {
					env.SetExplorer(testsuite.SeedExplorer(seed))
					env.SetFaults(testsuite.Faults{WorkerRestart: 0.5})
				}
				env.RegisterWorkflow(tt.wf)
				env.RegisterActivity(ltSleepFor)
				env.RegisterActivity(ltFailFirst)
				env.RegisterActivity(ltSlowFailFirst)
				if tt.mockLong > 0 {
					env.OnActivity(ltSleepFor, mock.Anything, tt.mockLong).After(tt.mockLong).Return("mocked", nil)
				}
				if tt.signal != nil {
					env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", "one") }, tt.signal.after)
				}
				env.ExecuteWorkflow(tt.wf, tt.args...)
				require.NoError(t, env.GetWorkflowError())
				var got string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, tt.want, got)
				h := env.History()
				assert.Equal(t, tt.events, ltTimeline(h))

				r := replay.NewWorkflowReplayer()
				r.RegisterWorkflow(tt.wf)
				require.NoError(t, r.ReplayWorkflowHistory(nil, h))
			}
		})
	}
}

// ltTimeline is each event's type and virtual offset.
func ltTimeline(h *replay.History) string {
	var b strings.Builder
	t0 := h.Events[0].EventTime
	for i, ev := range h.Events {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s@%v", ev.EventType, ev.EventTime.Sub(t0))
	}
	return b.String()
}
