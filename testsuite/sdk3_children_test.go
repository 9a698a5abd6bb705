//lint:file-ignore SA1019 Temporal tests children in another namespace through the deprecated WithWorkflowNamespace
package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the child and external workflow tests of Temporal's
// internal/internal_workflow_testsuite_test.go: signals and cancellation of
// children and external workflows, disconnected contexts, ID reuse, retries,
// typed search attributes, run timeouts and per-workflow activity IDs.

// Temporal: internal/internal_workflow_testsuite_test.go Test_SignalChildWorkflow
func TestSDK3ParentAndChildSignalEachOther(t *testing.T) {
	t.Parallel()
	const name, data = "test-signal-name", "test-signal-data"
	child := func(ctx workflow.Context, parent workflow.Execution) (string, error) {
		var got string
		workflow.GetSignalChannel(ctx, name).Receive(ctx, &got)
		if err := workflow.SignalExternalWorkflow(ctx, parent.ID, parent.RunID, name, got+"-received").Get(ctx, nil); err != nil {
			return "", err
		}
		return got + "-processed", nil
	}
	parent := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: time.Minute,
			Namespace:          "test-namespace",
		})
		f := workflow.ExecuteChildWorkflow(ctx, child, workflow.GetInfo(ctx).WorkflowExecution)
		if err := f.SignalChildWorkflow(ctx, name, data).Get(ctx, nil); err != nil {
			return nil, err
		}
		var ack, result string
		workflow.GetSignalChannel(ctx, name).Receive(ctx, &ack)
		if err := f.Get(ctx, &result); err != nil {
			return nil, err
		}
		return []string{ack, result}, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{data + "-received", data + "-processed"}, got)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SignalExternalWorkflow
