package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of workflow tests of Temporal's
// internal/internal_workflow_testsuite_test.go: AwaitWithTimeout, the
// history length, same-named workflow and activity methods, signals and a
// selector's default branch, and workers sharing a channel.

// Temporal: internal/internal_workflow_testsuite_test.go Test_AwaitWithTimeoutTimeout
func TestSDK4AwaitWithTimeoutTimesOut(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) (bool, error) {
		return workflow.AwaitWithTimeout(ctx, time.Second, func() bool { return false })
	})
	require.True(t, env.IsWorkflowCompleted())
	result := true
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.False(t, result)
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Second), env.Now())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_AwaitWithTimeoutConditionMet_WithoutFlag
//
// Without SDK flag 6 (CancelAwaitTimerOnCondition, off by default in
// Temporal's SDK as in wfsim), the timer AwaitWithTimeout started is left
// running when the condition comes true.
func TestSDK4AwaitWithTimeoutMetLeavesItsTimer(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var timeoutTimer string
	env.SetOnTimerScheduledListener(func(id string, d time.Duration) {
		if d == 10*time.Second {
			timeoutTimer = id
		}
	})
	var canceled []string
	env.SetOnTimerCanceledListener(func(id string) { canceled = append(canceled, id) })
	env.ExecuteWorkflow(func(ctx workflow.Context) (bool, error) {
		met := false
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, 100*time.Millisecond)
			met = true
		})
		return workflow.AwaitWithTimeout(ctx, 10*time.Second, func() bool { return met })
	})
	require.True(t, env.IsWorkflowCompleted())
	result := false
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.True(t, result, "the condition came first")
	assert.NotEmpty(t, timeoutTimer, "the timeout's timer was started")
	assert.Empty(t, canceled, "the timeout's timer is not canceled")
	for _, ev := range env.History().Events {
		assert.NotEqual(t, replay.EventTypeTimerCanceled, ev.EventType)
	}
	assert.Equal(t, testsuite.DefaultStartTime.Add(100*time.Millisecond), env.Now())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowGetCurrentHistoryLength
func TestSDK4CurrentHistoryLengthSetByTheTest(t *testing.T) {
	t.Parallel()
	contextValue := func(ctx context.Context) (string, error) { return "", nil }
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetCurrentHistoryLength(7)
	env.OnActivity(contextValue, mock.Anything).Return(func(ctx context.Context) (string, error) {
		env.SetCurrentHistoryLength(10)
		return "", nil
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		first := workflow.GetInfo(ctx).GetCurrentHistoryLength()
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
			HeartbeatTimeout:       20 * time.Second,
		})
		if err := workflow.ExecuteActivity(ctx, contextValue).Get(ctx, nil); err != nil {
			return 0, err
		}
		return first + workflow.GetInfo(ctx).GetCurrentHistoryLength(), nil
	})
	require.NoError(t, env.GetWorkflowError())
	var result int
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, 17, result)
}

// sdk4SameNameWorkflow and sdk4SameNameActivity have methods of one name.
type (
	sdk4SameNameWorkflow struct{ a *sdk4SameNameActivity }
	sdk4SameNameActivity struct{}
)

func (w *sdk4SameNameWorkflow) SameFuncName(ctx workflow.Context, input string) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, w.a.SameFuncName, input).Get(ctx, nil)
}

func (*sdk4SameNameActivity) SameFuncName(ctx context.Context, input string) (string, error) {
	return input, nil
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SameWorkflowAndActivityNames
func TestSDK4WorkflowAndActivityMethodsOfOneName(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.OnActivity(new(sdk4SameNameActivity).SameFuncName, mock.Anything, "input").Return("output", nil).Once()
	env.ExecuteWorkflow(new(sdk4SameNameWorkflow).SameFuncName, "input")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SignalNotLost
func TestSDK4SignalNotLostBehindASelectorDefault(t *testing.T) {
	t.Parallel()
	type step struct {
		Value string
		Len   int
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("test-signal", "s1")
		env.SignalWorkflow("test-signal-2", "s2")
	}, 5*time.Second)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]step, error) {
		ch1 := workflow.GetSignalChannel(ctx, "test-signal")
		ch2 := workflow.GetSignalChannel(ctx, "test-signal-2")
		var v string
		s := workflow.NewSelector(ctx)
		s.AddReceive(ch1, func(c workflow.ReceiveChannel, more bool) { c.Receive(ctx, &v) })
		s.AddDefault(func() { ch2.Receive(ctx, &v) })
		var steps []step
		s.Select(ctx) // the default: it waits for s2
		steps = append(steps, step{v, ch1.Len()})
		s.Select(ctx) // s1 is still there
		steps = append(steps, step{v, ch1.Len()})
		return steps, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	var steps []step
	require.NoError(t, env.GetWorkflowResult(&steps))
	assert.Equal(t, []step{{"s2", 1}, {"s1", 0}}, steps)
}

// Temporal: internal/internal_workflow_testsuite_test.go TestChannelWorkerPattern
//
// Its DefaultBehavior case; the other case turns Temporal's SDK flags off
// through its internals.
func TestSDK4TwoWorkersSelectingOnOneChannel(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]int, error) {
		ch := workflow.NewChannel(ctx)
		var received []int
		workflow.Go(ctx, func(ctx workflow.Context) {
			for i := 1; i <= 3; i++ {
				ch.Send(ctx, i)
			}
			ch.Close()
		})
		wg := workflow.NewWaitGroup(ctx)
		wg.Add(2)
		for range 2 {
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer wg.Done()
				for done := false; !done; {
					workflow.NewSelector(ctx).AddReceive(ch, func(c workflow.ReceiveChannel, more bool) {
						if !more {
							done = true
							return
						}
						var v int
						c.Receive(ctx, &v)
						received = append(received, v)
					}).Select(ctx)
				}
			})
		}
		wg.Wait(ctx)
		return received, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var received []int
	require.NoError(t, env.GetWorkflowResult(&received))
	assert.ElementsMatch(t, []int{1, 2, 3}, received)
}
