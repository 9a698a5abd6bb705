package testsuite_test

import (
	"fmt"
	"testing"

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
