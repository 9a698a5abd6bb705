package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// externalSystem stands for a service an activity hands its task token to;
// it completes the activity later, from its own goroutine.
type externalSystem struct {
	env   *testsuite.TestWorkflowEnvironment
	after time.Duration
	err   error
	errs  chan error
	again chan error
}

func (x *externalSystem) Submit(ctx context.Context, order string) (string, error) {
	token := activity.GetInfo(ctx).TaskToken
	go func() {
		// Inside the test's bubble this sleep is virtual time.
		time.Sleep(x.after)
		x.errs <- x.env.CompleteActivity(token, "approved "+order, x.err)
		// Posted from this goroutine, the first call is not applied yet:
		// the second is refused all the same.
		x.again <- x.env.CompleteActivity(token, "twice", nil)
	}()
	return "", activity.ErrResultPending
}

func TestCompleteActivityFromAnotherGoroutine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"with a result", nil, "approved #7"},
		{"with an error", wfsim.NewApplicationError("rejected", "Rejected"), "rejected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			x := &externalSystem{env: env, after: 90 * time.Minute, err: tt.err, errs: make(chan error, 1), again: make(chan error, 1)}
			env.RegisterActivity(x)
			env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Submit", Input: "#7", Options: workflow.ActivityOptions{
				StartToCloseTimeout: 2 * time.Hour, RetryPolicy: noRetry}})
			require.NoError(t, <-x.errs)
			again := <-x.again
			require.ErrorIs(t, again, testsuite.ErrActivityAlreadyClosed)
			require.ErrorContains(t, again, "attempt 1 was already completed by an earlier call")
			last := "Completed"
			var out string
			err := env.GetWorkflowResult(&out)
			if tt.err != nil {
				last = "Failed"
				require.ErrorContains(t, err, tt.want)
			} else {
				require.NoError(t, err)
				require.Equal(t, tt.want, out)
			}
			require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {last, 90 * time.Minute}}, actEvents(env.History()))
		})
	}
}

func TestCompleteActivityErrors(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Async"})
	var pending []testsuite.PendingActivity
	var first, second, unknown error
	env.RegisterDelayedCallback(func() {
		pending = env.PendingActivities()
		first = env.CompleteActivity(pending[0].TaskToken, "one", nil)
		second = env.CompleteActivity(pending[0].TaskToken, "two", nil)
		unknown = env.CompleteActivity([]byte("no such token"), nil, nil)
	}, time.Minute)
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Async", Options: workflow.ActivityOptions{StartToCloseTimeout: time.Hour}})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "one", out)
	// After the run, the tokens still answer.
	byID := env.CompleteActivityByID("default-test-workflow-id", "", "5", "three", nil)
	heartbeat := env.RecordActivityHeartbeat(pending[0].TaskToken)
	noSuchID := env.CompleteActivityByID("default-test-workflow-id", "", "99", "three", nil)

	require.Len(t, pending, 1)
	p := pending[0]
	require.Equal(t, "5", p.ActivityID)
	require.Equal(t, "Async", p.ActivityType)
	require.Equal(t, int32(1), p.Attempt)
	require.Equal(t, testsuite.DefaultStartTime, p.ScheduledTime)
	require.True(t, p.Pending)

	require.NoError(t, first)
	require.ErrorIs(t, second, testsuite.ErrActivityAlreadyClosed)
	require.ErrorContains(t, second, "the activity already completed")
	require.ErrorIs(t, unknown, testsuite.ErrUnknownTaskToken)
	require.ErrorIs(t, byID, testsuite.ErrActivityAlreadyClosed)
	require.ErrorContains(t, byID, "the activity already completed")
	require.ErrorIs(t, heartbeat, testsuite.ErrActivityAlreadyClosed)
	require.NotErrorIs(t, heartbeat, testsuite.ErrActivityTimedOut)
	require.ErrorIs(t, noSuchID, testsuite.ErrUnknownTaskToken)
}

// Completions made on the simulation's goroutine (a delayed callback, a
// listener) take effect at once, in the order they are made; the workflow
// sees them in that order.
func TestCompletionsFromACallbackApplyAtOnce(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context, s string) (string, error) {
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Async"})
	env.RegisterDelayedCallback(func() {
		p := env.PendingActivities()
		for i := len(p) - 1; i >= 0; i-- { // last scheduled first
			require.NoError(t, env.CompleteActivity(p[i].TaskToken, p[i].ActivityID, nil))
			require.Len(t, env.PendingActivities(), i)
		}
	}, time.Minute)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
		var fs []workflow.Future
		for i := range 3 {
			fs = append(fs, workflow.ExecuteActivity(ctx, "Async", string(rune('a'+i))))
		}
		var order []string
		s := workflow.NewSelector(ctx)
		for _, f := range fs {
			s.AddFuture(f, func(f workflow.Future) {
				var id string
				_ = f.Get(ctx, &id)
				order = append(order, id)
			})
		}
		for range fs {
			s.Select(ctx)
		}
		return order, nil
	})
	require.NoError(t, env.GetWorkflowError())
	var completed []int64
	for _, ev := range env.History().Events {
		if c := ev.GetActivityTaskCompletedEventAttributes(); c != nil {
			completed = append(completed, c.ScheduledEventID)
		}
	}
	require.Equal(t, []int64{7, 6, 5}, completed)
}
