package testsuite_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Mock functions in an environment from WorkflowTestSuite (no bubble) run
// aside: one that blocks until the simulation releases it does not block
// the simulation (aside.go).

func ProcessOrder(ctx context.Context) error { return nil }
func SendEmail(ctx context.Context) error    { return nil }

// orderWorkflow is Temporal's timer sample: it processes an order and, if
// that takes longer than threshold, sends an email meanwhile.
func orderWorkflow(ctx workflow.Context, threshold time.Duration) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	childCtx, cancel := workflow.WithCancel(ctx)
	processed := false
	s := workflow.NewSelector(ctx)
	order := workflow.ExecuteActivity(ctx, ProcessOrder)
	s.AddFuture(order, func(f workflow.Future) {
		processed = true
		cancel()
	})
	s.AddFuture(workflow.NewTimer(childCtx, threshold), func(f workflow.Future) {
		if !processed {
			_ = workflow.ExecuteActivity(ctx, SendEmail).Get(ctx, nil)
		}
		_ = order.Get(ctx, nil)
	})
	s.Select(ctx)
	return nil
}

// slowOrderEnv is the timer sample's slow case: processing the order waits
// until the email has been sent.
func slowOrderEnv() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var wg sync.WaitGroup
	wg.Add(1)
	env.OnActivity(ProcessOrder, mock.Anything).Return(func(ctx context.Context) error {
		wg.Wait()
		return nil
	})
	env.OnActivity(SendEmail, mock.Anything).Return(func(ctx context.Context) error {
		wg.Done()
		return nil
	})
	return env
}

func TestAsideMockWaitsForAnother(t *testing.T) {
	t.Parallel()
	env := slowOrderEnv()
	env.ExecuteWorkflow(orderWorkflow, time.Minute)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)

	// Both activities complete at the timer's instant, in schedule order.
	start := testsuite.DefaultStartTime
	var completed []string
	for _, ev := range env.History().Events {
		if ev.EventType == replay.EventTypeActivityTaskCompleted {
			require.Equal(t, start.Add(time.Minute), ev.EventTime, "event %d", ev.EventID)
			completed = append(completed, activityTypeOf(env.History(), ev.Attributes.(*replay.ActivityTaskCompletedEventAttributes).ScheduledEventID))
		}
	}
	require.Equal(t, []string{"ProcessOrder", "SendEmail"}, completed)
}

func activityTypeOf(h *replay.History, scheduledID int64) string {
	return h.Events[scheduledID-1].Attributes.(*replay.ActivityTaskScheduledEventAttributes).ActivityType.Name
}

func TestAsideIsDeterministic(t *testing.T) {
	t.Parallel()
	var first []byte
	for i := range 20 {
		env := slowOrderEnv()
		env.ExecuteWorkflow(orderWorkflow, time.Microsecond)
		require.NoError(t, env.GetWorkflowError())
		got := historyJSON(t, env.History())
		if i == 0 {
			first = got
			continue
		}
		require.Equal(t, string(first), string(got), "run %d", i)
	}
}

func TestAsideReleasedByDelayedCallback(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	release := make(chan struct{})
	env.OnActivity(ProcessOrder, mock.Anything).Return(func(ctx context.Context) error {
		<-release
		return nil
	})
	env.RegisterDelayedCallback(func() { close(release) }, 30*time.Minute)
	env.ExecuteWorkflow(orderWorkflow, time.Hour)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{"ProcessOrder"}, activityTypes(env.History()))
	require.Equal(t, testsuite.DefaultStartTime.Add(30*time.Minute), completedAt(t, env.History()))
}

func activityTypes(h *replay.History) []string {
	var out []string
	for _, ev := range h.Events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok {
			out = append(out, a.ActivityType.Name)
		}
	}
	return out
}

func completedAt(t *testing.T, h *replay.History) time.Time {
	t.Helper()
	for _, ev := range h.Events {
		if ev.EventType == replay.EventTypeActivityTaskCompleted {
			return ev.EventTime
		}
	}
	t.Fatal("no ActivityTaskCompleted event")
	return time.Time{}
}

// A function that runs (here: sleeps) is waited for, as code on the
// simulation's goroutine would be: the timer racing it does not win.
func TestAsideRunningFunctionIsWaitedFor(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.OnActivity(ProcessOrder, mock.Anything).Return(func(ctx context.Context) error {
		time.Sleep(30 * time.Millisecond)
		return nil
	})
	env.ExecuteWorkflow(orderWorkflow, time.Microsecond)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{"ProcessOrder"}, activityTypes(env.History()))
	require.Equal(t, testsuite.DefaultStartTime, completedAt(t, env.History()))
}

// A function nobody releases is timed out at its StartToClose instant; its
// context is canceled.
func TestAsideBlockedFunctionTimesOut(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.OnActivity(ProcessOrder, mock.Anything).Return(func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry})
		return workflow.ExecuteActivity(ctx, ProcessOrder).Get(ctx, nil)
	})
	var te *wfsim.TimeoutError
	require.True(t, errors.As(env.GetWorkflowError(), &te), "%v", env.GetWorkflowError())
	require.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
	require.Equal(t, testsuite.DefaultStartTime.Add(time.Minute), env.Now())
}