func TestSDK3SignalExternalWorkflowMocks(t *testing.T) {
	t.Parallel()
	const name, data = "test-signal-name", "test-signal-data"
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithWorkflowNamespace(ctx, "test-namespace")
		f1 := workflow.SignalExternalWorkflow(ctx, "test-workflow-id1", "test-runid1", name, data)
		f2 := workflow.SignalExternalWorkflow(ctx, "test-workflow-id2", "test-runid2", name, data)
		f3 := workflow.SignalExternalWorkflow(ctx, "test-workflow-id3", "test-runid3", name, data)
		if err := f1.Get(ctx, nil); err != nil {
			return "", err
		}
		if err := f2.Get(ctx, nil); err == nil {
			return "", errors.New("the second signal should fail")
		}
		// The third signal's mock answers after a minute: a 30s timer wins.
		first := ""
		workflow.NewSelector(ctx).
			AddFuture(workflow.NewTimer(ctx, 30*time.Second), func(workflow.Future) { first = "timer" }).
			AddFuture(f3, func(workflow.Future) { first = "signal" }).
			Select(ctx)
		if err := f3.Get(ctx, nil); err != nil {
			return "", err
		}
		return first, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.OnSignalExternalWorkflow("test-namespace", "test-workflow-id1", "test-runid1", name, data).Return(nil).Once()
	env.OnSignalExternalWorkflow("test-namespace", "test-workflow-id2", "test-runid2", name, data).Return(
		func(namespace, workflowID, runID, signalName string, arg any) error {
			return errors.New("unknown external workflow")
		}).Once()
	env.OnSignalExternalWorkflow("test-namespace", "test-workflow-id3", "test-runid3", name, data).
		After(time.Minute).Return(nil).Once()
	env.ExecuteWorkflow(wf)
	env.AssertExpectations(t)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var first string
	require.NoError(t, env.GetWorkflowResult(&first))
	assert.Equal(t, "timer", first)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_CancelChildWorkflow
func TestSDK3CanceledChildFailsWithCanceledCause(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) error {
		return workflow.NewTimer(ctx, 10*time.Second).Get(ctx, nil)
	}
	parent := func(ctx workflow.Context) error {
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			Namespace:          "test-namespace",
			WorkflowRunTimeout: time.Minute,
		})
		cctx, cancel := workflow.WithCancel(cctx)
		f := workflow.ExecuteChildWorkflow(cctx, child)
		_ = workflow.Sleep(ctx, 2*time.Second)
		cancel()
		err := f.Get(cctx, nil)
		var childErr *temporal.ChildWorkflowExecutionError
		if !errors.As(err, &childErr) {
			return fmt.Errorf("want a ChildWorkflowExecutionError, got %v", err)
		}
		var canceled *temporal.CanceledError
		if !errors.As(errors.Unwrap(childErr), &canceled) {
			return fmt.Errorf("want a CanceledError cause, got %v", errors.Unwrap(childErr))
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_CancelExternalWorkflow
func TestSDK3RequestCancelExternalWorkflowMocks(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithWorkflowNamespace(ctx, "test-namespace")
		f1 := workflow.RequestCancelExternalWorkflow(ctx, "test-workflow-id1", "test-runid1")
		f2 := workflow.RequestCancelExternalWorkflow(ctx, "test-workflow-id2", "test-runid2")
		if err := f1.Get(ctx, nil); err != nil {
			return err
		}
		if err := f2.Get(ctx, nil); err == nil {
			return errors.New("the second cancellation should fail")
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.OnRequestCancelExternalWorkflow("test-namespace", "test-workflow-id1", "test-runid1").Return(nil).Once()
	env.OnRequestCancelExternalWorkflow("test-namespace", "test-workflow-id2", "test-runid2").Return(
		func(namespace, workflowID, runID string) error {
			return errors.New("unknown external workflow")
		}).Once()
	env.ExecuteWorkflow(wf)
	env.AssertExpectations(t)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_DisconnectedContext
func TestSDK3CanceledChildCleansUpOnDisconnectedContext(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) {
		err := workflow.NewTimer(ctx, 10*time.Minute).Get(ctx, nil)
		if _, ok := err.(*temporal.CanceledError); !ok {
			return "", fmt.Errorf("want the timer canceled, got %v", err)
		}
		dctx, _ := workflow.NewDisconnectedContext(ctx)
		dctx = workflow.WithActivityOptions(dctx, s2ActivityOptions)
		var out string
		err = workflow.ExecuteActivity(dctx, s2Hello, "cleanup").Get(dctx, &out)
		return out, err
	}
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout:  time.Hour,
			WaitForCancellation: true,
		})
		cctx, cancel := workflow.WithCancel(ctx)
		f := workflow.ExecuteChildWorkflow(cctx, child)
		childFirst := false
		workflow.NewSelector(ctx).
			AddFuture(f, func(workflow.Future) { childFirst = true }).
			AddFuture(workflow.NewTimer(ctx, time.Minute), func(workflow.Future) { cancel() }).
			Select(ctx)
		if childFirst {
			return "", errors.New("the child ended before the parent's timer")
		}
		var out string
		err := f.Get(cctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.RegisterActivity(s2Hello)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "hello_cleanup", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowIDReusePolicy
func TestSDK3ChildWorkflowIDReusePolicy(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		opts := workflow.ChildWorkflowOptions{
			WorkflowRunTimeout:    time.Minute,
			WorkflowID:            "test-child-workflow-id",
			WorkflowIDReusePolicy: temporal.WorkflowIDReusePolicyRejectDuplicate,
		}
		// outcome runs the child and says how its start and its result went.
		outcome := func(opts workflow.ChildWorkflowOptions) (string, error) {
			cctx := workflow.WithChildOptions(ctx, opts)
			f := workflow.ExecuteChildWorkflow(cctx, s2HelloWorkflow)
			startErr := f.GetChildWorkflowExecution().Get(cctx, nil)
			var out string
			err := f.Get(cctx, &out)
			if (startErr == nil) != (err == nil) {
				return "", fmt.Errorf("start error %v but result error %v", startErr, err)
			}
			if err != nil {
				return "rejected", nil
			}
			return out, nil
		}
		var got []string
		for _, policy := range []temporal.WorkflowIDReusePolicy{
			temporal.WorkflowIDReusePolicyRejectDuplicate, // first use of the ID
			temporal.WorkflowIDReusePolicyRejectDuplicate, // the ID was used
			temporal.WorkflowIDReusePolicyAllowDuplicate,
		} {
			opts.WorkflowIDReusePolicy = policy
			o, err := outcome(opts)
			if err != nil {
				return nil, err
			}
			got = append(got, o)
		}
		return got, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(s2HelloWorkflow)
	env.RegisterActivity(s2Hello)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"hello_world", "rejected", "hello_world"}, got)
}

