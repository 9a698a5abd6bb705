package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Upper(ctx context.Context, s string) (string, error) { return strings.ToUpper(s), nil }

// localWorkflow runs Upper as a local activity, then sleeps, then runs it
// again by name.
func localWorkflow(ctx workflow.Context, s string) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 5 * time.Second})
	var a, b string
	if err := workflow.ExecuteLocalActivity(ctx, Upper, s).Get(ctx, &a); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	if err := workflow.ExecuteLocalActivity(ctx, "Upper", s+"!").Get(ctx, &b); err != nil {
		return "", err
	}
	return a + " " + b, nil
}

// replayOwn replays a simulated history against the workflow.
func replayOwn(t *testing.T, wf any, h *replay.History) {
	t.Helper()
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflow(wf)
	require.NoError(t, r.ReplayWorkflowHistory(nil, h), "replaying the simulated history:\n%s", h)
}

func eventTypes(h *replay.History) []string {
	var out []string
	for _, ev := range h.Events {
		out = append(out, ev.EventType.String())
	}
	return out
}

func TestLocalActivityMarker(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Upper)
	env.ExecuteWorkflow(localWorkflow, "hi")
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "HI HI!", out)
	h := env.History()
	t.Log(h.String())
	var markers []*replay.Event
	for _, ev := range h.Events {
		if ev.GetMarkerRecordedEventAttributes() != nil {
			markers = append(markers, ev)
		}
	}
	require.Len(t, markers, 2)
	for i, m := range markers {
		a := m.GetMarkerRecordedEventAttributes()
		require.Equal(t, "LocalActivity", a.MarkerName)
		var data struct {
			ActivityID   string
			ActivityType string
			ReplayTime   time.Time
			Attempt      int32
			Backoff      time.Duration
		}
		require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Details["data"], &data))
		require.Equal(t, []string{"1", "2"}[i], data.ActivityID)
		require.Equal(t, "Upper", data.ActivityType)
		require.Equal(t, int32(1), data.Attempt)
		require.Equal(t, testsuite.DefaultStartTime.Add(time.Duration(i)*time.Minute), data.ReplayTime)
		var res string
		require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Details["result"], &res))
		require.Equal(t, []string{"HI", "HI!"}[i], res)
	}
	// The marker is recorded in the task that ran the local activity.
	require.Equal(t, []string{
		"WorkflowExecutionStarted", "WorkflowTaskScheduled", "WorkflowTaskStarted", "WorkflowTaskCompleted",
		"MarkerRecorded", "TimerStarted", "TimerFired", "WorkflowTaskScheduled", "WorkflowTaskStarted",
		"WorkflowTaskCompleted", "MarkerRecorded", "WorkflowExecutionCompleted",
	}, eventTypes(h))
	replayOwn(t, localWorkflow, h)
}

func TestLocalActivityMockedAndRetried(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var calls atomic.Int32
	env.OnActivity(Upper, mock.Anything, "hi").Return(func(ctx context.Context, s string) (string, error) {
		n := calls.Add(1)
		if info := activity.GetInfo(ctx); !info.IsLocalActivity || info.Attempt != n {
			return "", wfsim.NewNonRetryableApplicationError("bad info", "BadInfo", nil)
		}
		if n < 3 {
			return "", errors.New("flaky")
		}
		return "mocked", nil
	})
	env.OnActivity(Upper, mock.Anything, "hi!").Return("MOCK!", nil)
	env.ExecuteWorkflow(localWorkflow, "hi")
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "mocked MOCK!", out)
	require.Equal(t, int32(3), calls.Load())
	h := env.History()
	t.Log(h.String())
	replayOwn(t, localWorkflow, h)
}

// localOutcome runs the named local activity with the options and reports
// what the workflow saw, and when.
func localOutcome(ctx workflow.Context, name string, opts workflow.LocalActivityOptions, cancelAfter time.Duration) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, opts)
	laCtx, cancel := workflow.WithCancel(ctx)
	if cancelAfter > 0 {
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, cancelAfter)
			cancel()
		})
	}
	var out string
	err := workflow.ExecuteLocalActivity(laCtx, name, "in").Get(ctx, &out)
	at := workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
	var te *wfsim.TimeoutError
	var ce *wfsim.CanceledError
	var ae *wfsim.ApplicationError
	var act *wfsim.ActivityError
	switch {
	case errors.As(err, &act):
		return "", fmt.Errorf("a local activity's error is not an ActivityError: %w", err)
	case err == nil:
		return fmt.Sprintf("%v ok %s", at, out), nil
	case errors.As(err, &te):
		return fmt.Sprintf("%v timeout %s %q", at, te.TimeoutType(), te.Message()), nil
	case errors.As(err, &ce):
		return fmt.Sprintf("%v canceled", at), nil
	case errors.As(err, &ae):
		return fmt.Sprintf("%v failed %s %q", at, ae.Type(), ae.Message()), nil
	}
	return "", err
}

