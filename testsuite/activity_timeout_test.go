package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

var noRetry = &wfsim.RetryPolicy{MaximumAttempts: 1}

// TestActivityTimeouts checks each timeout at its exact virtual instant,
// with the server's failure, retry state and the error the workflow sees.
func TestActivityTimeouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		c        actCase
		setup    func(env *testsuite.TestWorkflowEnvironment)
		events   []actEvent
		timeout  wfsim.TimeoutType
		message  string
		state    wfsim.RetryState
		errText  string
		causeMsg string
	}{
		{
			name: "StartToClose fires at start plus the timeout, not when the mock returns",
			c:    actCase{Activity: "Slow", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Slow, mock.Anything, mock.Anything).Return("late", nil).After(time.Hour)
			},
			events:  []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", time.Minute}},
			timeout: wfsim.TimeoutTypeStartToClose, message: "activity StartToClose timeout", state: wfsim.RetryStateMaximumAttemptsReached,
			errText: "activity error (type: Slow, scheduledEventID: 5, startedEventID: 6, identity: ): activity StartToClose timeout (type: StartToClose)",
		},
		{
			name: "a mock finishing at the StartToClose instant times out",
			c:    actCase{Activity: "Slow", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Slow, mock.Anything, mock.Anything).Return("just in time", nil).After(time.Minute)
			},
			events:  []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", time.Minute}},
			timeout: wfsim.TimeoutTypeStartToClose, message: "activity StartToClose timeout", state: wfsim.RetryStateMaximumAttemptsReached,
		},
		{
			name: "ScheduleToStart: no worker polls the task queue",
			c:    actCase{Activity: "Slow", Options: workflow.ActivityOptions{TaskQueue: "nobody", ScheduleToStartTimeout: 30 * time.Second, StartToCloseTimeout: time.Minute}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.SetActivityTaskQueue("elsewhere", Slow) // so that no worker polls "nobody" for it
			},
			events:  []actEvent{{"Scheduled", 0}, {"TimedOut", 30 * time.Second}},
			timeout: wfsim.TimeoutTypeScheduleToStart, message: "activity ScheduleToStart timeout", state: wfsim.RetryStateTimeout,
			errText: "activity error (type: Slow, scheduledEventID: 5, startedEventID: 0, identity: ): activity ScheduleToStart timeout (type: ScheduleToStart)",
		},
		{
			name: "ScheduleToClose ends a running attempt, with the last failure as cause",
			c: actCase{Activity: "Fail", Options: workflow.ActivityOptions{ScheduleToCloseTimeout: 10 * time.Second,
				RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second}}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				// Attempts run 0–3s, 4–7s and from 9s; each fails after 3s.
				env.OnActivity(Fail, mock.Anything, mock.Anything).Return("", wfsim.NewApplicationError("boom", "Boom")).After(3 * time.Second)
			},
			events:  []actEvent{{"Scheduled", 0}, {"Started", 9 * time.Second}, {"TimedOut", 10 * time.Second}},
			timeout: wfsim.TimeoutTypeScheduleToClose, state: wfsim.RetryStateTimeout,
			message:  "Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying",
			causeMsg: "boom",
		},
		{
			name: "Heartbeat: an attempt that never heartbeats",
			c:    actCase{Activity: "Slow", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 5 * time.Second, RetryPolicy: noRetry}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Slow, mock.Anything, mock.Anything).Return("late", nil).After(time.Minute)
			},
			events:  []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", 5 * time.Second}},
			timeout: wfsim.TimeoutTypeHeartbeat, message: "activity Heartbeat timeout", state: wfsim.RetryStateMaximumAttemptsReached,
		},
		{
			name: "StartToClose after retries: the previous attempt's failure is the cause",
			c: actCase{Activity: "Slow", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
				RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3}}},
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Slow, mock.Anything, mock.Anything).Return("late", nil).After(time.Hour)
			},
			// Attempts start at 0, 61s and 123s (backoffs 1s and 2s).
			events:  []actEvent{{"Scheduled", 0}, {"Started", 123 * time.Second}, {"TimedOut", 183 * time.Second}},
			timeout: wfsim.TimeoutTypeStartToClose, message: "activity StartToClose timeout", state: wfsim.RetryStateMaximumAttemptsReached,
			causeMsg: "activity StartToClose timeout",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Slow)
			env.RegisterActivity(Fail)
			if tt.setup != nil {
				tt.setup(env)
			}
			env.ExecuteWorkflow(actWorkflow, tt.c)
			err := env.GetWorkflowError()
			require.Error(t, err)
			h := env.History()
			require.Equal(t, tt.events, actEvents(h), "history:\n%s", h)

			ae := activityErrorOf(t, err)
			require.Equal(t, tt.state, ae.RetryState())
			var te *wfsim.TimeoutError
			require.ErrorAs(t, err, &te)
			require.Equal(t, tt.timeout, te.TimeoutType())
			require.Equal(t, tt.message, te.Message())
			if tt.errText != "" {
				require.Equal(t, tt.errText, ae.Error())
			}
			if tt.causeMsg != "" {
				require.Error(t, te.Unwrap())
				require.Contains(t, te.Unwrap().Error(), tt.causeMsg)
			} else {
				require.NoError(t, te.Unwrap())
			}
			f := lastEvent(t, h, "ActivityTaskTimedOut").GetActivityTaskTimedOutEventAttributes()
			require.Equal(t, "Server", f.Failure.Source)
			require.Equal(t, tt.state, f.RetryState)
		})
	}
}

