package testsuite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// closingChild completes in its first workflow task.
func closingChild(_ workflow.Context, i int) (string, error) { return fmt.Sprint("child ", i), nil }

// fanOutChildren starts n quick children from n coroutines in one
// workflow task and returns their results in the order they arrived.
func fanOutChildren(ctx workflow.Context, n int) ([]string, error) {
	ch := workflow.NewChannel(ctx)
	for i := range n {
		workflow.Go(ctx, func(ctx workflow.Context) {
			var s string
			if err := workflow.ExecuteChildWorkflow(ctx, closingChild, i).Get(ctx, &s); err != nil {
				s = err.Error()
			}
			ch.Send(ctx, s)
		})
	}
	out := make([]string, n)
	for i := range out {
		ch.Receive(ctx, &out[i])
	}
	return out, nil
}

// Children that close one after the other at one instant reach their
// parent in that order: the close of the first, which waits behind the
// parent's task that saw it start, is not overtaken by the second's,
// produced once that task is done. (They arrived as 1, 0, 2, 3.)
func TestChildrenClosingAtOneInstantReachTheParentInOrder(t *testing.T) {
	t.Parallel()
	const n = 5
	for _, mocked := range []bool{false, true} {
		t.Run(fmt.Sprintf("mocked=%v", mocked), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(closingChild)
			if mocked {
				env.OnWorkflow(closingChild, mock.Anything, mock.Anything).Return(func(_ workflow.Context, i int) (string, error) {
					return fmt.Sprint("child ", i), nil
				})
			}
			env.ExecuteWorkflow(fanOutChildren, n)
			require.NoError(t, env.GetWorkflowError())
			var got []string
			require.NoError(t, env.GetWorkflowResult(&got))
			want := make([]string, n)
			for i := range want {
				want[i] = fmt.Sprint("child ", i)
			}
			assert.Equal(t, want, got)
			initiated := map[int64]int{}
			var closed []int
			for _, ev := range env.History().Events {
				switch ev.EventType {
				case replay.EventTypeStartChildWorkflowExecutionInitiated:
					initiated[ev.EventID] = len(initiated)
				case replay.EventTypeChildWorkflowExecutionCompleted:
					closed = append(closed, initiated[ev.GetChildWorkflowExecutionCompletedEventAttributes().InitiatedEventID])
				}
			}
			assert.Equal(t, []int{0, 1, 2, 3, 4}, closed, "children's closes in the parent's history, by start order")
		})
	}
}

// Children that close at one instant reach their parent in that order
// also when the parent's task has started meanwhile and is held open by a
// local activity: the second child's close, produced while the task holds
// what arrives, waits behind the first's, which was produced while the
// task waited. (The second's was buffered into the task at once, ahead of
// the first's.)
func TestChildrenClosingWhileTheParentsTaskIsHeldOpenKeepTheirOrder(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		first := workflow.ExecuteChildWorkflow(ctx, closingChild, 0)
		second := workflow.ExecuteChildWorkflow(ctx, closingChild, 1)
		for _, f := range []workflow.ChildWorkflowFuture{first, second} {
			if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
				return "", err
			}
		}
		var s, a, b string
		if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 5*time.Second).Get(ctx, &s); err != nil {
			return "", err
		}
		if err := first.Get(ctx, &a); err != nil {
			return "", err
		}
		err := second.Get(ctx, &b)
		return s + ", " + a + ", " + b, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(closingChild)
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.RegisterActivity(ltSleepFor)
	env.ExecuteWorkflow("Parent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "slept 5s, child 0, child 1", got)
	assert.Equal(t, "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s "+
		"StartChildWorkflowExecutionInitiated@0s StartChildWorkflowExecutionInitiated@0s ChildWorkflowExecutionStarted@0s WorkflowTaskScheduled@0s "+
		"ChildWorkflowExecutionStarted@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@5s MarkerRecorded@5s "+
		"ChildWorkflowExecutionCompleted@0s ChildWorkflowExecutionCompleted@0s WorkflowTaskScheduled@5s WorkflowTaskStarted@5s WorkflowTaskCompleted@5s WorkflowExecutionCompleted@5s",
		ltTimeline(env.History()))
	var closed []int64
	for _, ev := range env.History().Events {
		if a := ev.GetChildWorkflowExecutionCompletedEventAttributes(); a != nil {
			closed = append(closed, a.InitiatedEventID)
		}
	}
	assert.Equal(t, []int64{5, 6}, closed, "initiated events of the children's closes, in history order")
}
