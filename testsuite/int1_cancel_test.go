package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half) about cancellation: of activities, timers, children and the
// workflow itself, and what a workflow may still do after it is canceled.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: test/integration_test.go TestCancelActivity
func TestIntCancelStartedActivity(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		actCtx, cancel := workflow.WithCancel(ctx)
		actCtx = workflow.WithActivityOptions(actCtx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: 3 * time.Second})
		_ = workflow.ExecuteActivity(actCtx, "UpperAfter", "hello", 2*time.Second)
		_ = workflow.Sleep(ctx, time.Second)
		cancel()
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: time.Second})
		_ = workflow.ExecuteActivity(ctx2, "Upper", "hello").Get(ctx2, nil)
		return []string{"toUpperWithDelay", "toUpper"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestCancelActivityImmediately
func TestIntCancelActivityBeforeItIsScheduled(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		actCtx, cancel := workflow.WithCancel(ctx)
		actCtx = workflow.WithActivityOptions(actCtx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: 3 * time.Second})
		_ = workflow.ExecuteActivity(actCtx, "UpperAfter", "hello", 2*time.Second)
		cancel() // in the same task: the command is never sent
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: time.Second})
		_ = workflow.ExecuteActivity(ctx2, "Upper", "hello").Get(ctx2, nil)
		return []string{"toUpper"}, nil
	}
	env.ExecuteWorkflow(wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, got, acts.invoked())
	// Temporal's SDK still sends the schedule command, followed by its
	// cancellation; the server cancels the activity before any attempt.
	require.Contains(t, itEventTypes(env), "ActivityTaskCancelRequested")
	require.Contains(t, itEventTypes(env), "ActivityTaskCanceled")
}

// Temporal: test/integration_test.go TestCancelTimer
func TestIntCancelStartedTimer(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) ([]string, error) {
		timerCtx, cancel := workflow.WithCancel(ctx)
		_ = workflow.NewTimer(timerCtx, 3*time.Second)
		_ = workflow.Sleep(ctx, time.Second)
		cancel()
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: 5 * time.Second})
		_ = workflow.ExecuteActivity(ctx2, "Upper", "hello").Get(ctx2, nil)
		return []string{"toUpper"}, nil
	}
	env.ExecuteWorkflow(wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, got, acts.invoked())
	require.Contains(t, itEventTypes(env), "TimerCanceled")
}

// Temporal: test/integration_test.go TestCancelTimerAfterActivity
func TestIntCancelTimerAfterSchedulingActivity(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	wf := func(ctx workflow.Context) (string, error) {
		timerCtx, cancel := workflow.WithCancel(ctx)
		_ = workflow.NewTimer(timerCtx, 3*time.Second)
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: 5 * time.Second})
		f := workflow.ExecuteActivity(ctx2, "Upper", "hello")
		cancel()
		var r string
		err := f.Get(ctx2, &r)
		return r, err
	}
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "HELLO", got)
}

// Temporal: test/integration_test.go TestAwaitWithTimeoutTimerNotCancelledByDefault,
// TestAwaitWithTimeoutConditionAlreadyTrue
func TestIntAwaitWithTimeout(t *testing.T) {
	t.Parallel()
	t.Run("condition met later leaves its timer", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		wf := func(ctx workflow.Context) (bool, error) {
			met := false
			workflow.Go(ctx, func(ctx workflow.Context) {
				_ = workflow.Sleep(ctx, 100*time.Millisecond)
				met = true
			})
			return workflow.AwaitWithTimeout(ctx, 10*time.Second, func() bool { return met })
		}
		env.ExecuteWorkflow(wf)
		var ok bool
		require.NoError(t, env.GetWorkflowResult(&ok))
		require.True(t, ok)
		started, canceled := false, false
		for _, e := range env.History().Events {
			if a, ok := e.Attributes.(*replay.TimerStartedEventAttributes); ok && a.StartToFireTimeout == 10*time.Second {
				started = true
			}
			if _, ok := e.Attributes.(*replay.TimerCanceledEventAttributes); ok {
				canceled = true
			}
		}
		// Without SDK flag 6 (off by default), the await's timer is not
		// canceled when the condition is met.
		require.True(t, started)
		require.False(t, canceled)
	})
	t.Run("condition already true", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.ExecuteWorkflow(func(ctx workflow.Context) (bool, error) {
			return workflow.AwaitWithTimeout(ctx, 10*time.Second, func() bool { return true })
		})
		var ok bool
		require.NoError(t, env.GetWorkflowResult(&ok))
		require.True(t, ok)
	})
}

