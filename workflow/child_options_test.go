package workflow_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Napper(ctx workflow.Context, d time.Duration) (string, error) {
	if err := workflow.Sleep(ctx, d); err != nil {
		return "", err
	}
	info := workflow.GetInfo(ctx)
	return info.WorkflowExecution.ID + "@" + info.TaskQueueName, nil
}

func TestChildOptionHelpersSetOneFieldEach(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (workflow.ChildWorkflowOptions, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: time.Hour})
		ctx = workflow.WithWorkflowID(ctx, "child-1")
		ctx = workflow.WithWorkflowTaskQueue(ctx, "other-queue")
		ctx = workflow.WithWorkflowRunTimeout(ctx, 10*time.Minute)
		ctx = workflow.WithWorkflowTaskTimeout(ctx, 5*time.Second)
		ctx = workflow.WithWorkflowNamespace(ctx, "elsewhere")
		return workflow.GetChildWorkflowOptions(ctx), nil
	}
	got := result[workflow.ChildWorkflowOptions](t, wf)
	assert.Equal(t, workflow.ChildWorkflowOptions{
		Namespace:                "elsewhere",
		WorkflowID:               "child-1",
		TaskQueue:                "other-queue",
		WorkflowExecutionTimeout: time.Hour,
		WorkflowRunTimeout:       10 * time.Minute,
		WorkflowTaskTimeout:      5 * time.Second,
	}, got)
}

func TestChildOptionHelpersReachTheChild(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithWorkflowID(ctx, "napper-1")
		ctx = workflow.WithWorkflowTaskQueue(ctx, "nap-queue")
		ctx = workflow.WithWorkflowTaskTimeout(ctx, 3*time.Second)
		var out string
		err := workflow.ExecuteChildWorkflow(ctx, Napper, time.Minute).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Napper)
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "napper-1@nap-queue", got)
	var initiated bool
	for _, ev := range env.History().Events {
		if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
			initiated = true
			assert.Equal(t, "napper-1", a.WorkflowID)
			assert.Equal(t, "nap-queue", a.TaskQueue.Name)
			assert.Equal(t, 3*time.Second, a.WorkflowTaskTimeout)
		}
	}
	assert.True(t, initiated)
	child := env.Histories("napper-1")
	require.Len(t, child, 1)
	a := child[0].Events[0].GetWorkflowExecutionStartedEventAttributes()
	assert.Equal(t, "nap-queue", a.TaskQueue.Name)
	assert.Equal(t, 3*time.Second, a.WorkflowTaskTimeout)
}

func TestWithWorkflowRunTimeoutTimesTheChildOut(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithWorkflowRunTimeout(ctx, time.Minute)
		return workflow.ExecuteChildWorkflow(ctx, Napper, time.Hour).Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Napper)
	env.ExecuteWorkflow(wf)
	err := env.GetWorkflowError()
	var timeout *wfsim.TimeoutError
	require.True(t, errors.As(err, &timeout), "got %v", err)
	assert.Equal(t, wfsim.TimeoutTypeStartToClose, timeout.TimeoutType())
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Minute), env.Now())
}

func TestWithWorkflowTaskQueueRejectsAnEmptyName(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		return panicMessage(func() { workflow.WithWorkflowTaskQueue(ctx, "") }), nil
	}
	assert.Equal(t, "workflow: WithWorkflowTaskQueue with an empty task queue name", result[string](t, wf))
}
