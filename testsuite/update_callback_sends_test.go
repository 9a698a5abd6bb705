package testsuite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// addThenWait takes "add" updates and returns the sum after a minute, or
// at the signal "stop", whichever comes first, with the instant it ended.
func addThenWait(ctx workflow.Context) (string, error) {
	n := 0
	if err := workflow.SetUpdateHandler(ctx, "add", func(ctx workflow.Context, k int) (int, error) { n += k; return n, nil }); err != nil {
		return "", err
	}
	stop := workflow.GetSignalChannel(ctx, "stop")
	s := workflow.NewSelector(ctx)
	s.AddReceive(stop, func(workflow.ReceiveChannel, bool) {})
	s.AddFuture(workflow.NewTimer(ctx, time.Minute), func(workflow.Future) {})
	s.Select(ctx)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("n=%d at %v", n, workflow.Now(ctx).Sub(testsuite.DefaultStartTime)), nil
}

// What an update's callback sends arrives when the callback runs, right
// after the workflow task that completed the update, as the doc of
// UpdateWorkflow promises. It was held for the next workflow task, as if
// sent during this one: a signal was recorded only with the next task (a
// minute later here), and a cancellation was dropped when that task closed
// the run (with a report of events received during the closing task).
func TestUpdateCallbackSendsAtOnce(t *testing.T) {
	t.Parallel()
	send := map[string]func(env *testsuite.TestWorkflowEnvironment){
		"signal": func(env *testsuite.TestWorkflowEnvironment) { env.SignalWorkflow("stop", nil) },
		"cancel": func(env *testsuite.TestWorkflowEnvironment) { env.CancelWorkflow() },
	}
	for name, f := range send {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow("add", "", &testsuite.TestUpdateCallback{
					OnComplete: func(any, error) { f(env) },
				}, 3)
			}, time.Second)
			env.ExecuteWorkflow(addThenWait)
			if name == "cancel" {
				var canceled *temporal.CanceledError
				require.ErrorAs(t, env.GetWorkflowError(), &canceled)
				assert.Equal(t, time.Second, env.Now().Sub(testsuite.DefaultStartTime))
				return
			}
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "n=3 at 1s", got)
		})
	}
}