// Temporal: test/integration_test.go TestCancelChildWorkflow
func TestIntCancelChildThenRunActivity(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	env.RegisterWorkflow(itSleepChild)
	wf := func(ctx workflow.Context) ([]string, error) {
		childCtx, cancel := workflow.WithCancel(ctx)
		childCtx = workflow.WithChildOptions(childCtx, workflow.ChildWorkflowOptions{WorkflowTaskTimeout: 5 * time.Second, WorkflowExecutionTimeout: 10 * time.Second})
		_ = workflow.ExecuteChildWorkflow(childCtx, itSleepChild, 3*time.Second)
		_ = workflow.Sleep(ctx, time.Second)
		cancel()
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Second, StartToCloseTimeout: 5 * time.Second})
		_ = workflow.ExecuteActivity(ctx2, "Upper", "hello").Get(ctx2, nil)
		return []string{"sleep", "toUpper"}, nil
	}
	itRunExpectingInvoked(t, env, acts, wf)
}

// Temporal: test/integration_test.go TestCantStartChildAfterBeingCancelled
func TestIntChildStartedAfterCancelIsCanceled(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	env.RegisterWorkflow(itSleepChild)
	wf := func(ctx workflow.Context) (bool, error) {
		_ = workflow.Sleep(ctx, 5*time.Minute) // canceled; the error is ignored
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: 30 * time.Second})
		if err := workflow.ExecuteChildWorkflow(ctx, itSleepChild, time.Second).Get(ctx, nil); err != nil {
			return false, err
		}
		return true, nil
	}
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Second)
	env.ExecuteWorkflow(wf)
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
}

func itQueryString(t *testing.T, env *testsuite.TestWorkflowEnvironment, name string) string {
	t.Helper()
	v, err := env.QueryWorkflow(name)
	require.NoError(t, err)
	var s string
	require.NoError(t, v.Get(&s))
	require.NotEmpty(t, s)
	return s
}

// Temporal: test/integration_test.go TestCancelChildWorkflowUnusualTransitions
func TestIntCanceledChildCompletingAfterParentCancel(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(itWaitUnblock)
	wf := func(ctx workflow.Context) error {
		var childID string
		if err := workflow.SetQueryHandler(ctx, "child-workflow-id", func() (string, error) { return childID, nil }); err != nil {
			return err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: 2 * time.Second})
		f := workflow.ExecuteChildWorkflow(ctx, itWaitUnblock)
		var we workflow.Execution
		if err := f.GetChildWorkflowExecution().Get(ctx, &we); err != nil {
			return err
		}
		childID = we.ID
		return f.Get(ctx, nil)
	}
	env.RegisterDelayedCallback(func() {
		childID := itQueryString(t, env, "child-workflow-id")
		require.NoError(t, env.CancelWorkflowByID(childID, ""))
		env.CancelWorkflow()
		require.NoError(t, env.SignalWorkflowByID(childID, "unblock", nil))
	}, time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: test/integration_test.go TestCancelChildWorkflowAndParentWorkflow
func TestIntCancelChildAndParent(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	child := func(ctx workflow.Context) error {
		ctx.Done().Receive(ctx, nil)
		var ce *temporal.CanceledError
		if errors.As(ctx.Err(), &ce) {
			return ctx.Err()
		}
		return errors.New("not canceled")
	}
	env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "waitCancel"})
	wf := func(ctx workflow.Context) error {
		var childID string
		if err := workflow.SetQueryHandler(ctx, "child-id", func() (string, error) { return childID, nil }); err != nil {
			return err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: 2 * time.Second})
		var we workflow.Execution
		if err := workflow.ExecuteChildWorkflow(ctx, "waitCancel").GetChildWorkflowExecution().Get(ctx, &we); err != nil {
			return err
		}
		childID = we.ID
		ctx.Done().Receive(ctx, nil)
		return nil
	}
	var childID string
	env.RegisterDelayedCallback(func() {
		childID = itQueryString(t, env, "child-id")
		require.NoError(t, env.CancelWorkflowByID(childID, ""))
		env.CancelWorkflow()
	}, time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowErrorByID(childID), &canceled)
}

