package workflow_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sdk7BlockingDefault is Temporal's blocked-default scenario: a Selector
// whose default branch blocks on c2 while a coroutine sends on c1, the
// Selector's receive branch. It traces what happens, and what is left on
// c1 and in the Selector after the first Select, into trace.
func sdk7BlockingDefault(trace *[]string) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		*trace = nil
		add := func(format string, args ...any) { *trace = append(*trace, fmt.Sprintf(format, args...)) }
		c1, c2 := sdk6TwoSenders(ctx, add)
		var v string
		sel := workflow.NewSelector(ctx).
			AddReceive(c1, func(c workflow.ReceiveChannel, more bool) {
				c.Receive(ctx, &v)
				add("c1-%v", v)
			})
		sel.AddDefault(func() {
			c2.Receive(ctx, &v)
			add("c2-%v", v)
		})
		add("select1")
		sel.Select(ctx)
		add("after-select1-len-%d-pending-%v-v-%v", c1.Len(), sel.HasPending(), v)
		add("select2")
		sel.Select(ctx)
		add("done")
		return nil
	}
}

// Temporal: internal/internal_coroutines_test.go TestSelectBlockingDefaultWithOldFlagBehavior
//
// Temporal switches SDK flag 5 off to get its old behaviour; here a history
// that does not record the flag (as an older SDK's would not) is replayed,
// which takes the old path: the value sent on c1 while the default branch
// blocked is lost, and the second Select waits for ever (so the replay of a
// history in which the run completed fails).
func TestSDK7BlockedDefaultLosesTheValueWithoutFlag5(t *testing.T) {
	t.Parallel()
	var trace []string
	wf := sdk7BlockingDefault(&trace)
	opts := workflow.RegisterOptions{Name: "sdk7BlockingDefault"}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(wf, opts)
	env.ExecuteWorkflow("sdk7BlockingDefault")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	// With the flag (a new run), the Selector keeps "one" for the next Select.
	assert.Equal(t, []string{
		"select1", "add-one", "add-one-done", "add-two", "add-two-done", "c2-two",
		"after-select1-len-1-pending-true-v-two", "select2", "c1-one", "done",
	}, trace)

	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(wf, opts)
	err := rp.ReplayWorkflowHistory(nil, withFlags(t, env.History()))
	require.Error(t, err, "the old path never completes")
	assert.Equal(t, []string{
		"select1", "add-one", "add-one-done", "add-two", "add-two-done", "c2-two",
		"after-select1-len-0-pending-false-v-two", "select2",
	}, trace)
}
