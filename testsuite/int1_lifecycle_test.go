package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half) about a run's life: continue-as-new, cancellation, signals and
// child workflows with their retry policies and parent close policies.

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// itSleepChild runs the SleepFor activity for d, as the integration
// suite's "sleep" workflow does.
func itSleepChild(ctx workflow.Context, d time.Duration) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		ScheduleToStartTimeout: 5 * time.Second,
		ScheduleToCloseTimeout: 5*time.Second + d,
		StartToCloseTimeout:    time.Second + d,
	})
	return workflow.ExecuteActivity(ctx, "SleepFor", d).Get(ctx, nil)
}

func itTimerChild(ctx workflow.Context, d time.Duration) error {
	return workflow.NewTimer(ctx, d).Get(ctx, nil)
}

func itWaitUnblock(ctx workflow.Context) error {
	workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
	return nil
}

// itLastEvent is the type of the last event of the last run of workflowID.
func itLastEvent(t *testing.T, env *testsuite.TestWorkflowEnvironment, workflowID string) string {
	t.Helper()
	hs := env.Histories(workflowID)
	require.NotEmpty(t, hs, "no history for %s", workflowID)
	ev := hs[len(hs)-1].Events
	return ev[len(ev)-1].EventType.String()
}

func itContinueAsNew(ctx workflow.Context, count int, queue string) (int, error) {
	if q := workflow.GetInfo(ctx).TaskQueueName; q != queue {
		return -1, fmt.Errorf("task queue %q, want %q", q, queue)
	}
	if count == 0 {
		return 999, nil
	}
	ctx = workflow.WithTaskQueue(ctx, queue)
	return -1, workflow.NewContinueAsNewError(ctx, itContinueAsNew, count-1, queue)
}

// Temporal: test/integration_test.go TestContinueAsNew
func TestIntContinueAsNewKeepsTaskQueue(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(itContinueAsNew)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "can", TaskQueue: "q1"})
	env.FollowContinueAsNew(10)
	env.ExecuteWorkflow(itContinueAsNew, 4, "q1")
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 999, got)
	require.Len(t, env.Histories("can"), 5)
}

func itContinueAsNewCarry(ctx workflow.Context, count int) (string, error) {
	info := workflow.GetInfo(ctx)
	if info.Memo == nil || info.SearchAttributes == nil || info.RetryPolicy == nil {
		return "", errors.New("memo, search attributes or retry policy not carried over")
	}
	var memo, sa string
	dc := converter.GetDefaultDataConverter()
	if err := dc.FromPayload(info.Memo.Fields["memoKey"], &memo); err != nil {
		return "", err
	}
	if err := dc.FromPayload(info.SearchAttributes.IndexedFields["CustomKeywordField"], &sa); err != nil {
		return "", err
	}
	if count == 0 {
		return fmt.Sprintf("%v,%v,%v", memo, sa, info.RetryPolicy.MaximumAttempts), nil
	}
	return "", workflow.NewContinueAsNewError(ctx, itContinueAsNewCarry, count-1)
}

// Temporal: test/integration_test.go TestContinueAsNewCarryOver
func TestIntContinueAsNewCarriesMemoSearchAttributesRetryPolicy(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(itContinueAsNewCarry)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "carry", RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 123}})
	require.NoError(t, env.SetMemoOnStart(map[string]any{"memoKey": "memoVal"}))
	require.NoError(t, env.SetSearchAttributesOnStart(map[string]any{"CustomKeywordField": "searchAttr"}))
	env.FollowContinueAsNew(10)
	env.ExecuteWorkflow(itContinueAsNewCarry, 4)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "memoVal,searchAttr,123", got)
}