// Temporal: test/integration_test.go TestChildWorkflowDuplicatePanic_Regression,
// TestChildWorkflowDuplicateGetExecutionStuck_Regression
func TestIntDuplicateChildIDFailsLocally(t *testing.T) {
	t.Parallel()
	for _, viaExecution := range []bool{false, true} {
		t.Run(fmt.Sprint("GetChildWorkflowExecution=", viaExecution), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(itWaitUnblock)
			wf := func(ctx workflow.Context) error {
				childCtx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "ABC-SIMPLE-CHILD-WORKFLOW-ID"})
				var we workflow.Execution
				if err := workflow.ExecuteChildWorkflow(childCtx, itWaitUnblock).GetChildWorkflowExecution().Get(ctx, &we); err != nil {
					return err
				}
				workflow.SignalExternalWorkflow(ctx, we.ID, we.RunID, "unblock", nil)
				f := workflow.ExecuteChildWorkflow(childCtx, itWaitUnblock)
				var err error
				if viaExecution {
					err = f.GetChildWorkflowExecution().Get(ctx, nil)
				} else {
					err = f.Get(ctx, nil)
				}
				// The worker refuses a second child with the ID of one it
				// still tracks: the bare error, not a ChildWorkflowExecutionError.
				if _, ok := err.(*temporal.ChildWorkflowExecutionAlreadyStartedError); !ok {
					return fmt.Errorf("second child: %T %v", err, err)
				}
				return nil
			}
			env.ExecuteWorkflow(wf)
			require.NoError(t, env.GetWorkflowError())
		})
	}
}

func itCleanupAct(context.Context) error { return nil }

// Temporal: test/integration_test.go TestCancelMultipleCommandsOverMultipleTasks
func TestIntCancelWithManyPendingCommands(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		defer func() {
			dctx, _ := workflow.NewDisconnectedContext(ctx)
			if err := workflow.ExecuteActivity(dctx, "Upper", "hello").Get(dctx, nil); err != nil {
				panic("cleanup activity failed")
			}
		}()
		_ = workflow.NewTimer(ctx, 10*time.Minute)
		_ = workflow.SideEffect(ctx, func(workflow.Context) any { return "hi!" })
		tctx, cancelTimer := workflow.WithCancel(ctx)
		_ = workflow.NewTimer(tctx, 3*time.Second)
		_ = workflow.Sleep(ctx, 500*time.Millisecond)
		cancelTimer()
		_ = workflow.NewTimer(ctx, 10*time.Minute)
		tctx2, cancelTimer2 := workflow.WithCancel(ctx)
		_ = workflow.NewTimer(tctx2, 3*time.Second)
		cancelTimer2()
		_ = workflow.Sleep(ctx, 10*time.Minute)
		return nil
	}
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{"toUpper"}, acts.invoked())
}

// Temporal: test/integration_test.go TestActivityStartedAtSameTimeAsTimerCancel
func TestIntActivityScheduledAsTimerCanceled(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	echo := func(_ context.Context, delaySeconds, v int) (int, error) {
		time.Sleep(time.Duration(delaySeconds) * time.Second)
		return v, nil
	}
	env.RegisterActivityWithOptions(echo, activity.RegisterOptions{Name: "Echo"})
	wf := func(ctx workflow.Context) (bool, error) {
		timerCtx, cancelTimer := workflow.WithCancel(ctx)
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		_ = workflow.NewTimer(timerCtx, 3*time.Second)
		var s string
		if workflow.GetSignalChannel(ctx, "signal").Receive(ctx, &s) {
			f := workflow.ExecuteActivity(ctx, "Echo", 0, 0)
			cancelTimer()
			if err := f.Get(ctx, nil); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("signal", "") }, time.Second)
	env.ExecuteWorkflow(wf)
	var ok bool
	require.NoError(t, env.GetWorkflowResult(&ok))
	require.True(t, ok)
}

