package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half) about what a canceled workflow may still do, and how canceled
// errors returned by activities and workflows are reported.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type itPostCancel struct {
	PreActivity, PostActivity, PreTimer, PostTimer bool
}

func itHeartbeatUntilCanceled(ctx context.Context, every time.Duration) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(every):
			activity.RecordHeartbeat(ctx)
		}
	}
}

func itShortSleep(_ context.Context, d time.Duration) error {
	time.Sleep(d)
	return nil
}

func itPostCancelWorkflow(ctx workflow.Context, in itPostCancel) error {
	waiting := false
	if err := workflow.SetQueryHandler(ctx, "waiting-for-cancel", func() (bool, error) { return waiting, nil }); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute, HeartbeatTimeout: 5 * time.Second, WaitForCancellation: true,
	})
	var act, timer workflow.Future
	if in.PreActivity {
		act = workflow.ExecuteActivity(ctx, itHeartbeatUntilCanceled, time.Second)
	}
	if in.PreTimer {
		timer = workflow.NewTimer(ctx, 10*time.Minute)
	}
	waiting = true
	if act != nil {
		if err := act.Get(ctx, nil); err != nil {
			return fmt.Errorf("activity did not gracefully cancel: %w", err)
		}
	}
	if timer != nil {
		if err := timer.Get(ctx, nil); !temporal.IsCanceledError(err) {
			return fmt.Errorf("timer did not get canceled error, got: %w", err)
		}
	}
	ctx, _ = workflow.NewDisconnectedContext(ctx)
	if in.PostActivity {
		if err := workflow.ExecuteActivity(ctx, itShortSleep, time.Millisecond).Get(ctx, nil); err != nil {
			return fmt.Errorf("post-cancel activity: %w", err)
		}
	}
	if in.PostTimer {
		if err := workflow.NewTimer(ctx, time.Millisecond).Get(ctx, nil); err != nil {
			return fmt.Errorf("post-cancel timer: %w", err)
		}
	}
	return nil
}

// itCancelWhenWaiting cancels the workflow once its "waiting-for-cancel"
// query answers true, polling each virtual second as the integration suite
// polls its query.
func itCancelWhenWaiting(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
	var poll func()
	poll = func() {
		v, err := env.QueryWorkflow("waiting-for-cancel")
		var ok bool
		if err == nil {
			require.NoError(t, v.Get(&ok))
		}
		if ok {
			env.CancelWorkflow()
			return
		}
		env.RegisterDelayedCallback(poll, time.Second)
	}
	env.RegisterDelayedCallback(poll, time.Second)
}

// Temporal: test/integration_test.go TestAdvancedPostCancellation
func TestIntWorkAfterCancellation(t *testing.T) {
	t.Parallel()
	for _, in := range []itPostCancel{
		{PreActivity: true, PostActivity: true},
		{PreTimer: true, PostTimer: true},
		{PreActivity: true, PostTimer: true},
		{PreTimer: true, PostActivity: true},
		{PreActivity: true, PreTimer: true, PostActivity: true, PostTimer: true},
	} {
		t.Run(fmt.Sprintf("%+v", in), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(itHeartbeatUntilCanceled)
			env.RegisterActivity(itShortSleep)
			itCancelWhenWaiting(t, env)
			env.ExecuteWorkflow(itPostCancelWorkflow, in)
			require.NoError(t, env.GetWorkflowError())
		})
	}
}

