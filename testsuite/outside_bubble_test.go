package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// pendingBesideGate runs the activities Pend (left pending) and Gate (held
// by the test) side by side, and returns Pend's result. While Gate's code
// waits for the test, virtual time stands still: what a goroutine outside
// the bubble sends meanwhile lands before any timeout.
func pendingBesideGate(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	pend := workflow.ExecuteActivity(ctx, "Pend")
	if err := workflow.ExecuteActivity(ctx, "Gate").Get(ctx, nil); err != nil {
		return "", err
	}
	var s string
	err := pend.Get(ctx, &s)
	return s, err
}

// registerPendAndGate registers Pend, which hands its task token to tokens
// and returns ErrResultPending, and Gate, which waits for gate to close.
func registerPendAndGate(env *testsuite.TestWorkflowEnvironment, tokens chan<- []byte, gate <-chan struct{}) {
	env.RegisterActivityWithOptions(func(ctx context.Context) (string, error) {
		tokens <- activity.GetInfo(ctx).TaskToken
		return "", activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Pend"})
	env.RegisterActivityWithOptions(func(context.Context) error {
		<-gate
		return nil
	}, activity.RegisterOptions{Name: "Gate"})
}

// A goroutine the test started before ExecuteWorkflow (outside a bound
// run's bubble) completes an activity by its task token and heartbeats
// it while the run goes on: nothing ends the program, the race detector
// finds nothing, and the completion reaches the workflow.
func TestCompleteActivityFromAGoroutineOutsideTheBubble(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	tokens := make(chan []byte, 1)
	gate := make(chan struct{})
	registerPendAndGate(env, tokens, gate)
	errs := make(chan error, 1)
	go func() {
		defer close(gate)
		token := <-tokens
		if err := env.RecordActivityHeartbeat(token, "half"); err != nil {
			errs <- err
			return
		}
		errs <- env.CompleteActivity(token, "done outside", nil)
	}()
	env.ExecuteWorkflow(pendingBesideGate)
	require.NoError(t, <-errs)
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "done outside", got)
}

// A query from such a goroutine while the run goes on would run the
// handler on a coroutine of the bubble, which the Go runtime forbids
// (it ended the program): it fails with ErrQueryFromOutsideBubble
// instead. Once ExecuteWorkflow has returned, it is answered.
func TestQueryFromAGoroutineOutsideTheBubble(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	tokens := make(chan []byte, 1)
	gate := make(chan struct{})
	registerPendAndGate(env, tokens, gate)
	queried := make(chan error, 1)
	go func() {
		defer close(gate)
		token := <-tokens
		_, err := env.QueryWorkflow("__stack_trace")
		queried <- err
		_ = env.CompleteActivity(token, "ok", nil)
	}()
	env.ExecuteWorkflow(pendingBesideGate)
	err := <-queried
	require.True(t, errors.Is(err, testsuite.ErrQueryFromOutsideBubble), "got %v", err)
	require.NoError(t, env.GetWorkflowError())
	_, err = env.QueryWorkflow("__stack_trace")
	assert.NoError(t, err)
}

// So it is while a delayed callback runs, even one that waits for that
// goroutine: the goroutine is no more the simulation's for it. (It was
// let through, ran the handler from outside the bubble, and the Go runtime
// then took the bubble for deadlocked.)
func TestQueryFromOutsideTheBubbleDuringACallback(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	inCallback, done := make(chan struct{}), make(chan struct{})
	env.RegisterDelayedCallback(func() {
		close(inCallback)
		<-done // made outside the bubble: the simulation waits, virtual time stands still
	}, time.Second)
	queried := make(chan error, 1)
	go func() {
		defer close(done)
		<-inCallback
		_, err := env.QueryWorkflow("__stack_trace")
		queried <- err
	}()
	env.ExecuteWorkflow(addThenWait)
	err := <-queried
	require.True(t, errors.Is(err, testsuite.ErrQueryFromOutsideBubble), "got %v", err)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "n=0 at 1m0s", got)
}
