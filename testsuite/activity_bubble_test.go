package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Nap sleeps for the given duration and reports what it saw of time.
func Nap(ctx context.Context, d time.Duration) (string, error) {
	info := activity.GetInfo(ctx)
	before := time.Now()
	time.Sleep(d)
	deadline, _ := ctx.Deadline()
	return fmt.Sprintf("started=%s now=%s after=%s deadline=%s infoDeadline=%s",
		info.StartedTime.Format(time.TimeOnly), before.Format(time.TimeOnly), time.Now().Format(time.TimeOnly),
		deadline.Format(time.TimeOnly), info.Deadline.Format(time.TimeOnly)), nil
}

func napWorkflow(ctx workflow.Context, naps []time.Duration) ([]string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour})
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return nil, err
	}
	var fs []workflow.Future
	for _, d := range naps {
		fs = append(fs, workflow.ExecuteActivity(ctx, Nap, d))
	}
	var out []string
	for _, f := range fs {
		var s string
		if err := f.Get(ctx, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Inside the bubble, activity code sees virtual time: time.Now, Sleep and
// the context's deadline agree with the workflow's clock.
func TestRealActivityLivesInVirtualTime(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Nap)
	env.ExecuteWorkflow(napWorkflow, []time.Duration{90 * time.Minute})
	var out []string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, []string{"started=01:00:00 now=01:00:00 after=02:30:00 deadline=03:00:00 infoDeadline=03:00:00"}, out)
	require.Equal(t, []actEvent{{"Scheduled", time.Hour}, {"Started", time.Hour}, {"Completed", 150 * time.Minute}}, actEvents(env.History()))
}

// Parallel activities finishing at one instant are applied in schedule
// order, never in goroutine order; shorter ones finish first.
func TestParallelRealActivitiesCompleteInScheduleOrder(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Nap)
	env.ExecuteWorkflow(napWorkflow, []time.Duration{time.Minute, time.Minute, time.Second, time.Minute})
	require.NoError(t, env.GetWorkflowError())
	var completed []int64
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskCompletedEventAttributes(); a != nil {
			completed = append(completed, a.ScheduledEventID)
			require.Equal(t, map[int64]time.Duration{10: time.Minute, 11: time.Minute, 12: time.Second, 13: time.Minute}[a.ScheduledEventID],
				ev.EventTime.Sub(testsuite.DefaultStartTime.Add(time.Hour)))
		}
	}
	require.Equal(t, []int64{12, 10, 11, 13}, completed)
}

// In the test's own bubble, the run starts at the bubble's time.
func TestRunInTheTestsOwnBubble(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(3 * time.Hour)
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivity(Nap)
		env.ExecuteWorkflow(napWorkflow, []time.Duration{time.Minute})
		var out []string
		require.NoError(t, env.GetWorkflowResult(&out))
		require.Equal(t, []string{"started=04:00:00 now=04:00:00 after=04:01:00 deadline=06:00:00 infoDeadline=06:00:00"}, out)
		require.Equal(t, time.Date(2000, 1, 1, 3, 0, 0, 0, time.UTC), env.History().Events[0].EventTime)
		// The run took virtual time in the bubble.
		require.Equal(t, time.Date(2000, 1, 1, 4, 1, 0, 0, time.UTC), time.Now().UTC())
	})
}

// Without a bubble (an environment from WorkflowTestSuite), real activity
// code runs to completion in zero virtual time, sleeping in real time.
func TestRealActivityWithoutABubble(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Nap)
	env.ExecuteWorkflow(napWorkflow, []time.Duration{time.Millisecond})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []actEvent{{"Scheduled", time.Hour}, {"Started", time.Hour}, {"Completed", time.Hour}}, actEvents(env.History()))
}

// A ticker inside an activity ticks in virtual time; the heartbeats the
// worker sends reach the listener at their instants.
func TestTickerHeartbeatsInVirtualTime(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, n int) (int, error) {
		tick := time.NewTicker(10 * time.Second)
		defer tick.Stop()
		for i := range n {
			<-tick.C
			activity.RecordHeartbeat(ctx, i)
		}
		return n, nil
	}, activity.RegisterOptions{Name: "Ticker"})
	var beats []string
	env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
		var i int
		_ = details.Get(&i)
		beats = append(beats, fmt.Sprint(i, "@", env.Now().Sub(testsuite.DefaultStartTime)))
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 15 * time.Second})
		var n int
		err := workflow.ExecuteActivity(ctx, "Ticker", 3).Get(ctx, &n)
		return n, err
	})
	require.NoError(t, env.GetWorkflowError())
	// The worker throttles heartbeats in batches of 12s (80% of the
	// heartbeat timeout), as Temporal's: 0 is sent at once, 1 when its
	// batch ends, and 2, held back when the activity completes, is dropped.
	require.Equal(t, []string{"0@10s", "1@22s"}, beats)
}

// Activity code that ignores its canceled context runs on after the run
// ended (in virtual time, to its end): the history is unaffected, and the
// bubble ends when the code returns.
func TestAbandonedActivityCodeRunsOut(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Stubborn)
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Stubborn", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Second, RetryPolicy: noRetry}})
	require.Error(t, env.GetWorkflowError())
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", time.Second}}, actEvents(env.History()))
}
