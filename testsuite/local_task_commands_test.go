package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// lcQuick is a local activity that ends at once, within the task that
// started it.
func lcQuick(ctx context.Context) (int, error) { return 7, nil }

// lcSideThenLocal issues a side effect's marker and a local activity in
// its first task; the local activity's result, delivered within that task,
// completes the run.
func lcSideThenLocal(ctx workflow.Context) (int, error) {
	var n int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 3 }).Get(&n); err != nil {
		return 0, err
	}
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var m int
	if err := workflow.ExecuteLocalActivity(ctx, lcQuick).Get(ctx, &m); err != nil {
		return 0, err
	}
	return n + m, nil
}

// TestTaskCommandsSurviveTheRunCompletingWithinTheTask checks that the
// commands a task returned are all recorded when a local activity ending
// within the task completes the run: the instance writes the completion
// where it may have returned the task's first commands (run.Task), which
// the simulator copies before it delivers the local activity's result.
func TestTaskCommandsSurviveTheRunCompletingWithinTheTask(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(lcQuick)
	env.ExecuteWorkflow(lcSideThenLocal)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError()) // the replay check passed too
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 10, got)
	var markers []string
	for _, ev := range env.History().Events {
		if a := ev.GetMarkerRecordedEventAttributes(); a != nil {
			markers = append(markers, a.MarkerName)
		}
	}
	require.Equal(t, []string{"SideEffect", "LocalActivity"}, markers)
	last := env.History().Events[len(env.History().Events)-1]
	require.Equal(t, replay.EventTypeWorkflowExecutionCompleted, last.EventType)
}