// A pending activity (ErrResultPending) is kept alive by
// RecordActivityHeartbeat and times out a heartbeat timeout after the last
// one, with that heartbeat's details.
func TestHeartbeatTimeoutOfAPendingActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var token []byte
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		token = activity.GetInfo(ctx).TaskToken
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Pending"})
	for i, d := range []time.Duration{8 * time.Second, 16 * time.Second} {
		env.RegisterDelayedCallback(func() {
			require.NoError(t, env.RecordActivityHeartbeat(token, i))
		}, d)
	}
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Pending", Options: workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour, HeartbeatTimeout: 10 * time.Second, RetryPolicy: noRetry}})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te)
	require.Equal(t, wfsim.TimeoutTypeHeartbeat, te.TimeoutType())
	require.True(t, te.HasLastHeartbeatDetails())
	var last int
	require.NoError(t, te.LastHeartbeatDetails(&last))
	require.Equal(t, 1, last)
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", 26 * time.Second}}, actEvents(env.History()))

	err := env.CompleteActivity(token, "too late", nil)
	require.ErrorIs(t, err, testsuite.ErrActivityTimedOut)
	require.ErrorIs(t, err, testsuite.ErrActivityAlreadyClosed)
}

// Real activity code heartbeats in virtual time inside the bubble: the
// details of its last heartbeat reach both the timeout error and the next
// attempt.
func TestHeartbeatDetailsReachTheNextAttempt(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var seen []int
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		start := 0
		if activity.HasHeartbeatDetails(ctx) {
			if err := activity.GetHeartbeatDetails(ctx, &start); err != nil {
				return "", err
			}
		}
		seen = append(seen, start)
		if activity.GetInfo(ctx).Attempt == 2 {
			return "done", nil
		}
		for i := start + 1; ; i++ {
			activity.RecordHeartbeat(ctx, i)
			if i == 3 {
				<-ctx.Done() // stuck: stops heartbeating
				return "", ctx.Err()
			}
			time.Sleep(2 * time.Second)
		}
	}, activity.RegisterOptions{Name: "Progress"})
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Progress", Options: workflow.ActivityOptions{
		StartToCloseTimeout: time.Hour, HeartbeatTimeout: 5 * time.Second, RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second}}})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "done", out)
	require.Equal(t, []int{0, 3}, seen)
	// Heartbeats at 0, 2 and 4s, throttled by the worker in batches of 4s
	// (80% of the heartbeat timeout), as Temporal's: 1 is sent at 0s, 2 at
	// 4s (when the first batch ends), 3 at 8s; the timeout counts from the
	// last heartbeat the server received, so it falls at 13s; retry at 14s.
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 14 * time.Second}, {"Completed", 14 * time.Second}}, actEvents(env.History()))
}

// The example: an activity waiting 10s on time.After under a 1s
// StartToClose times out at exactly 1s, its context is done, and the test
// takes no real second.
func TestStartToCloseCancelsRealActivityInVirtualTime(t *testing.T) {
	t.Parallel()
	begin := time.Now()
	env := testsuite.NewTestWorkflowEnvironment(t)
	ctxErr := make(chan error, 1)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		select {
		case <-time.After(10 * time.Second):
			return "finished", nil
		case <-ctx.Done():
			ctxErr <- ctx.Err()
			return "", ctx.Err()
		}
	}, activity.RegisterOptions{Name: "Waiter"})
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Waiter", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Second, RetryPolicy: noRetry}})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te)
	require.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", time.Second}}, actEvents(env.History()))
	require.True(t, errors.Is(<-ctxErr, context.DeadlineExceeded))
	require.Less(t, time.Since(begin), 500*time.Millisecond)
}

// The same-instant rule for a completion made by a delayed callback: the
// callback was put on the clock before the attempt's StartToClose timer
// (it was registered before ExecuteWorkflow), so at that instant the
// completion comes first and the timeout never fires.
func TestCallbackCompletionAtTheTimeoutInstant(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Pending"})
	env.RegisterDelayedCallback(func() {
		require.NoError(t, env.CompleteActivity(env.PendingActivities()[0].TaskToken, "just in time", nil))
	}, time.Minute)
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Pending", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry}})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "just in time", out)
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"Completed", time.Minute}}, actEvents(env.History()))
}