// Temporal: test/integration_test.go TestAdvancedPostCancellationChildWithDone
func TestIntWorkAfterCancellationWithChild(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	sleepWf := func(ctx workflow.Context, d time.Duration) error { return workflow.Sleep(ctx, d) }
	env.RegisterWorkflowWithOptions(sleepWf, workflow.RegisterOptions{Name: "SleepForDuration"})
	env.RegisterActivity(itShortSleep)
	wf := func(ctx workflow.Context) error {
		waiting := false
		if err := workflow.SetQueryHandler(ctx, "waiting-for-cancel", func() (bool, error) { return waiting, nil }); err != nil {
			return err
		}
		workflow.ExecuteChildWorkflow(ctx, "SleepForDuration", 5*time.Hour)
		waiting = true
		ctx.Done().Receive(ctx, nil)
		ctx, _ = workflow.NewDisconnectedContext(ctx)
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout: 5 * time.Minute, RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		if err := workflow.ExecuteActivity(ctx, itShortSleep, time.Millisecond).Get(ctx, nil); err != nil {
			return fmt.Errorf("post-cancel activity: %w", err)
		}
		return nil
	}
	itCancelWhenWaiting(t, env)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

func itReturnCancelErrorAct(ctx context.Context, waitForCancel, goCancelError bool) error {
	if waitForCancel {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for ctx.Err() == nil {
			select {
			case <-ctx.Done():
			case <-tick.C:
			}
		}
	}
	if goCancelError {
		return context.Canceled
	}
	return temporal.NewCanceledError("some details")
}

func itReturnCancelErrorWf(ctx workflow.Context, fromActivity, rawActivityError, waitForCancel, goCancelError bool) error {
	if fromActivity {
		actCtx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToCloseTimeout: 5 * time.Second, RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		actCtx, cancel := workflow.WithCancel(actCtx)
		f := workflow.ExecuteActivity(actCtx, itReturnCancelErrorAct, waitForCancel, goCancelError)
		if waitForCancel {
			_ = workflow.Sleep(ctx, 100*time.Millisecond)
			cancel()
		}
		if err := f.Get(ctx, nil); err != nil {
			if rawActivityError {
				return err
			}
			return errors.New(err.Error())
		}
		return nil
	}
	if waitForCancel {
		ctx.Done().Receive(ctx, nil)
	}
	if goCancelError {
		return context.Canceled
	}
	return temporal.NewCanceledError("some details")
}

// Temporal: test/integration_test.go TestReturnCancelError
func TestIntReturnedCancelErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                                            string
		fromActivity, raw, waitForCancel, goCancelError bool
		contains, notContains                           []string
		canceled                                        bool
		lastEvent                                       string
	}{
		{name: "activity CanceledError, not canceled", fromActivity: true,
			contains: []string{"unexpected activity cancel error"}, lastEvent: "WorkflowExecutionFailed"},
		{name: "activity context.Canceled, not canceled", fromActivity: true, goCancelError: true,
			contains: []string{"context canceled"}, lastEvent: "WorkflowExecutionFailed"},
		{name: "activity CanceledError after cancel", fromActivity: true, waitForCancel: true,
			contains: []string{"canceled"}, notContains: []string{"unexpected"}, lastEvent: "WorkflowExecutionFailed"},
		{name: "activity context.Canceled after cancel", fromActivity: true, waitForCancel: true, goCancelError: true,
			contains: []string{"canceled"}, notContains: []string{"context canceled", "unexpected"}, lastEvent: "WorkflowExecutionFailed"},
		{name: "workflow returns CanceledError unasked",
			canceled: true, lastEvent: "WorkflowExecutionCanceled"},
		{name: "workflow returns the raw activity cancel", fromActivity: true, raw: true, waitForCancel: true,
			canceled: true, lastEvent: "WorkflowExecutionCanceled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(itReturnCancelErrorAct)
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "rce"})
			env.ExecuteWorkflow(itReturnCancelErrorWf, tc.fromActivity, tc.raw, tc.waitForCancel, tc.goCancelError)
			err := env.GetWorkflowError()
			require.Error(t, err)
			for _, s := range tc.contains {
				require.Contains(t, err.Error(), s)
			}
			for _, s := range tc.notContains {
				require.NotContains(t, err.Error(), s)
			}
			require.Equal(t, tc.canceled, temporal.IsCanceledError(err))
			require.Equal(t, tc.lastEvent, itLastEvent(t, env, "rce"))
		})
	}
}
