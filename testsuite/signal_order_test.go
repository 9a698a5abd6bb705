package testsuite_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestSignalsFromConcurrentActivitiesKeepScheduleOrder has two real
// activities, running in their own goroutines at the same virtual instant,
// each signal the workflow. The first-scheduled one dawdles, so its goroutine
// usually signals last; the signals must still arrive in schedule order, on
// every run.
func TestSignalsFromConcurrentActivitiesKeepScheduleOrder(t *testing.T) {
	t.Parallel()
	for i := 0; i < 20; i++ {
		env := testsuite.NewTestWorkflowEnvironment(t)
		signal := func(ctx context.Context, name string, yields int) error {
			for j := 0; j < yields; j++ {
				runtime.Gosched()
			}
			return env.SignalWorkflowByID(activity.GetInfo(ctx).WorkflowExecution.ID, "from", name)
		}
		env.RegisterActivityWithOptions(signal, activity.RegisterOptions{Name: "Signal"})
		env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
			first := workflow.ExecuteActivity(ctx, "Signal", "first", 50)
			second := workflow.ExecuteActivity(ctx, "Signal", "second", 0)
			if err := first.Get(ctx, nil); err != nil {
				return nil, err
			}
			if err := second.Get(ctx, nil); err != nil {
				return nil, err
			}
			var got []string
			ch := workflow.GetSignalChannel(ctx, "from")
			for len(got) < 2 {
				var s string
				ch.Receive(ctx, &s)
				got = append(got, s)
			}
			return got, nil
		})
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		require.Equal(t, []string{"first", "second"}, got, "run %d", i)
	}
}