func TestLocalActivityOutcomes(t *testing.T) {
	t.Parallel()
	flaky := func(failures int) func(ctx context.Context, s string) (string, error) {
		return func(ctx context.Context, s string) (string, error) {
			if int(activity.GetInfo(ctx).Attempt) <= failures {
				return "", wfsim.NewApplicationError("not yet", "NotYet")
			}
			return fmt.Sprint("attempt ", activity.GetInfo(ctx).Attempt), nil
		}
	}
	tests := []struct {
		name    string
		fn      any
		opts    workflow.LocalActivityOptions
		cancel  time.Duration
		want    string
		markers int
		timers  int
	}{
		{"worker retries short backoffs itself (1s, 2s)", flaky(2),
			workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute}, 0, "3s ok attempt 3", 1, 0},
		{"a backoff longer than the workflow task timeout is a workflow timer", flaky(5),
			workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: &wfsim.RetryPolicy{InitialInterval: 8 * time.Second, MaximumAttempts: 3}},
			0, "24s failed NotYet \"not yet\"", 2, 1},
		{"non-retryable", func(ctx context.Context, s string) (string, error) {
			return "", wfsim.NewNonRetryableApplicationError("no", "Never", nil)
		}, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute}, 0, "0s failed Never \"no\"", 1, 0},
		{"the deadline ends an attempt at once", func(ctx context.Context, s string) (string, error) {
			time.Sleep(time.Hour)
			return "late", nil
		}, workflow.LocalActivityOptions{StartToCloseTimeout: 5 * time.Second, ScheduleToCloseTimeout: 7 * time.Second}, 0,
			"7s timeout ScheduleToClose \"deadline exceeded\"", 1, 0},
		{"canceled by the workflow", func(ctx context.Context, s string) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		}, workflow.LocalActivityOptions{StartToCloseTimeout: time.Hour}, 30 * time.Second, "40s canceled", 1, 1},
		// (The worker keeps the task open while the activity runs: the
		// timer is started by the first heartbeat's completion, at 8s,
		// fires at 38s while the fifth task is open, and reaches the
		// workflow in the task after the heartbeat at 40s.)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivityWithOptions(tt.fn, activity.RegisterOptions{Name: "Local"})
			var started, completed int
			env.SetOnLocalActivityStartedListener(func(info *activity.Info, ctx context.Context, args []any) {
				started++
				require.True(t, info.IsLocalActivity)
				require.Equal(t, []any{"in"}, args)
			})
			env.SetOnLocalActivityCompletedListener(func(*activity.Info, converter.EncodedValue, error) { completed++ })
			canceled := 0
			env.SetOnLocalActivityCanceledListener(func(*activity.Info) { canceled++ })
			env.ExecuteWorkflow(localOutcome, "Local", tt.opts, tt.cancel)
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
			require.Equal(t, started, completed+canceled)
			if strings.Contains(tt.want, "canceled") {
				require.Equal(t, 1, canceled)
				require.Equal(t, 0, completed, "a canceled attempt goes to the canceled listener only")
			} else {
				require.Zero(t, canceled)
			}
			markers, timers := 0, 0
			for _, ev := range env.History().Events {
				if ev.GetMarkerRecordedEventAttributes() != nil {
					markers++
				}
				if ev.GetTimerStartedEventAttributes() != nil {
					timers++
				}
			}
			require.Equal(t, tt.markers, markers, "history:\n%s", env.History())
			require.Equal(t, tt.timers, timers, "history:\n%s", env.History())
		})
	}
}

func TestLocalActivityOptionsValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts *workflow.LocalActivityOptions
		want string
	}{
		{"none", nil, "missing local activity parameters through context, check LocalActivityOptions"},
		{"no timeout", &workflow.LocalActivityOptions{}, "at least one of ScheduleToCloseTimeout and StartToCloseTimeout is required"},
		{"negative", &workflow.LocalActivityOptions{StartToCloseTimeout: -1}, "negative StartToCloseTimeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Upper)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				if tt.opts != nil {
					ctx = workflow.WithLocalActivityOptions(ctx, *tt.opts)
				}
				err := workflow.ExecuteLocalActivity(ctx, Upper, "x").Get(ctx, nil)
				if err == nil {
					return "", errors.New("no error")
				}
				return err.Error(), nil
			})
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
		})
	}
}
