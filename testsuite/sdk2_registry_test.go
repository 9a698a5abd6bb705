package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityWithPointerTypes
func TestSDK2ActivityTakesAndReturnsPointers(t *testing.T) {
	t.Parallel()
	var seen []string
	ret := "retVal"
	act := func(_ context.Context, s1 string, s2 *string, s3 **string) (*string, error) {
		seen = append(seen, s1, *s2, **s3)
		return &ret, nil
	}
	s2, s3 := "s2", "s3"
	s3p := &s3
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(act)
	v, err := env.ExecuteActivity(act, "s1", &s2, &s3p)
	require.NoError(t, err)
	var got *string
	require.NoError(t, v.Get(&got))
	require.NotNil(t, got)
	assert.Equal(t, ret, *got)
	assert.Equal(t, []string{"s1", "s2", "s3"}, seen)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityRegistration
func TestSDK2ActivityRunsByFunctionAndByAlias(t *testing.T) {
	t.Parallel()
	echo := func(msg string) (string, error) { return msg, nil }
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivityWithOptions(echo, activity.RegisterOptions{Name: "some-random-activity-alias"})
	for _, target := range []any{echo, "some-random-activity-alias"} {
		v, err := env.ExecuteActivity(target, "some random input")
		require.NoError(t, err, "%v", target)
		var got string
		require.NoError(t, v.Get(&got))
		assert.Equal(t, "some random input", got)
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowRegistration
func TestSDK2WorkflowRunsUnregisteredOrByAlias(t *testing.T) {
	t.Parallel()
	noop := func(workflow.Context) error { return nil }

	t.Run("an unregistered function", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.ExecuteWorkflow(noop)
		require.True(t, env.IsWorkflowCompleted())
		assert.NoError(t, env.GetWorkflowError())
	})
	t.Run("by its registered alias", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterWorkflowWithOptions(noop, workflow.RegisterOptions{Name: "some-random-workflow-alias"})
		env.ExecuteWorkflow("some-random-workflow-alias")
		require.True(t, env.IsWorkflowCompleted())
		assert.NoError(t, env.GetWorkflowError())
		assert.Equal(t, "some-random-workflow-alias", env.History().Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name)
	})
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityFriendlyName
func TestSDK2ActivityRegisteredUnderANameGoesByIt(t *testing.T) {
	t.Parallel()
	greet := func(msg string) (string, error) { return "hello_" + msg, nil }
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		var out string
		if err := workflow.ExecuteActivity(ctx, greet, "friendly_name").Get(ctx, &out); err != nil {
			return err
		}
		return workflow.ExecuteActivity(ctx, "foo", "friendly_name").Get(ctx, &out)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(greet, activity.RegisterOptions{Name: "foo"})
	var started []string
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		started = append(started, info.ActivityType.Name)
	})
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"foo", "foo"}, started)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowFriendlyName
func TestSDK2ChildByFunctionOrNameHasTheSameType(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Hour})
		var out string
		if err := workflow.ExecuteChildWorkflow(ctx, s2HelloWorkflow).Get(ctx, &out); err != nil {
			return err
		}
		return workflow.ExecuteChildWorkflow(ctx, "s2HelloWorkflow").Get(ctx, &out)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(s2HelloWorkflow)
	env.RegisterActivity(s2Hello)
	var started []string
	env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, _ converter.EncodedValues) {
		started = append(started, info.WorkflowType.Name)
	})
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"s2HelloWorkflow", "s2HelloWorkflow"}, started)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityFullyQualifiedName
// (skipped in Temporal, whose environment cannot report this yet): an
// activity named by a type nothing registers fails, as a worker fails it,
// with "unable to find activityType".
func TestSDK2ActivityOfAnUnknownTypeFails(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		return workflow.ExecuteActivity(ctx, "s2Hello", "friendly_name").Get(ctx, nil)
	})
	require.Error(t, env.GetWorkflowError())
	assert.Contains(t, env.GetWorkflowError().Error(), "unable to find activityType=s2Hello")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowUnknownName
// Temporal's ExecuteWorkflow panics for a name nothing is registered
// under; wfsim's rule is that bad input is an error, never a panic, so the
// run does not start and GetWorkflowError says why.
func TestSDK2WorkflowOfAnUnknownNameDoesNotStart(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow("s2HelloWorkflow")
	assert.False(t, env.IsWorkflowCompleted())
	var unknown *testsuite.UnknownWorkflowError
	require.ErrorAs(t, env.GetWorkflowError(), &unknown)
	assert.Contains(t, unknown.Error(), "unable to find workflow type: s2HelloWorkflow")
}
