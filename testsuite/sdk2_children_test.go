package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Listener
func TestSDK2ChildListenersSeeNameAndResult(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		var fromActivity, fromChild string
		if err := workflow.ExecuteActivity(ctx, s2Hello, "activity").Get(ctx, &fromActivity); err != nil {
			return "", err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		if err := workflow.ExecuteChildWorkflow(ctx, s2HelloWorkflow).Get(ctx, &fromChild); err != nil {
			return "", err
		}
		return fromActivity + " " + fromChild, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(s2HelloWorkflow)
	env.RegisterActivity(s2Hello)
	var startedName, childResult string
	var childErr error
	env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, _ converter.EncodedValues) {
		startedName = info.WorkflowType.Name
	})
	env.SetOnChildWorkflowCompletedListener(func(_ *workflow.Info, result converter.EncodedValue, err error) {
		childErr = err
		if err == nil {
			childErr = result.Get(&childResult)
		}
	})
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "hello_activity hello_world", got)
	assert.NoError(t, childErr)
	assert.Equal(t, "hello_world", childResult)
	assert.Equal(t, "s2HelloWorkflow", startedName)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Clock
func TestSDK2ChildSharesTheParentsClock(t *testing.T) {
	t.Parallel()
	var log []string
	// The replay check runs this code again once the runs end; record only
	// the first, live execution.
	note := func(ctx workflow.Context, s string) {
		if !workflow.IsReplaying(ctx) {
			log = append(log, s)
		}
	}
	child := func(ctx workflow.Context) error {
		timer := workflow.NewTimer(ctx, time.Hour)
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		act := workflow.ExecuteActivity(ctx, s2Hello, "from child")
		sel := workflow.NewSelector(ctx).
			AddFuture(timer, func(workflow.Future) { note(ctx, "child: 1h timer fired") }).
			AddFuture(act, func(workflow.Future) { note(ctx, "child: activity completed") })
		sel.Select(ctx)
		sel.Select(ctx)
		return nil
	}
	parent := func(ctx workflow.Context) error {
		t1 := workflow.NewTimer(ctx, time.Minute)
		t10 := workflow.NewTimer(ctx, 10*time.Minute)
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: 2 * time.Hour})
		f := workflow.ExecuteChildWorkflow(ctx, child)
		sel := workflow.NewSelector(ctx).
			AddFuture(f, func(workflow.Future) { note(ctx, "parent: child completed") }).
			AddFuture(t1, func(workflow.Future) { note(ctx, "parent: 1m timer fired") }).
			AddFuture(t10, func(workflow.Future) { note(ctx, "parent: 10m timer fired") })
		for range 3 {
			sel.Select(ctx)
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.RegisterActivity(s2Hello)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{
		"child: activity completed",
		"parent: 1m timer fired",
		"parent: 10m timer fired",
		"child: 1h timer fired",
		"parent: child completed",
	}, log)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Abandon
func TestSDK2AbandonedChildStillRunsItsMockedActivity(t *testing.T) {
	t.Parallel()
	greet := func(_ context.Context, name string) (string, error) { return "Hello " + name, nil }
	child := func(ctx workflow.Context, name string) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var out string
		if err := workflow.ExecuteActivity(ctx, greet, name).Get(ctx, &out); err != nil {
			return "", err
		}
		return "Child workflow: " + out, nil
	}
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:        "abandoned-child",
			ParentClosePolicy: wfsim.ParentClosePolicyAbandon,
		})
		var we workflow.Execution
		// Returns as soon as the child has started, long before it ends.
		return workflow.ExecuteChildWorkflow(ctx, child, "World").GetChildWorkflowExecution().Get(ctx, &we)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(greet)
	env.RegisterWorkflow(child)
	env.OnActivity(greet, mock.Anything, mock.Anything).Return("hello mock", nil)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	// The mock was called: the abandoned child ran on after its parent closed.
	env.AssertExpectations(t)
	var childResult string
	require.NoError(t, env.GetWorkflowResultByID("abandoned-child", &childResult))
	assert.Equal(t, "Child workflow: hello mock", childResult)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_RequestCancel
func TestSDK2RequestCancelPolicyCancelsTheChild(t *testing.T) {
	t.Parallel()
	var childSleep error
	child := func(ctx workflow.Context) error {
		childSleep = workflow.Sleep(ctx, time.Second)
		return childSleep
	}
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{ParentClosePolicy: wfsim.ParentClosePolicyRequestCancel})
		return workflow.ExecuteChildWorkflow(ctx, child).GetChildWorkflowExecution().Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.True(t, wfsim.IsCanceledError(childSleep), "child's Sleep returned %v", childSleep)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Terminated
