package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// cancelAfter runs an activity with the given options and cancels its
// context after d; it returns when the Future was ready and what it gave:
// "ok <result>", "ActivityError(CanceledError) <details>" or
// "CanceledError".
func cancelAfter(ctx workflow.Context, c actCase, d time.Duration) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, c.Options)
	actCtx, cancel := workflow.WithCancel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		_ = workflow.Sleep(ctx, d)
		cancel()
	})
	var out string
	err := workflow.ExecuteActivity(actCtx, c.Activity, c.Input).Get(ctx, &out)
	at := workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime).String()
	var ae *wfsim.ActivityError
	var ce *wfsim.CanceledError
	switch {
	case err == nil:
		return at + " ok " + out, nil
	case errors.As(err, &ae) && errors.As(err, &ce):
		var details string
		_ = ce.Details(&details)
		return fmt.Sprintf("%s ActivityError(CanceledError) %s %s", at, ae.RetryState(), details), nil
	case errors.As(err, &ce) && err == ce:
		return at + " CanceledError", nil
	}
	return "", err
}

// Watch is real activity code that returns when its context is canceled,
// with the context's error, or after 20s.
func Watch(ctx context.Context, s string) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case <-time.After(20 * time.Second):
		return "finished", nil
	}
}

// Stubborn ignores cancellation and finishes after 20s.
func Stubborn(ctx context.Context, s string) (string, error) {
	time.Sleep(20 * time.Second)
	return "finished", nil
}

func TestActivityCancellation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		c      actCase
		events []actEvent
		want   string
	}{
		{
			name:   "WaitForCancellation false: the Future fails at once, the activity goes on",
			c:      actCase{Activity: "Watch", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute}},
			events: []actEvent{{"Scheduled", 0}, {"CancelRequested", 5 * time.Second}},
			want:   "5s CanceledError",
		},
		{
			name:   "WaitForCancellation true: the Future waits for the activity's acknowledgement",
			c:      actCase{Activity: "Watch", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, WaitForCancellation: true}},
			events: []actEvent{{"Scheduled", 0}, {"CancelRequested", 5 * time.Second}, {"Started", 0}, {"Canceled", 5 * time.Second}},
			want:   "5s ActivityError(CanceledError) NonRetryableFailure ",
		},
		{
			name:   "WaitForCancellation true, the activity ignores it and completes",
			c:      actCase{Activity: "Stubborn", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, WaitForCancellation: true}},
			events: []actEvent{{"Scheduled", 0}, {"CancelRequested", 5 * time.Second}, {"Started", 0}, {"Completed", 20 * time.Second}},
			want:   "20s ok finished",
		},
		{
			name: "not started yet (no worker): canceled at once by the server",
			c: actCase{Activity: "Watch", Options: workflow.ActivityOptions{TaskQueue: "nobody", StartToCloseTimeout: time.Minute,
				WaitForCancellation: true}},
			events: []actEvent{{"Scheduled", 0}, {"CancelRequested", 5 * time.Second}, {"Canceled", 5 * time.Second}},
			want:   "5s ActivityError(CanceledError) NonRetryableFailure ACTIVITY_ID_NOT_STARTED",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Watch)
			env.RegisterActivity(Stubborn)
			env.SetActivityTaskQueue(defaultTaskQueue, Watch) // no worker polls "nobody" for it
			var canceled []string
			env.SetOnActivityCanceledListener(func(info *activity.Info) { canceled = append(canceled, info.ActivityType.Name) })
			env.ExecuteWorkflow(cancelAfter, tt.c, 5*time.Second)
			h := env.History()
			require.Equal(t, tt.events, actEvents(h), "history:\n%s", h)
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
			if strings.Contains(tt.want, "ActivityError") && tt.c.Options.TaskQueue == "" {
				require.Equal(t, []string{tt.c.Activity}, canceled)
			}
		})
	}
}

// A real activity sees ctx.Done when the workflow cancels it, and its
// CanceledError's details reach the workflow.
func TestCanceledActivityDetails(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		<-ctx.Done()
		return "", wfsim.NewCanceledError("cleaned up", 3)
	}, activity.RegisterOptions{Name: "Cleanup"})
	env.ExecuteWorkflow(cancelAfter, actCase{Activity: "Cleanup", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, WaitForCancellation: true}}, time.Second)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "1s ActivityError(CanceledError) NonRetryableFailure cleaned up", out)
	canceled := lastEvent(t, env.History(), "ActivityTaskCanceled").GetActivityTaskCanceledEventAttributes()
	require.NotZero(t, canceled.LatestCancelRequestedEventID)
}

// A CanceledError returned without a cancellation request is a failure.
func TestUnrequestedCanceledErrorFails(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Echo)
	env.OnActivity(Echo, mock.Anything, mock.Anything).Return("", wfsim.NewCanceledError())
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry})
		err := workflow.ExecuteActivity(ctx, Echo, "x").Get(ctx, nil)
		var appErr *wfsim.ApplicationError
		if !errors.As(err, &appErr) {
			return "", fmt.Errorf("not an ApplicationError: %w", err)
		}
		return appErr.Message(), nil
	})
	var msg string
	require.NoError(t, env.GetWorkflowResult(&msg))
	require.Equal(t, "unexpected activity cancel error: canceled", msg)
}

// An activity left pending by ErrResultPending is canceled by completing it
// with a CanceledError once its cancellation was requested.
func TestCancelPendingActivityByToken(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Async"})
	env.RegisterDelayedCallback(func() {
		p := env.PendingActivities()
		require.Len(t, p, 1)
		require.True(t, p[0].Pending)
		require.NoError(t, env.CompleteActivity(p[0].TaskToken, nil, wfsim.NewCanceledError("stopped")))
	}, 7*time.Second)
	env.ExecuteWorkflow(cancelAfter, actCase{Activity: "Async", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, WaitForCancellation: true}}, 5*time.Second)
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"CancelRequested", 5 * time.Second}, {"Started", 0}, {"Canceled", 7 * time.Second}},
		actEvents(env.History()))
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "7s ActivityError(CanceledError) NonRetryableFailure stopped", out)
	require.Empty(t, env.PendingActivities())
}

// Cancelling before the command is sent still sends it, followed by the
// cancellation, as Temporal's SDK does: the server records the activity
// scheduled and its cancellation requested and, as no attempt started,
// canceled after the task's other commands. A run that completes in that
// task never records the cancellation (the server drops it).
func TestCancelBeforeScheduling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// then runs after the cancellation, in the same task.
		then func(ctx workflow.Context) error
		want []actEvent
	}{
		{"run completes", nil, []actEvent{{"Scheduled", 0}, {"CancelRequested", 0}}},
		{"another activity", func(ctx workflow.Context) error {
			return workflow.ExecuteActivity(ctx, Echo, "y").Get(ctx, nil)
		}, []actEvent{{"Scheduled", 0}, {"CancelRequested", 0}, {"Scheduled", 0}, {"Canceled", 0}, {"Started", 0}, {"Completed", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Echo)
			env.ExecuteWorkflow(func(ctx workflow.Context) (bool, error) {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
				actx, cancel := workflow.WithCancel(ctx)
				f := workflow.ExecuteActivity(actx, Echo, "x")
				cancel()
				canceled := wfsim.IsCanceledError(f.Get(ctx, nil))
				if tt.then != nil {
					if err := tt.then(ctx); err != nil {
						return false, err
					}
				}
				return canceled, nil
			})
			var canceled bool
			require.NoError(t, env.GetWorkflowResult(&canceled))
			require.True(t, canceled)
			require.Equal(t, tt.want, actEvents(env.History()))
		})
	}
}