func itContinueAsNewRetry(ctx workflow.Context, newMax, expectedMax, iterations int) (string, error) {
	info := workflow.GetInfo(ctx)
	if info.RetryPolicy == nil {
		return "", errors.New("retry policy not carried over")
	}
	if got := int(info.RetryPolicy.MaximumAttempts); got != expectedMax {
		return "", fmt.Errorf("MaximumAttempts %d, want %d", got, expectedMax)
	}
	ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
	if err := workflow.ExecuteActivity(ctx, "Upper", "foo").Get(ctx, nil); err != nil {
		return "", err
	}
	if iterations == 0 {
		return fmt.Sprintf("End of workflow: %v", info.RetryPolicy.MaximumAttempts), nil
	}
	rp := itDefaultRetry()
	rp.MaximumAttempts = int32(newMax)
	return "", workflow.NewContinueAsNewErrorWithOptions(ctx, workflow.ContinueAsNewErrorOptions{RetryPolicy: rp},
		itContinueAsNewRetry, newMax, newMax, iterations-1)
}

// Temporal: test/integration_test.go TestContinueAsNewWithRetryPolicy
func TestIntContinueAsNewWithNewRetryPolicy(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	env.RegisterWorkflow(itContinueAsNewRetry)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "can-retry", RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 3}})
	env.FollowContinueAsNew(10)
	env.ExecuteWorkflow(itContinueAsNewRetry, 100, 3, 4)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "End of workflow: 100", got)
	require.Equal(t, []string{"toUpper", "toUpper", "toUpper", "toUpper", "toUpper"}, acts.invoked())
}

func itChildWithRetry(ctx workflow.Context, expectedMax, iterations int) error {
	info := workflow.GetInfo(ctx)
	if info.RetryPolicy == nil {
		return errors.New("retry policy not carried over")
	}
	if got := int(info.RetryPolicy.MaximumAttempts); got != expectedMax {
		return fmt.Errorf("MaximumAttempts %d, want %d (iterations %d)", got, expectedMax, iterations)
	}
	ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
	if err := workflow.ExecuteActivity(ctx, "Upper", "foo").Get(ctx, nil); err != nil {
		return err
	}
	if iterations > 0 {
		return workflow.NewContinueAsNewError(ctx, itChildWithRetry, expectedMax, iterations-1)
	}
	return nil
}

func itChildWithCustomRetry(ctx workflow.Context, expectedMax, iterations int) error {
	info := workflow.GetInfo(ctx)
	if info.RetryPolicy == nil {
		return errors.New("retry policy not carried over")
	}
	if got := int(info.RetryPolicy.MaximumAttempts); got != expectedMax {
		return fmt.Errorf("MaximumAttempts %d, want %d", got, expectedMax)
	}
	ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
	if err := workflow.ExecuteActivity(ctx, "Upper", "foo").Get(ctx, nil); err != nil {
		return err
	}
	if iterations > 0 {
		rp := itDefaultRetry()
		rp.MaximumAttempts = 7
		return workflow.NewContinueAsNewErrorWithOptions(ctx, workflow.ContinueAsNewErrorOptions{RetryPolicy: rp},
			itChildWithCustomRetry, 7, iterations-1)
	}
	return nil
}

func itChildOptsWithRetry(maxAttempts int32) workflow.ChildWorkflowOptions {
	rp := itDefaultRetry()
	rp.MaximumAttempts = maxAttempts
	return workflow.ChildWorkflowOptions{
		WorkflowTaskTimeout:      5 * time.Second,
		WorkflowExecutionTimeout: 9 * time.Second,
		RetryPolicy:              rp,
	}
}

// Temporal: test/integration_test.go TestChildWFWithRetryPolicy_ShortLived,
// TestChildWFWithRetryPolicy_LongRunning,
// TestChildWFWithRetryPolicy_LongRunningWithCustomRetry
func TestIntChildRetryPolicyThroughContinueAsNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		child      any
		iterations int
	}{
		{"short lived", itChildWithRetry, 0},
		{"long running", itChildWithRetry, 4},
		{"long running with custom retry", itChildWithCustomRetry, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, acts := newITEnv(t)
			env.RegisterWorkflow(tc.child)
			parent := func(ctx workflow.Context, expectedMax, iterations int) error {
				if info := workflow.GetInfo(ctx); info.RetryPolicy == nil || int(info.RetryPolicy.MaximumAttempts) != expectedMax {
					return errors.New("parent's retry policy not set")
				}
				ctx = workflow.WithChildOptions(ctx, itChildOptsWithRetry(5))
				return workflow.ExecuteChildWorkflow(ctx, tc.child, 5, iterations).Get(ctx, nil)
			}
			rp := itDefaultRetry()
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "child-retry", RetryPolicy: rp})
			env.ExecuteWorkflow(parent, 3, tc.iterations)
			require.NoError(t, env.GetWorkflowError())
			want := make([]string, tc.iterations+1)
			for i := range want {
				want[i] = "toUpper"
			}
			require.Equal(t, want, acts.invoked())
		})
	}
}

