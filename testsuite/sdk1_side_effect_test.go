package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the side effect tests of Temporal's
// internal/internal_workflow_testsuite_test.go: SideEffect and
// MutableSideEffect, their mocks, the equals function, a slow workflow task
// and a side effect behind GetVersion.

// Temporal: internal/internal_workflow_testsuite_test.go Test_SideEffect
func TestSDK1SideEffectValueThenActivity(t *testing.T) {
	t.Parallel()
	const want = 12345
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		var v int
		if err := workflow.SideEffect(ctx, func(workflow.Context) any { return want }).Get(&v); err != nil {
			return err
		}
		if v != want {
			return errors.New("the side effect returned another value")
		}
		return workflow.ExecuteActivity(ctx, sdk1Hello, "msg1").Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	assert.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_OnSideEffectAndActivityMock
func TestSDK1SideEffectMockNextToAnActivityMock(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		var se string
		opts := workflow.SideEffectOptions{Summary: "side-effect"}
		if err := workflow.SideEffectWithOptions(ctx, opts, func(workflow.Context) any { return "real-side-effect" }).Get(&se); err != nil {
			return "", err
		}
		var act string
		if err := workflow.ExecuteActivity(ctx, sdk1Hello, "msg1").Get(ctx, &act); err != nil {
			return "", err
		}
		return se + ":" + act, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	env.OnSideEffect().Return("mock-side-effect").Once()
	env.OnActivity(sdk1Hello, mock.Anything, "msg1").Return("mock-activity", nil).Once()
	env.ExecuteWorkflow(wf)
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "mock-side-effect:mock-activity", result)
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_OnMutableSideEffect
func TestSDK1MutableSideEffectMockByID(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		same := func(a, b any) bool { return a == b }
		var v string
		err := workflow.MutableSideEffect(ctx, "config-id", func(workflow.Context) any { return "real-config" }, same).Get(&v)
		return v, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.OnMutableSideEffect("config-id").Return("mock-config").Once()
	env.ExecuteWorkflow(wf)
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "mock-config", result)
	env.AssertExpectations(t)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MutableSideEffect_HonorsEqualsFunc
func TestSDK1MutableSideEffectRecordsOnlyWhatEqualsCallsAChange(t *testing.T) {
	t.Parallel()
	always := func(a, b any) bool { return true }
	never := func(a, b any) bool { return false }
	wf := func(ctx workflow.Context) ([]int, error) {
		var got []int
		for _, step := range []struct {
			id     string
			value  int
			equals func(a, b any) bool
		}{
			{"pinned", 1, always},
			{"pinned", 2, always}, // equal: the first value stays
			{"changed", 10, never},
			{"changed", 20, never},  // a change: 20 is recorded
			{"changed", 30, always}, // equal: the recorded 20 stays
		} {
			var v int
			val := workflow.MutableSideEffect(ctx, step.id, func(workflow.Context) any { return step.value }, step.equals)
			if err := val.Get(&v); err != nil {
				return nil, err
			}
			got = append(got, v)
		}
		return got, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var result []int
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, []int{1, 1, 10, 20, 20}, result)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LongRunningSideEffect
func TestSDK1SlowWorkflowTaskIsNoDeadlock(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		time.Sleep(2 * time.Second) // longer than a worker's default deadlock detection (1s)
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{DeadlockDetectionTimeout: 3 * time.Second})
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	assert.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_SideEffect_WithVersion
func TestSDK1SideEffectBehindGetVersionWithAQueryHandler(t *testing.T) {
	t.Parallel()
	var uniqueID *string
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, sdk1ActivityOptions)
		if err := workflow.SetQueryHandler(ctx, "test-query", func() (string, error) { return "queryresult", nil }); err != nil {
			return err
		}
		if workflow.GetVersion(ctx, "UniqueID", workflow.DefaultVersion, 1) == 1 {
			id := workflow.SideEffect(ctx, func(workflow.Context) any { return "TEST-UNIQUE-ID" })
			if err := id.Get(&uniqueID); err != nil {
				return err
			}
		}
		return workflow.ExecuteActivity(ctx, sdk1Hello, "msg1").Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(sdk1Hello)
	env.ExecuteWorkflow(wf)
	val, err := env.QueryWorkflow("test-query")
	require.NoError(t, err)
	var answer string
	require.NoError(t, val.Get(&answer))
	assert.Equal(t, "queryresult", answer)
	require.True(t, env.IsWorkflowCompleted())
	assert.NoError(t, env.GetWorkflowError())
	require.NotNil(t, uniqueID)
	assert.Equal(t, "TEST-UNIQUE-ID", *uniqueID)
}