// s3ChildRetryPolicy is the retry policy of Temporal's child retry test.
var s3ChildRetryPolicy = &temporal.RetryPolicy{
	MaximumAttempts:        3,
	InitialInterval:        time.Second,
	MaximumInterval:        10 * time.Second,
	BackoffCoefficient:     2,
	NonRetryableErrorTypes: []string{"bad-bug"},
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowRetry
func TestSDK3ChildWorkflowRetriesUntilItSucceeds(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) {
		if workflow.GetInfo(ctx).Attempt < 3 {
			return "", temporal.NewApplicationError("bad-luck", "")
		}
		return "retry-done", nil
	}
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: time.Minute,
			RetryPolicy:        s3ChildRetryPolicy,
		})
		var out string
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "retry-done", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowTypedSearchAttributes
func TestSDK3ChildSeesItsTypedSearchAttributes(t *testing.T) {
	t.Parallel()
	key := temporal.NewSearchAttributeKeyString("foo")
	child := func(ctx workflow.Context) (string, error) {
		foo, ok := workflow.GetTypedSearchAttributes(ctx).GetString(key)
		if !ok {
			return "", temporal.NewNonRetryableApplicationError("foo search attribute not set", "Internal", nil)
		}
		return foo, nil
	}
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout:    time.Minute,
			TypedSearchAttributes: temporal.NewSearchAttributes(key.ValueSet("bar")),
		})
		var foo string
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &foo)
		return foo, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var foo string
	require.NoError(t, env.GetWorkflowResult(&foo))
	assert.Equal(t, "bar", foo)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SignalChildWorkflowRetry
func TestSDK3SignalByIDReachesRetriedChild(t *testing.T) {
	t.Parallel()
	const childID = "test-retry-signal-child-workflow"
	child := func(ctx workflow.Context) (string, error) {
		if workflow.GetInfo(ctx).Attempt < 3 {
			return "", temporal.NewApplicationError("bad-luck", "")
		}
		got := "timeout"
		workflow.NewSelector(ctx).
			AddFuture(workflow.NewTimer(ctx, 3*time.Second), func(workflow.Future) {}).
			AddReceive(workflow.GetSignalChannel(ctx, "test-signal-name"), func(c workflow.ReceiveChannel, _ bool) {
				c.Receive(ctx, &got)
			}).
			Select(ctx)
		return got, nil
	}
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:         childID,
			WorkflowRunTimeout: time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:        3,
				InitialInterval:        3 * time.Second,
				MaximumInterval:        3 * time.Second,
				BackoffCoefficient:     1,
				NonRetryableErrorTypes: []string{"bad-bug"},
			},
		})
		var out string
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	// Attempts start at 0s, 3s and 6s; the third waits up to 3s for this.
	env.RegisterDelayedCallback(func() {
		assert.NoError(t, env.SignalWorkflowByID(childID, "test-signal-name", "test-signal-data"))
	}, 7*time.Second)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "test-signal-data", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_TestChildWorkflowTimeout
func TestSDK3ChildRunTimeoutFailsChildWithTimeoutCause(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) error {
		return workflow.Sleep(ctx, 5*time.Hour)
	}
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: 3 * time.Hour})
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, nil)
		var childErr *temporal.ChildWorkflowExecutionError
		if !errors.As(err, &childErr) {
			return fmt.Errorf("want a ChildWorkflowExecutionError, got %v", err)
		}
		var timeout *temporal.TimeoutError
		if !errors.As(errors.Unwrap(childErr), &timeout) {
			return fmt.Errorf("want a TimeoutError cause, got %v", errors.Unwrap(childErr))
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkflowRunTimeout(10 * time.Hour)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SameActivityIDFromDifferentChildWorkflow
func TestSDK3ChildrenMayUseTheSameActivityID(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ActivityID:             "per_workflow_unique_activity_id",
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
		})
		var out string
		err := workflow.ExecuteActivity(ctx, s2Hello, workflow.GetInfo(ctx).WorkflowExecution.ID).Get(ctx, &out)
		return out, err
	}
	parent := func(ctx workflow.Context) (string, error) {
		start := func(id string) workflow.ChildWorkflowFuture {
			cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: id, WorkflowRunTimeout: time.Minute})
			return workflow.ExecuteChildWorkflow(cctx, child)
		}
		f1, f2 := start("child_1"), start("child_2")
		var r1, r2 string
		if err := f1.Get(ctx, &r1); err != nil {
			return "", err
		}
		if err := f2.Get(ctx, &r2); err != nil {
			return "", err
		}
		return r1 + " " + r2, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.RegisterActivity(s2Hello)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "hello_child_1 hello_child_2", out)
}
