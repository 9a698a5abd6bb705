package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the activity mock tests of Temporal's
// internal/internal_workflow_testsuite_test.go: mock functions and values,
// mocks by name, with a data converter, the started listener, and
// completing a mocked activity by its task token.

// sdk1MockHello answers in place of sdk1Hello.
func sdk1MockHello(_ context.Context, msg string) (string, error) {
	return "mock_" + msg, nil
}

// sdk1HelloResult runs sdk1HelloWorkflow in env and returns its result.
func sdk1HelloResult(t *testing.T, env *testsuite.TestWorkflowEnvironment) string {
	t.Helper()
	env.ExecuteWorkflow(sdk1HelloWorkflow)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	return result
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityMockFunction
func TestSDK1MockFunctionAnswersForTheActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.OnActivity(sdk1Hello, mock.Anything, "world").Return(sdk1MockHello).Once()
	assert.Equal(t, "mock_world", sdk1HelloResult(t, env))
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityByNameMockFunction
func TestSDK1MockByActivityNameAnswersForTheActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.OnActivity("sdk1Hello", mock.Anything, "world").Return(sdk1MockHello).Once()
	assert.Equal(t, "mock_world", sdk1HelloResult(t, env))
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityMockValues
func TestSDK1MockValuesAnswerForTheActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.RegisterActivity(sdk1Hello)
	env.OnActivity(sdk1Hello, mock.Anything, mock.Anything).Return("mock_value", nil).Once()
	assert.Equal(t, "mock_value", sdk1HelloResult(t, env))
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityMockFunctionZero
func TestSDK1MockCalledDespiteNeverFailsTheWorkflow(t *testing.T) {
	t.Parallel()
	// An environment of a suite, as in Temporal's test: one bound to t would
	// also fail the test for the call.
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(sdk1HelloWorkflow)
	env.OnActivity(sdk1Hello, mock.Anything, "world").Never()
	env.ExecuteWorkflow(sdk1HelloWorkflow)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unexpected call: sdk1Hello(string,string)")
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityMockFunctionWithDataConverter
func TestSDK1MockFunctionUnderEitherDataConverter(t *testing.T) {
	t.Parallel()
	// Temporal's environment decodes a mocked activity's arguments with the
	// converter of the workflow context that scheduled it, so both calls
	// succeed there. A worker decodes an activity task with its own
	// converter, whatever the scheduling workflow used: wfsim's simulated
	// worker uses the environment's (gob here, see workflow.WithDataConverter),
	// so the first call (gob on both sides) succeeds and the second, whose
	// argument the workflow encoded as JSON, fails to decode before the mock
	// is consulted.
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		gobCtx := workflow.WithDataConverter(ctx, sdk1GobDataConverter())
		var first string
		if err := workflow.ExecuteActivity(gobCtx, sdk1Hello, "world").Get(gobCtx, &first); err != nil {
			return "", err
		}
		if first != "mock_world" {
			return "", fmt.Errorf("first call returned %q", first)
		}
		jsonCtx := workflow.WithDataConverter(gobCtx, converter.GetDefaultDataConverter())
		var second string
		if err := workflow.ExecuteActivity(jsonCtx, sdk1Hello, "world1").Get(jsonCtx, &second); err != nil {
			return "", err
		}
		return first + "," + second, nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(sdk1Hello)
	env.SetDataConverter(sdk1GobDataConverter())
	env.OnActivity(sdk1Hello, mock.Anything, mock.Anything).Return(sdk1MockHello).Twice()
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, err, &appErr)
	assert.Equal(t, "ArgumentError", appErr.Type())
	assert.Contains(t, err.Error(), "json/plain")
	env.AssertActivityNumberOfCalls(t, "sdk1Hello", 1)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_OnActivityStartedListener
func TestSDK1StartedListenerSeesEveryActivityInOrder(t *testing.T) {
	t.Parallel()
	const runs = 100
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		for i := 1; i <= runs; i++ {
			if err := workflow.ExecuteActivity(ctx, sdk1Hello, fmt.Sprintf("msg%d", i)).Get(ctx, nil); err != nil {
				return err
			}
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	var seen, want []string
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, args converter.EncodedValues) {
		var msg string
		assert.NoError(t, args.Get(&msg))
		seen = append(seen, info.ActivityType.Name+":"+msg)
	})
	for i := 1; i <= runs; i++ {
		want = append(want, fmt.Sprintf("sdk1Hello:msg%d", i))
	}
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, want, seen)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_CompleteActivity
func TestSDK1MockLeavingItsResultPendingIsCompletedByToken(t *testing.T) {
	t.Parallel()
	// Temporal's test completes the activity a minute after it starts, under
	// a 20s HeartbeatTimeout and a one-minute StartToCloseTimeout: its
	// environment stops watching those timeouts once the activity function
	// returns ErrResultPending. A server keeps enforcing them until the
	// completion arrives, so with those options the attempt times out (the
	// first case); within them the completion by token wins (the second).
	for _, tc := range []struct {
		name string
		opts workflow.ActivityOptions
		want string // the result, or "" for the heartbeat timeout
	}{
		{
			name: "the server's heartbeat timeout fires first",
			opts: workflow.ActivityOptions{
				ScheduleToStartTimeout: time.Minute,
				StartToCloseTimeout:    time.Minute,
				HeartbeatTimeout:       20 * time.Second,
				RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
			},
		},
		{
			name: "completed within the activity's timeouts",
			opts: workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Minute},
			want: "async_complete",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wf := func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithActivityOptions(ctx, tc.opts)
				var result string
				err := workflow.ExecuteActivity(ctx, sdk1Hello, "world").Get(ctx, &result)
				return result, err
			}
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			pending := func(ctx context.Context, _ string) (string, error) {
				token := activity.GetInfo(ctx).TaskToken
				env.RegisterDelayedCallback(func() {
					assert.NoError(t, env.CompleteActivity(token, "async_complete", nil))
				}, time.Minute)
				return "", activity.ErrResultPending
			}
			env.RegisterActivity(sdk1Hello)
			env.OnActivity(sdk1Hello, mock.Anything, mock.Anything).Return(pending).Once()
			env.ExecuteWorkflow(wf)
			require.True(t, env.IsWorkflowCompleted())
			if tc.want == "" {
				var timeout *temporal.TimeoutError
				require.ErrorAs(t, env.GetWorkflowError(), &timeout)
				assert.Equal(t, temporal.TimeoutTypeHeartbeat, timeout.TimeoutType())
				return
			}
			require.NoError(t, env.GetWorkflowError())
			var result string
			require.NoError(t, env.GetWorkflowResult(&result))
			assert.Equal(t, tc.want, result)
			env.AssertExpectations(t)
		})
	}
}

// A child whose mock says Never fails in the same words as an activity's,
// with a *PanicError.
func TestSDK1ChildMockCalledDespiteNeverNamesTheCall(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Minute})
		return workflow.ExecuteChildWorkflow(ctx, sdk1HeartbeatingWorkflow, "x", time.Second).Get(ctx, nil)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(sdk1HeartbeatingWorkflow)
	env.OnWorkflow(sdk1HeartbeatingWorkflow, mock.Anything, "x", mock.Anything).Never()
	env.ExecuteWorkflow(parent)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unexpected call: sdk1HeartbeatingWorkflow(string,string,string)")
	var panicErr *temporal.PanicError
	assert.ErrorAs(t, err, &panicErr, "the child fails as a panicking mock fails it in Temporal")
}
