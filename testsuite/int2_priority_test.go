package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Port of Temporal's test/integration_test.go TestTaskQueuePriority: the
// priority a workflow starts with, and what its activities and children
// get — their own, or, cleared, the workflow's.

func int2PriorityActivity(ctx context.Context) (temporal.Priority, error) {
	return activity.GetInfo(ctx).Priority, nil
}

func int2PriorityChild(ctx workflow.Context) (temporal.Priority, error) {
	return workflow.GetInfo(ctx).Priority, nil
}

func int2PriorityWorkflow(ctx workflow.Context) (int, error) {
	own := workflow.GetInfo(ctx).Priority.PriorityKey
	check := func(what string, got, want temporal.Priority) error {
		if got != want {
			return fmt.Errorf("%s got priority %+v, want %+v", what, got, want)
		}
		return nil
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:   time.Minute,
		DisableEagerExecution: true,
		Priority:              temporal.Priority{PriorityKey: 5, FairnessKey: "fair-activity", FairnessWeight: 4.2},
	})
	var got temporal.Priority
	if err := workflow.ExecuteActivity(ctx, int2PriorityActivity).Get(ctx, &got); err != nil {
		return 0, err
	}
	if err := check("activity", got, temporal.Priority{PriorityKey: 5, FairnessKey: "fair-activity", FairnessWeight: 4.2}); err != nil {
		return 0, err
	}
	ctx = workflow.WithPriority(ctx, temporal.Priority{})
	if err := workflow.ExecuteActivity(ctx, int2PriorityActivity).Get(ctx, &got); err != nil {
		return 0, err
	}
	if err := check("activity without a priority", got, workflow.GetInfo(ctx).Priority); err != nil {
		return 0, err
	}
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		Priority: temporal.Priority{PriorityKey: 3, FairnessKey: "fair-child", FairnessWeight: 1.1},
	})
	if err := workflow.ExecuteChildWorkflow(ctx, int2PriorityChild).Get(ctx, &got); err != nil {
		return 0, err
	}
	if err := check("child", got, temporal.Priority{PriorityKey: 3, FairnessKey: "fair-child", FairnessWeight: 1.1}); err != nil {
		return 0, err
	}
	ctx = workflow.WithWorkflowPriority(ctx, temporal.Priority{})
	if err := workflow.ExecuteChildWorkflow(ctx, int2PriorityChild).Get(ctx, &got); err != nil {
		return 0, err
	}
	if err := check("child without a priority", got, workflow.GetInfo(ctx).Priority); err != nil {
		return 0, err
	}
	return own, nil
}

// Temporal: test/integration_test.go TestTaskQueuePriority
func TestInt2PriorityIsReportedAndInherited(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2PriorityWorkflow)
	env.RegisterWorkflow(int2PriorityChild)
	env.RegisterActivity(int2PriorityActivity)
	start := temporal.Priority{PriorityKey: 1, FairnessKey: "superfair", FairnessWeight: 3.14}
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{Priority: start})
	env.ExecuteWorkflow(int2PriorityWorkflow)
	require.NoError(t, env.GetWorkflowError())
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, 1, got)

	started := env.History().Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotNil(t, started.Priority, "the start event records the priority")
	assert.Equal(t, int32(1), started.Priority.PriorityKey)
	assert.Equal(t, "superfair", started.Priority.FairnessKey)
}

func TestInt2UnsetPriorityFieldsComeFromTheWorkflow(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (temporal.Priority, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		ctx = workflow.WithPriority(ctx, temporal.Priority{FairnessKey: "mine"})
		var got temporal.Priority
		err := workflow.ExecuteActivity(ctx, int2PriorityActivity).Get(ctx, &got)
		return got, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "merges"})
	env.RegisterActivity(int2PriorityActivity)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{Priority: temporal.Priority{PriorityKey: 2, FairnessKey: "wf", FairnessWeight: 2}})
	env.ExecuteWorkflow("merges")
	require.NoError(t, env.GetWorkflowError())
	var got temporal.Priority
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, temporal.Priority{PriorityKey: 2, FairnessKey: "mine", FairnessWeight: 2}, got)
}
