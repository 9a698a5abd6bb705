package testsuite_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The sends below come from a goroutine the test starts before
// ExecuteWorkflow, outside the bound run's bubble, while the activity
// Gate's code waits for it (on a channel made outside the bubble, so the
// bubble is busy and virtual time stands still): everything lands at the
// run's first instant, before Gate's result, whatever the goroutines'
// timing, and the histories are the same on every run.

// gatedAdder takes "add" updates (a negative one is rejected by the
// validator) and the signal "sig" while Pend (left pending) and Gate run
// side by side, then returns the sum, the signals and Pend's outcome.
func gatedAdder(ctx workflow.Context) (string, error) {
	n := 0
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "add", func(ctx workflow.Context, k int) (int, error) {
		n += k
		return n, nil
	}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, k int) error {
		if k < 0 {
			return errors.New("negative")
		}
		return nil
	}}); err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 30 * time.Minute, RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1}})
	pend := workflow.ExecuteActivity(ctx, "Pend")
	if err := workflow.ExecuteActivity(ctx, "Gate").Get(ctx, nil); err != nil {
		return "", err
	}
	// A minute for the test to cancel in.
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	var sigs []string
	for s := ""; workflow.GetSignalChannel(ctx, "sig").ReceiveAsync(&s); {
		sigs = append(sigs, s)
	}
	var p string
	perr := pend.Get(ctx, &p)
	return fmt.Sprintf("n=%d sigs=%v pend=%q err=%v", n, sigs, p, perr), nil
}

// recordingCallbacks records an update's outcome and the time each
// callback saw: the bubble's (the simulation's goroutine) or the real one.
type recordingCallbacks struct {
	mu    sync.Mutex
	calls []string
}

func (c *recordingCallbacks) add(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, fmt.Sprintf("%s@%v", s, time.Since(testsuite.DefaultStartTime)))
}
func (c *recordingCallbacks) Accept()                   { c.add("accept") }
func (c *recordingCallbacks) Reject(err error)          { c.add("reject:" + err.Error()) }
func (c *recordingCallbacks) Complete(v any, err error) { c.add(fmt.Sprintf("complete:%v:%v", v, err)) }
func (c *recordingCallbacks) got() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

const gatedWorkflowID = "default-test-workflow-id"

// newGatedEnv registers Pend (hands its token to tokens, stays pending)
// and Gate (waits for gate) on a bound environment.
func newGatedEnv(t *testing.T) (env *testsuite.TestWorkflowEnvironment, tokens chan []byte, gate chan struct{}) {
	env = testsuite.NewTestWorkflowEnvironment(t)
	tokens, gate = make(chan []byte, 1), make(chan struct{})
	registerPendAndGate(env, tokens, gate)
	return env, tokens, gate
}

// Updates from outside: accepted and rejected ones reach the workflow at
// the instant the run has reached, and their callbacks run on the
// simulation's goroutine, in the bubble (they see virtual time), as
// UpdateWorkflow documents. Signals, heartbeats and completions by ID come
// along.
func TestUpdatesAndSignalsFromAGoroutineOutsideTheBubble(t *testing.T) {
	t.Parallel()
	env, tokens, gate := newGatedEnv(t)
	ok, rejected, unknown := new(recordingCallbacks), new(recordingCallbacks), new(recordingCallbacks)
	errs := make(chan error, 3)
	go func() {
		defer close(gate)
		token := <-tokens
		env.UpdateWorkflow("add", "u1", ok, 2)
		env.UpdateWorkflow("add", "u2", rejected, -1)
		env.UpdateWorkflow("nope", "u3", unknown, 1)
		errs <- env.SignalWorkflowByID(gatedWorkflowID, "sig", "a")
		errs <- env.RecordActivityHeartbeat(token, "half")
		errs <- env.CompleteActivityByID(gatedWorkflowID, "", "5", "by id", nil)
	}()
	env.ExecuteWorkflow(gatedAdder)
	for range 3 {
		require.NoError(t, <-errs)
	}
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, `n=2 sigs=[a] pend="by id" err=<nil>`, got)
	assert.Equal(t, []string{"accept@0s", "complete:2:<nil>@0s"}, ok.got())
	assert.Equal(t, []string{"reject:negative@0s"}, rejected.got())
	require.Len(t, unknown.got(), 1)
	assert.Contains(t, unknown.got()[0], "reject:")
}

// A cancellation and a failed completion from outside: the workflow sees
// Pend fail with the error given, then is canceled — and an update's
// Complete callback, which runs on the simulation's goroutine, may cancel
// too (it is applied at once, as from any callback).
func TestCancelAndFailFromAGoroutineOutsideTheBubble(t *testing.T) {
	t.Parallel()
	for _, from := range []string{"goroutine", "update callback"} {
		t.Run(from, func(t *testing.T) {
			t.Parallel()
			env, tokens, gate := newGatedEnv(t)
			errs := make(chan error, 1)
			go func() {
				defer close(gate)
				token := <-tokens
				errs <- env.CompleteActivity(token, nil, errors.New("failed outside"))
				if from == "goroutine" {
					env.CancelWorkflow()
					return
				}
				env.UpdateWorkflow("add", "", &testsuite.TestUpdateCallback{
					OnComplete: func(any, error) { env.CancelWorkflow() },
				}, 1)
			}()
			env.ExecuteWorkflow(gatedAdder)
			require.NoError(t, <-errs)
			var canceled *temporal.CanceledError
			require.ErrorAs(t, env.GetWorkflowError(), &canceled)
			var events []string
			for _, ev := range env.History().Events {
				events = append(events, fmt.Sprintf("%v@%v", ev.EventType, ev.EventTime.Sub(testsuite.DefaultStartTime)))
				if a, ok := ev.Attributes.(*replay.ActivityTaskFailedEventAttributes); ok {
					assert.Equal(t, "failed outside", a.Failure.Message)
				}
			}
			assert.Contains(t, events, "ActivityTaskFailed@0s")
			assert.Contains(t, events, "WorkflowExecutionCancelRequested@0s")
			assert.Contains(t, events, "WorkflowExecutionCanceled@0s")
		})
	}
}
