package testsuite_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// An environment made inside the test's own synctest bubble runs there,
// and so do the goroutines the test starts in it: virtual time waits for
// them, so what one sends after a time.Sleep lands at exactly that
// instant, and one may wait for an update's callback before it releases
// an activity (a channel made in the bubble blocks durably): the cycle
// that hangs a run in a bubble of its own (TestWatchdogOfABubble) ends
// here.
func TestSendsFromTheTestsOwnBubble(t *testing.T) {
	t.Parallel()
	t.Run("a signal after a sleep", func(t *testing.T) {
		t.Parallel()
		for after, want := range map[time.Duration]string{
			30 * time.Second: "n=0 at 30s",
			90 * time.Second: "n=0 at 1m0s", // the workflow's timer of a minute fires first
		} {
			synctest.Test(t, func(t *testing.T) {
				env := testsuite.NewTestWorkflowEnvironment(t)
				ended := make(chan struct{})
				go func() {
					select {
					case <-time.After(after):
						env.SignalWorkflow("stop", nil)
					case <-ended:
					}
				}()
				env.ExecuteWorkflow(addThenWait)
				close(ended)
				var got string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, want, got)
			})
		}
	})
	t.Run("an activity released after an update's callback", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			env := testsuite.NewTestWorkflowEnvironment(t)
			gate, started := make(chan struct{}), make(chan struct{})
			env.RegisterActivityWithOptions(func(context.Context) error {
				close(started)
				<-gate
				return nil
			}, activity.RegisterOptions{Name: "Gate"})
			go func() {
				<-started
				c := closeOnComplete{make(chan struct{})}
				env.UpdateWorkflow("add", "", c, 2)
				<-c.done
				env.CancelWorkflow()
				close(gate)
			}()
			env.ExecuteWorkflow(CountWhileGated)
			require.Error(t, env.GetWorkflowError())
			var events []string
			for _, ev := range env.History().Events {
				events = append(events, ev.EventType.String())
			}
			assert.Contains(t, events, "WorkflowExecutionUpdateCompleted")
			assert.Contains(t, events, "WorkflowExecutionCanceled")
		})
	})
}

// A goroutine of another synctest bubble (a synctest.Test of the test's
// own, running while the environment runs in a bubble of its own) is
// outside the run's bubble as any other: it may send, and what it sends
// lands at the instant the run has reached.
func TestSendsFromAnotherBubble(t *testing.T) {
	t.Parallel()
	env, tokens, gate := newGatedEnv(t)
	ok := new(recordingCallbacks)
	errs := make(chan error, 2)
	go func() {
		defer close(gate)
		token := <-tokens
		synctest.Test(t, func(*testing.T) {
			env.UpdateWorkflow("add", "u1", ok, 2)
			errs <- env.SignalWorkflowByID(gatedWorkflowID, "sig", "b")
			errs <- env.CompleteActivity(token, "from another bubble", nil)
		})
	}()
	env.ExecuteWorkflow(gatedAdder)
	for range 2 {
		require.NoError(t, <-errs)
	}
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, `n=2 sigs=[b] pend="from another bubble" err=<nil>`, got)
	assert.Equal(t, []string{"accept@0s", "complete:2:<nil>@0s"}, ok.got())
}

// signalsInOrder returns the signals "s" it received within a minute.
func signalsInOrder(ctx workflow.Context) ([]string, error) {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return nil, err
	}
	var got []string
	for s := ""; workflow.GetSignalChannel(ctx, "s").ReceiveAsync(&s); {
		got = append(got, s)
	}
	return got, nil
}

// In a bubble, goroutines run while a callback does. What one of them
// sends then is posted, like anything it sends, and applied once the
// callback is done; only the callback's own sends apply at once. (They
// were applied at once on the sender's goroutine, taken for the
// callback's: that raced with the simulation, which the race detector
// caught about once in 300 runs of TestSendsFromTheTestsOwnBubble. Here
// the callback waits for the goroutine, so the order tells.)
func TestSendFromABubbleGoroutineWhileACallbackRuns(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		inCallback, sent := make(chan struct{}), make(chan struct{})
		env.RegisterDelayedCallback(func() {
			close(inCallback)
			<-sent
			env.SignalWorkflow("s", "from the callback")
		}, time.Second)
		go func() {
			<-inCallback
			env.SignalWorkflow("s", "from a goroutine")
			close(sent)
		}()
		env.ExecuteWorkflow(signalsInOrder)
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, []string{"from the callback", "from a goroutine"}, got)
	})
}