// Temporal: test/integration_test.go TestTimerCancellationConcurrentWithOtherCommandDoesNotCausePanic
func TestIntTimerCanceledWithActivityInSelector(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	echo := func(_ context.Context, delaySeconds, v int) (int, error) { return v, nil }
	env.RegisterActivityWithOptions(echo, activity.RegisterOptions{Name: "Echo"})
	wf := func(ctx workflow.Context) (int, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: time.Minute, StartToCloseTimeout: time.Minute})
		childCtx, cancel := workflow.WithCancel(ctx)
		sel := workflow.NewSelector(ctx)
		var result int
		var err error
		sel.AddReceive(workflow.GetSignalChannel(childCtx, "signal"), func(c workflow.ReceiveChannel, _ bool) {
			var s string
			if c.Receive(ctx, &s) {
				cancel()
				err = workflow.ExecuteActivity(ctx, "Echo", 0, 1).Get(ctx, &result)
			}
		})
		sel.AddFuture(workflow.NewTimer(childCtx, 5*time.Second), func(workflow.Future) {
			err = errors.New("timeout reached, no signal within allowed duration")
		})
		sel.Select(ctx)
		return result, err
	}
	// Signal-with-start: the signal is there for the first task.
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("signal", "") }, 0)
	env.ExecuteWorkflow(wf)
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 1, got)
}

// Temporal: test/integration_test.go TestCancelChildAndExecuteActivityRace
func TestIntCancelChildAndScheduleActivityInOneTask(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	sleepWf := func(ctx workflow.Context, d time.Duration) error { return workflow.Sleep(ctx, d) }
	env.RegisterWorkflowWithOptions(sleepWf, workflow.RegisterOptions{Name: "SleepForDuration"})
	sleepAct := func(_ context.Context, d time.Duration) error { time.Sleep(d); return nil }
	env.RegisterActivityWithOptions(sleepAct, activity.RegisterOptions{Name: "Sleep"})
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Minute})
		childCtx, cancelChild := workflow.WithCancel(ctx)
		childCtx = workflow.WithChildOptions(childCtx, workflow.ChildWorkflowOptions{WaitForCancellation: true})
		child := workflow.ExecuteChildWorkflow(childCtx, "SleepForDuration", 3*time.Minute)
		if err := child.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return err
		}
		ch := workflow.NewChannel(ctx)
		workflow.Go(ctx, func(ctx workflow.Context) {
			ch.Send(ctx, nil)
			if err := workflow.ExecuteActivity(ctx, "Sleep", time.Millisecond).Get(ctx, nil); err != nil {
				panic(err)
			}
		})
		ch.Receive(ctx, nil)
		cancelChild()
		_ = child.Get(ctx, nil)
		return nil
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	// The goroutine scheduled its activity before the main coroutine asked
	// to cancel the child: commands go in the order the code made them
	// (the SDK once put the cancel at the child's place instead).
	var order []string
	for _, e := range itEventTypes(env) {
		if e == "RequestCancelExternalWorkflowExecutionInitiated" || e == "ActivityTaskScheduled" {
			order = append(order, e)
		}
	}
	require.Equal(t, []string{"ActivityTaskScheduled", "RequestCancelExternalWorkflowExecutionInitiated"}, order)
}

// Temporal: test/integration_test.go TestWaitForCancelWithDisconnectedContext
func TestIntWaitForCancelWithDisconnectedTimer(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(itCleanupAct, activity.RegisterOptions{Name: "EmptyActivity"})
	wf := func(ctx workflow.Context) (err error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, HeartbeatTimeout: 5 * time.Second, WaitForCancellation: true})
		defer func() {
			if !errors.Is(ctx.Err(), workflow.ErrCanceled) {
				return
			}
			dctx, _ := workflow.NewDisconnectedContext(ctx)
			err = workflow.ExecuteActivity(dctx, "EmptyActivity").Get(dctx, nil)
		}()
		sel := workflow.NewSelector(ctx)
		dctx, _ := workflow.NewDisconnectedContext(ctx)
		dctx, cancel := workflow.WithCancel(dctx)
		timer := workflow.NewTimer(dctx, 5*time.Minute)
		sel.AddFuture(timer, func(f workflow.Future) {
			err = f.Get(dctx, nil)
			if !errors.Is(ctx.Err(), workflow.ErrCanceled) {
				panic("error is not canceled error")
			}
		})
		sel.AddReceive(ctx.Done(), func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, nil)
			cancel()
			sel.Select(ctx)
		})
		sel.Select(ctx)
		return workflow.ExecuteActivity(ctx, "EmptyActivity").Get(ctx, nil)
	}
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}
