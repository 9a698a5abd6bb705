package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestActivityTimeoutsDueAtOnceGoInTheServersOrder: timeouts of one
// activity due at one virtual instant are taken as a server takes them —
// ScheduleToStart before ScheduleToClose, both before the deadlines counted
// from the attempt's start (which on a server starts after it was
// scheduled), and StartToClose before Heartbeat — in every order the
// explorer fires their timers.
func TestActivityTimeoutsDueAtOnceGoInTheServersOrder(t *testing.T) {
	t.Parallel()
	const notEnoughTime = "Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying"
	tests := []struct {
		name    string
		options workflow.ActivityOptions
		// failFirst makes the first attempt fail at once.
		failFirst bool
		want      wfsim.TimeoutType
		message   string
		state     wfsim.RetryState
		at        time.Duration
	}{
		{
			name: "StartToClose capped to ScheduleToClose: ScheduleToClose",
			options: workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Minute, ScheduleToCloseTimeout: 4 * time.Minute,
				RetryPolicy: noRetry},
			want: wfsim.TimeoutTypeScheduleToClose, message: notEnoughTime, state: wfsim.RetryStateTimeout, at: 4 * time.Minute,
		},
		{
			// With no worker on "nobody": ScheduleToStart, unset, is the
			// ScheduleToClose timeout, both counted from the scheduling.
			name:    "ScheduleToStart defaulted to ScheduleToClose: ScheduleToStart",
			options: workflow.ActivityOptions{TaskQueue: "nobody", ScheduleToCloseTimeout: 90 * time.Second, RetryPolicy: noRetry},
			want:    wfsim.TimeoutTypeScheduleToStart, message: "activity ScheduleToStart timeout",
			state: wfsim.RetryStateTimeout, at: 90 * time.Second,
		},
		{
			name:    "Heartbeat and StartToClose: StartToClose",
			options: workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Minute, HeartbeatTimeout: 2 * time.Minute, RetryPolicy: noRetry},
			want:    wfsim.TimeoutTypeStartToClose, message: "activity StartToClose timeout",
			state: wfsim.RetryStateMaximumAttemptsReached, at: 2 * time.Minute,
		},
		{
			// The second attempt, from 1m, would run for an hour: its
			// heartbeat timeout and the activity's ScheduleToClose are
			// due at 3m, its StartToClose (capped to 3m) at 4m.
			name: "Heartbeat and ScheduleToClose: ScheduleToClose",
			options: workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Minute, ScheduleToCloseTimeout: 3 * time.Minute,
				HeartbeatTimeout: 2 * time.Minute, RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Minute, MaximumAttempts: 3}},
			failFirst: true,
			want:      wfsim.TimeoutTypeScheduleToClose, message: notEnoughTime, state: wfsim.RetryStateTimeout, at: 3 * time.Minute,
		},
	}
	for _, tt := range tests {
		for seed := range uint64(4) {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				var s testsuite.WorkflowTestSuite
				env := s.NewTestWorkflowEnvironment()
				if seed > 0 {
					// Seeds 1–3: the explorer draws the order of timers due at once.
					env.SetExplorer(testsuite.SeedExplorer(seed))
				}
				env.RegisterActivity(Slow)
				if tt.options.TaskQueue == "nobody" {
					env.SetActivityTaskQueue("elsewhere", Slow) // no worker takes it from "nobody"
				}
				if tt.failFirst {
					env.OnActivity(Slow, mock.Anything, mock.Anything).Return("", wfsim.NewApplicationError("boom", "Boom")).Once()
				}
				env.OnActivity(Slow, mock.Anything, mock.Anything).Return("late", nil).After(time.Hour)
				env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Slow", Options: tt.options})

				var te *wfsim.TimeoutError
				require.True(t, errors.As(env.GetWorkflowError(), &te), "%v", env.GetWorkflowError())
				require.Equal(t, tt.want, te.TimeoutType())
				timedOut := lastEvent(t, env.History(), "ActivityTaskTimedOut")
				require.Equal(t, at(tt.at), timedOut.EventTime)
				a := timedOut.GetActivityTaskTimedOutEventAttributes()
				require.Equal(t, tt.message, a.Failure.Message)
				require.Equal(t, tt.state, a.RetryState)
				scheduled := lastEvent(t, env.History(), "ActivityTaskScheduled").GetActivityTaskScheduledEventAttributes()
				require.LessOrEqual(t, scheduled.ScheduleToStartTimeout, scheduled.ScheduleToCloseTimeout, "the server caps ScheduleToStart")
			})
		}
	}
}