func TestSDK2TerminatePolicyTerminatesTheGrandchild(t *testing.T) {
	t.Parallel()
	var grandchildSleep error
	grandchild := func(ctx workflow.Context) error {
		grandchildSleep = workflow.Sleep(ctx, time.Second)
		return grandchildSleep
	}
	child := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:        "CHILD-OF-CHILD-ID",
			ParentClosePolicy: wfsim.ParentClosePolicyTerminate,
		})
		return workflow.ExecuteChildWorkflow(ctx, grandchild).GetChildWorkflowExecution().Get(ctx, nil)
	}
	root := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "CHILD-WORKFLOW-ID"})
		f := workflow.ExecuteChildWorkflow(ctx, child)
		if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return err
		}
		if err := f.Get(ctx, nil); err != nil {
			return err
		}
		// Outlive the grandchild's sleep: it must not wake.
		return workflow.Sleep(ctx, time.Minute)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(grandchild)
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(root)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.NoError(t, env.GetWorkflowErrorByID("CHILD-WORKFLOW-ID"))
	assert.IsType(t, &wfsim.TerminatedError{}, env.GetWorkflowErrorByID("CHILD-OF-CHILD-ID"))
	// Terminated without another workflow task: its Sleep never returned.
	assert.NoError(t, grandchildSleep)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockWorkflowWait
func TestSDK2MockedChildDelayRacesATimer(t *testing.T) {
	t.Parallel()
	race := func(ctx workflow.Context) error { return s2RaceChild(ctx, s2HelloWorkflow) }
	cases := []struct {
		name    string
		mock    bool
		after   time.Duration
		wantErr bool
	}{
		{name: "mock without delay", mock: true},
		{name: "mock faster than the timer", mock: true, after: 10 * time.Minute},
		{name: "mock slower than the timer", mock: true, after: 2 * time.Hour, wantErr: true},
		{name: "no mock"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(s2HelloWorkflow)
			env.RegisterActivity(s2Hello)
			if tc.mock {
				env.OnWorkflow(s2HelloWorkflow, mock.Anything).After(tc.after).Return("hello_mock_delayed", nil).Once()
			}
			env.ExecuteWorkflow(race)
			require.True(t, env.IsWorkflowCompleted())
			if tc.wantErr {
				s2AssertChildRunTimedOut(t, env.GetWorkflowError())
			} else {
				assert.NoError(t, env.GetWorkflowError())
			}
			env.AssertExpectations(t)
		})
	}
}

// s2MiddleChild races its own mocked grandchild against a timer.
func s2MiddleChild(ctx workflow.Context) error { return s2RaceChild(ctx, s2HelloWorkflow) }

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWithChild
func TestSDK2MockedGrandchildDelayRacesTimers(t *testing.T) {
	t.Parallel()
	root := func(ctx workflow.Context) error { return s2RaceChild(ctx, s2MiddleChild) }
	cases := []struct {
		name    string
		mock    bool
		after   time.Duration
		wantErr bool
	}{
		{name: "mock without delay", mock: true},
		{name: "mock faster than the timers", mock: true, after: 10 * time.Minute},
		{name: "mock slower than the timers", mock: true, after: 2 * time.Hour, wantErr: true},
		{name: "no mock"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(s2MiddleChild)
			env.RegisterWorkflow(s2HelloWorkflow)
			env.RegisterActivity(s2Hello)
			if tc.mock {
				env.OnWorkflow(s2HelloWorkflow, mock.Anything).After(tc.after).Return("hello_mock_delayed", nil).Once()
			}
			env.ExecuteWorkflow(root)
			require.True(t, env.IsWorkflowCompleted())
			err := env.GetWorkflowError()
			if tc.wantErr {
				s2AssertChildRunTimedOut(t, err)
			} else {
				assert.NoError(t, err)
			}
			env.AssertExpectations(t)
		})
	}
}

// s2AssertChildRunTimedOut checks the failure of a parent whose child, given
// WorkflowRunTimeout: 1h, is still running when the parent's one-hour timer
// fires. Temporal's test environment ignores a child's run timeout, so there
// the timer wins and the parent fails with its own "too long" error. A
// server enforces it: the child times out at the same instant as the timer,
// both events reach the parent in one workflow task, the child's future is
// ready, and the parent returns the child's timeout. wfsim does what the
// server does; either way the workflow fails, which is all Temporal checks.
func s2AssertChildRunTimedOut(t *testing.T, err error) {
	t.Helper()
	var childErr *wfsim.ChildWorkflowExecutionError
	require.ErrorAs(t, err, &childErr)
	var timeout *wfsim.TimeoutError
	require.ErrorAs(t, err, &timeout)
	assert.Equal(t, wfsim.TimeoutTypeStartToClose, timeout.TimeoutType())
}

// GetWorkflowErrorByID gives a child's error as Temporal's environment
// does: what the child failed with (an error it returned arrives as an
// *wfsim.ApplicationError, as it crossed the failure converter), while the
// workflow under test's is a *wfsim.WorkflowExecutionError.
func TestSDK2ErrorByIDOfAChildIsUnwrapped(t *testing.T) {
	t.Parallel()
	failing := func(workflow.Context) error { return errors.New("child broke") }
	root := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "failing-child"})
		return workflow.ExecuteChildWorkflow(ctx, failing).Get(ctx, nil)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(failing)
	env.ExecuteWorkflow(root)

	childErr := env.GetWorkflowErrorByID("failing-child")
	require.IsType(t, &wfsim.ApplicationError{}, childErr)
	assert.Equal(t, "child broke", childErr.Error())
	assert.IsType(t, &wfsim.WorkflowExecutionError{}, env.GetWorkflowErrorByID("default-test-workflow-id"))
	assert.IsType(t, &wfsim.WorkflowExecutionError{}, env.GetWorkflowError())
}