// itContinueAsNewWithChild runs a child with a retry policy, then continues
// as new: the child options' retry policy must not become the next run's.
func itContinueAsNewWithChild(ctx workflow.Context, iterations int) error {
	if workflow.GetInfo(ctx).RetryPolicy != nil {
		return errors.New("retry policy carried over from the child options")
	}
	ctx = workflow.WithChildOptions(ctx, itChildOptsWithRetry(6))
	if err := workflow.ExecuteChildWorkflow(ctx, itChildWithRetry, 6, 0).Get(ctx, nil); err != nil {
		return fmt.Errorf("child: %w", err)
	}
	if iterations == 0 {
		return nil
	}
	return workflow.NewContinueAsNewError(ctx, itContinueAsNewWithChild, iterations-1)
}

// Temporal: test/integration_test.go TestContinueAsNewWithWithChildWF
func TestIntContinueAsNewIgnoresChildRetryPolicy(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	env.RegisterWorkflow(itContinueAsNewWithChild)
	env.RegisterWorkflow(itChildWithRetry)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "can-child"})
	env.FollowContinueAsNew(10)
	env.ExecuteWorkflow(itContinueAsNewWithChild, 6)
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, acts.invoked(), 7)
}

// Temporal: test/integration_test.go TestCancellation
func TestIntCancelRunningWorkflow(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		return workflow.ExecuteActivity(ctx, "UpperAfter", "hello", time.Second).Get(ctx, nil)
	}
	env.RegisterDelayedCallback(env.CancelWorkflow, 0)
	env.ExecuteWorkflow(wf)
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
}

// Temporal: test/integration_test.go TestCascadingCancellation
func TestIntCancelCascadesToChild(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(itTimerChild)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowTaskTimeout: 5 * time.Second, WorkflowExecutionTimeout: 30 * time.Second,
			WorkflowID: workflow.GetInfo(ctx).WorkflowExecution.ID + "-child",
		})
		return workflow.ExecuteChildWorkflow(ctx, itTimerChild, 10*time.Second).Get(ctx, nil)
	}
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "cascade"})
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Second)
	env.ExecuteWorkflow(wf)
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	require.Equal(t, "WorkflowExecutionCanceled", itLastEvent(t, env, "cascade-child"))
}

type itNamed struct{ Name string }

// Temporal: test/integration_test.go TestSignalWorkflow
func TestIntSignalsReceivedInOrder(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) (*itNamed, error) {
		s := workflow.NewSelector(ctx)
		var str string
		s.AddReceive(workflow.GetSignalChannel(ctx, "string-signal"), func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, &str)
		})
		s.Select(ctx)
		var v *itNamed
		s.AddReceive(workflow.GetSignalChannel(ctx, "struct-signal"), func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, &v)
		})
		s.Select(ctx)
		v.Name = str
		return v, nil
	}
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow("string-signal", "string-value")
		env.SignalWorkflow("struct-signal", &itNamed{Name: "workflow-type"})
	}, time.Second)
	env.ExecuteWorkflow(wf)
	var got *itNamed
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, &itNamed{Name: "string-value"}, got)
}

