package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the child workflow tests of Temporal's
// internal/internal_workflow_testsuite_test.go: a child after an activity,
// a child continuing as new, under another data converter, canceled, mocked,
// a mock of the wrong shape, the root execution of nested children, and a
// child that fails to start.

// sdk1ActivityThenChild greets with sdk1Hello, then runs child with args and
// returns both results joined by a space.
func sdk1ActivityThenChild(child any, args ...any) func(ctx workflow.Context) (string, error) {
	return func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		var fromActivity string
		if err := workflow.ExecuteActivity(ctx, sdk1Hello, "activity").Get(ctx, &fromActivity); err != nil {
			return "", err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		var fromChild string
		if err := workflow.ExecuteChildWorkflow(ctx, child, args...).Get(ctx, &fromChild); err != nil {
			return "", err
		}
		return fromActivity + " " + fromChild, nil
	}
}

// sdk1Result runs wf in env and returns its string result.
func sdk1Result(t *testing.T, env *testsuite.TestWorkflowEnvironment, wf any) string {
	t.Helper()
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	return result
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Basic
func TestSDK1ChildAfterAnActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.RegisterActivity(sdk1Hello)
	assert.Equal(t, "hello_activity hello_world", sdk1Result(t, env, sdk1ActivityThenChild(sdk1HelloWorkflow)))
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_ContinueAsNew
func TestSDK1ChildContinuingAsNewReturnsItsLastRunsResult(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloAgainWorkflow)
	env.RegisterActivity(sdk1Hello)
	assert.Equal(t, "hello_activity hello_world", sdk1Result(t, env, sdk1ActivityThenChild(sdk1HelloAgainWorkflow, 1)))
	assert.Len(t, env.Histories(env.WorkflowIDs()[1]), 2, "the child ran twice")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_BasicWithDataConverter
func TestSDK1ChildStartedUnderAnotherDataConverter(t *testing.T) {
	t.Parallel()
	// Temporal's environment runs the child with the converter of the
	// parent's context, so the parent decodes the child's result. A child
	// runs on a worker that encodes with its own converter: under wfsim, the
	// environment's (see workflow.WithDataConverter). So the parent's gob
	// context reads the child's result only when the environment encodes
	// with gob too; with the default JSON converter it cannot decode it.
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		var fromActivity string
		if err := workflow.ExecuteActivity(ctx, sdk1Hello, "activity").Get(ctx, &fromActivity); err != nil {
			return "", err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		ctx = workflow.WithDataConverter(ctx, sdk1GobDataConverter())
		var fromChild string
		if err := workflow.ExecuteChildWorkflow(ctx, sdk1HelloWorkflow).Get(ctx, &fromChild); err != nil {
			return "", err
		}
		return fromActivity + " " + fromChild, nil
	}
	t.Run("the environment encodes with gob too", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetDataConverter(sdk1GobDataConverter())
		env.RegisterWorkflow(sdk1HelloWorkflow)
		env.RegisterActivity(sdk1Hello)
		assert.Equal(t, "hello_activity hello_world", sdk1Result(t, env, parent))
	})
	t.Run("the environment encodes with JSON", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterWorkflow(sdk1HelloWorkflow)
		env.RegisterActivity(sdk1Hello)
		env.ExecuteWorkflow(parent)
		require.True(t, env.IsWorkflowCompleted())
		err := env.GetWorkflowError()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "unable to decode json/plain payload")
		var result string
		require.NoError(t, env.GetWorkflowResultByID(env.WorkflowIDs()[1], &result))
		assert.Equal(t, "hello_world", result, "the child itself completed")
	})
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowCancel
func TestSDK1FirstChildToFinishCancelsTheOther(t *testing.T) {
	t.Parallel()
	var slowErr error
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout:  time.Minute,
			WaitForCancellation: true,
		})
		fastCtx, cancelFast := workflow.WithCancel(ctx)
		slowCtx, cancelSlow := workflow.WithCancel(ctx)
		fast := workflow.ExecuteChildWorkflow(fastCtx, sdk1HeartbeatingWorkflow, "fast", time.Millisecond)
		slow := workflow.ExecuteChildWorkflow(slowCtx, sdk1HeartbeatingWorkflow, "slow", time.Hour)
		workflow.NewSelector(ctx).
			AddFuture(fast, func(workflow.Future) { cancelSlow() }).
			AddFuture(slow, func(workflow.Future) { cancelFast() }).
			Select(ctx)
		slowErr = slow.Get(ctx, nil)
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HeartbeatingWorkflow)
	env.RegisterActivity(sdk1Heartbeating)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var canceled *temporal.CanceledError
	assert.ErrorAs(t, slowErr, &canceled, "the slow child was canceled, and the parent waited for it")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Mock
