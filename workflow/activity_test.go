package workflow_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Noop(ctx context.Context) error { return nil }

// The With… helpers change one option each, on a copy of the context.
func TestActivityOptionHelpers(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var got, base workflow.ActivityOptions
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		policy := wfsim.RetryPolicy{MaximumAttempts: 2}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Second})
		c := workflow.WithTaskQueue(ctx, "q")
		c = workflow.WithScheduleToCloseTimeout(c, time.Hour)
		c = workflow.WithScheduleToStartTimeout(c, time.Minute)
		c = workflow.WithStartToCloseTimeout(c, 2*time.Second)
		c = workflow.WithHeartbeatTimeout(c, 3*time.Second)
		c = workflow.WithWaitForCancellation(c, true)
		c = workflow.WithRetryPolicy(c, policy)
		got = workflow.GetActivityOptions(c)
		base = workflow.GetActivityOptions(ctx)
		return nil
	})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, workflow.ActivityOptions{
		TaskQueue: "q", ScheduleToCloseTimeout: time.Hour, ScheduleToStartTimeout: time.Minute, StartToCloseTimeout: 2 * time.Second,
		HeartbeatTimeout: 3 * time.Second, WaitForCancellation: true, RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 2},
	}, got)
	require.Equal(t, workflow.ActivityOptions{StartToCloseTimeout: time.Second}, base)
}

// Activity IDs are the event IDs the server gives the activities'
// ActivityTaskScheduled events, as Temporal's SDK predicts them, unless
// set in the options.
func TestActivityIDs(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Noop)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Second})
		a := workflow.ExecuteActivity(ctx, Noop)
		b := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Second, ActivityID: "mine"}), Noop)
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
		c := workflow.ExecuteActivity(ctx, "Noop")
		for _, f := range []workflow.Future{a, b, c} {
			if err := f.Get(ctx, nil); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, env.GetWorkflowError())
	var ids []string
	var eventIDs []int64
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			ids = append(ids, a.ActivityID)
			eventIDs = append(eventIDs, ev.EventID)
		}
	}
	require.Equal(t, []int64{5, 6, 19}, eventIDs)
	require.Equal(t, []string{"5", "mine", "19"}, ids)
}

// A local activity's options default each timeout to the other.
func TestLocalActivityOptionsDefaults(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Noop)
	var timeouts []time.Duration
	env.SetOnLocalActivityStartedListener(func(info *activity.Info, ctx context.Context, args []any) {
		timeouts = append(timeouts, info.StartToCloseTimeout, info.ScheduleToCloseTimeout)
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		opts := workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute}
		if got := workflow.GetLocalActivityOptions(workflow.WithLocalActivityOptions(ctx, opts)); !reflect.DeepEqual(got, opts) {
			return errors.New("GetLocalActivityOptions does not return what was set")
		}
		return workflow.ExecuteLocalActivity(workflow.WithLocalActivityOptions(ctx, opts), Noop).Get(ctx, nil)
	})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []time.Duration{time.Minute, time.Minute}, timeouts)
}