// Temporal: test/integration_test.go TestChildWFRetryOnError
func TestIntChildRetriedOnError(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	child := func(ctx workflow.Context, arg string, mustFail bool) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		var r string
		err := workflow.ExecuteActivity(ctx, "Upper", arg).Get(ctx, &r)
		if mustFail {
			return "", errors.New("failing-on-purpose")
		}
		return r, err
	}
	env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "child"})
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, itChildOptsWithRetry(3))
		return workflow.ExecuteChildWorkflow(ctx, "child", "hello", true).Get(ctx, nil)
	}
	env.ExecuteWorkflow(wf)
	var childErr *temporal.ChildWorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &childErr)
	require.Equal(t, []string{"toUpper", "toUpper", "toUpper"}, acts.invoked())
}

// Temporal: test/integration_test.go TestChildWFRetryOnTimeout
func TestIntChildRetriedOnRunTimeout(t *testing.T) {
	t.Parallel()
	env, acts := newITEnv(t)
	env.RegisterWorkflow(itSleepChild)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowTaskTimeout:      time.Second,
			WorkflowRunTimeout:       time.Second,
			WorkflowExecutionTimeout: 30 * time.Second,
			RetryPolicy:              &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: time.Second, MaximumAttempts: 3},
		})
		return workflow.ExecuteChildWorkflow(ctx, itSleepChild, 2*time.Second).Get(ctx, nil)
	}
	env.ExecuteWorkflow(wf)
	var childErr *temporal.ChildWorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &childErr)
	var te *temporal.TimeoutError
	require.ErrorAs(t, childErr, &te)
	require.Equal(t, temporal.TimeoutTypeStartToClose, te.TimeoutType())
	require.Equal(t, []string{"sleep", "sleep", "sleep"}, acts.invoked())
}

// Temporal: test/integration_test.go TestChildWFWithMemoAndSearchAttributes
func TestIntChildSeesMemoAndSearchAttributes(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	child := func(ctx workflow.Context) (string, error) {
		info := workflow.GetInfo(ctx)
		var memo, sa string
		dc := converter.GetDefaultDataConverter()
		if err := dc.FromPayload(info.Memo.Fields["memoKey"], &memo); err != nil {
			return "", err
		}
		if err := dc.FromPayload(info.SearchAttributes.IndexedFields["CustomKeywordField"], &sa); err != nil {
			return "", err
		}
		return memo + ", " + sa, nil
	}
	env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "memoChild"})
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowTaskTimeout: 5 * time.Second, WorkflowExecutionTimeout: 10 * time.Second,
			Memo: map[string]any{"memoKey": "memoVal"},
			//lint:ignore SA1019 the integration test sets the deprecated untyped attributes
			SearchAttributes: map[string]any{"CustomKeywordField": "searchAttrVal"},
		})
		var r string
		err := workflow.ExecuteChildWorkflow(ctx, "memoChild").Get(ctx, &r)
		return r, err
	}
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "memoVal, searchAttrVal", got)
}

// Temporal: test/integration_test.go TestChildWFWithParentClosePolicyTerminate,
// TestChildWFWithParentClosePolicyAbandon
func TestIntParentClosePolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		policy temporal.ParentClosePolicy
		sleep  time.Duration
		want   string
	}{
		{"terminate", temporal.ParentClosePolicyTerminate, 20 * time.Second, "WorkflowExecutionTerminated"},
		{"abandon", temporal.ParentClosePolicyAbandon, 5 * time.Second, "WorkflowExecutionCompleted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, _ := newITEnv(t)
			env.RegisterWorkflow(itSleepChild)
			env.SetDetachedChildWait(true)
			wf := func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
					WorkflowTaskTimeout: 5 * time.Second, WorkflowExecutionTimeout: 30 * time.Second,
					ParentClosePolicy: tc.policy,
				})
				var we workflow.Execution
				err := workflow.ExecuteChildWorkflow(ctx, itSleepChild, tc.sleep).GetChildWorkflowExecution().Get(ctx, &we)
				return we.ID, err
			}
			env.ExecuteWorkflow(wf)
			var childID string
			require.NoError(t, env.GetWorkflowResult(&childID))
			require.Equal(t, tc.want, itLastEvent(t, env, childID))
		})
	}
}