func TestSDK1MockedChildNextToARealOne(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		first, err := sdk1ActivityThenChild(sdk1HelloWorkflow)(ctx)
		if err != nil {
			return "", err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		var second string
		if err := workflow.ExecuteChildWorkflow(ctx, sdk1HeartbeatingWorkflow, "slow", time.Hour).Get(ctx, &second); err != nil {
			return "", err
		}
		return first + " " + second, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.RegisterWorkflow(sdk1HeartbeatingWorkflow)
	env.RegisterActivity(sdk1Heartbeating)
	env.RegisterActivity(sdk1Hello)
	env.OnActivity(sdk1Hello, mock.Anything, mock.Anything).Return("mock_msg", nil)
	env.OnWorkflow(sdk1HeartbeatingWorkflow, mock.Anything, mock.Anything, mock.Anything).Return("mock_heartbeat", nil)
	assert.Equal(t, "mock_msg mock_msg mock_heartbeat", sdk1Result(t, env, parent))
	assert.Equal(t, testsuite.DefaultStartTime, env.Now(), "the hour-long child is mocked")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_Mock_Panic_GetChildWorkflowExecution
func TestSDK1ChildMockOfTheWrongShapeFailsTheChildNotItsStart(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		child := workflow.ExecuteChildWorkflow(ctx, sdk1HelloWorkflow)
		_ = child.GetChildWorkflowExecution().Get(ctx, nil) // must not block forever
		var result string
		err := child.Get(ctx, &result)
		return result, err
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.OnWorkflow(sdk1HelloWorkflow, mock.Anything, mock.Anything, mock.Anything).
		Return("mock_result", nil, "extra_argument")
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, err, &wfErr)
	var childErr *temporal.ChildWorkflowExecutionError
	require.ErrorAs(t, errors.Unwrap(wfErr), &childErr)
	var panicErr *temporal.PanicError
	require.ErrorAs(t, errors.Unwrap(childErr), &panicErr)
	assert.Equal(t, "mock of sdk1HelloWorkflow has incorrect number of returns, expected 2, but actual is 3", panicErr.Error())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_NestedChildWorkflow_RootWorkflowExecution
func TestSDK1NestedChildrenSeeTheTopWorkflowAsRoot(t *testing.T) {
	t.Parallel()
	rootOf := func(ctx workflow.Context) workflow.WorkflowExecution {
		if r := workflow.GetInfo(ctx).RootWorkflowExecution; r != nil {
			return *r
		}
		return workflow.WorkflowExecution{}
	}
	grandchild := func(ctx workflow.Context) (workflow.WorkflowExecution, error) {
		return rootOf(ctx), nil
	}
	child := func(ctx workflow.Context) ([]workflow.WorkflowExecution, error) {
		own := rootOf(ctx)
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		var fromGrandchild workflow.WorkflowExecution
		err := workflow.ExecuteChildWorkflow(ctx, grandchild).Get(ctx, &fromGrandchild)
		return []workflow.WorkflowExecution{own, fromGrandchild}, err
	}
	parent := func(ctx workflow.Context) ([]workflow.WorkflowExecution, error) {
		info := workflow.GetInfo(ctx)
		if info.RootWorkflowExecution != nil {
			return nil, errors.New("the top workflow has a root")
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		var below []workflow.WorkflowExecution
		err := workflow.ExecuteChildWorkflow(ctx, child).Get(ctx, &below)
		return append([]workflow.WorkflowExecution{info.WorkflowExecution}, below...), err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(grandchild)
	env.RegisterWorkflow(child)
	env.RegisterWorkflow(parent)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got []workflow.WorkflowExecution
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Len(t, got, 3)
	top := got[0]
	assert.NotEmpty(t, top.ID)
	assert.Equal(t, top, got[1], "the child's root is the top workflow")
	assert.Equal(t, top, got[2], "the grandchild's root is the top workflow, not its parent")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflow_StartFailed
func TestSDK1ChildMockedToFailItsStart(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		if err := workflow.ExecuteChildWorkflow(ctx, sdk1HelloWorkflow).GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return "", errors.New("fail to start child")
		}
		return "should-not-go-here", nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.OnWorkflow(sdk1HelloWorkflow, mock.Anything).Return("", testsuite.ErrMockStartChildWorkflowFailed)
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &wfErr)
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, errors.Unwrap(wfErr), &appErr)
	assert.Equal(t, "fail to start child", appErr.Error())
}
