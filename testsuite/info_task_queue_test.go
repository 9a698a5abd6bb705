package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func itqActivity(ctx context.Context) error { return nil }

// itqWorkflow writes to the Info GetInfo returns, then runs an activity
// without a task queue of its own.
func itqWorkflow(ctx workflow.Context) error {
	workflow.GetInfo(ctx).TaskQueueName = "written-by-the-workflow"
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, itqActivity).Get(ctx, nil)
}

// TestActivityTaskQueueIsTheRunsAsItStarted checks that an activity
// without a task queue gets the run's as it started, as in Temporal's SDK
// (which puts it in the root context's options then), even if the code
// wrote another into GetInfo's Info.
func TestActivityTaskQueueIsTheRunsAsItStarted(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(itqActivity)
	env.ExecuteWorkflow(itqWorkflow)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var queues []string
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			queues = append(queues, a.TaskQueue.Name)
		}
	}
	require.Equal(t, []string{"default-test-taskqueue"}, queues)
}
