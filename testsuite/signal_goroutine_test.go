package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// pollSignal runs the activity Release, then sleeps a second at a time
// until "sig" arrives, for at most limit seconds of virtual time, and
// returns what came ("" for nothing).
func pollSignal(ctx workflow.Context, limit int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, "Release").Get(ctx, nil); err != nil {
		return "", err
	}
	ch := workflow.GetSignalChannel(ctx, "sig")
	for range limit {
		var got string
		if ch.ReceiveAsync(&got) {
			return got, nil
		}
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return "", err
		}
	}
	return "", nil
}

// sendOnActivity registers the activity Release, whose mock starts a
// goroutine that calls send and returns: the goroutine sends while the
// simulation goes on with the workflow's timers. (One a delayed callback
// starts could send while that callback still runs, and be taken for it:
// see direct in signal.go. One started before ExecuteWorkflow is outside
// a bound environment's bubble: see the README's notes.)
func sendOnActivity(env *testsuite.TestWorkflowEnvironment, send func()) {
	env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "Release"})
	env.OnActivity("Release", mock.Anything).Return(func(context.Context) error {
		go send()
		return nil
	})
}

// A goroutine of the test's own that sends while the simulation runs
// (not from code the simulation calls) reaches the workflow through the
// simulation's queue, in every kind of environment: applied on the
// sender's goroutine, it would race with the simulation (the race
// detector tells, in CI's -race run).
func TestMessagesFromTheTestsGoroutineDuringARun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  func(*testing.T) *testsuite.TestWorkflowEnvironment
		send func(env *testsuite.TestWorkflowEnvironment) error
	}{
		{"suite environment, SignalWorkflow", func(*testing.T) *testsuite.TestWorkflowEnvironment { return msgEnv() },
			func(env *testsuite.TestWorkflowEnvironment) error {
				env.SignalWorkflow("sig", "from a goroutine")
				return nil
			}},
		{"suite environment, SignalWorkflowByID", func(*testing.T) *testsuite.TestWorkflowEnvironment { return msgEnv() },
			func(env *testsuite.TestWorkflowEnvironment) error {
				return env.SignalWorkflowByID("default-test-workflow-id", "sig", "from a goroutine")
			}},
		{"bound environment, SignalWorkflow", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) },
			func(env *testsuite.TestWorkflowEnvironment) error {
				env.SignalWorkflow("sig", "from a goroutine")
				return nil
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := tc.env(t)
			env.DisableReplayCheck() // the instant the signal lands varies
			sent := make(chan error, 1)
			sendOnActivity(env, func() { sent <- tc.send(env) })
			env.ExecuteWorkflow(pollSignal, 100_000)
			require.NoError(t, <-sent)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "from a goroutine", got, "the signal never reached the workflow")
			signaled := 0
			for _, ev := range env.History().Events {
				if ev.EventType == replay.EventTypeWorkflowExecutionSignaled {
					signaled++
				}
			}
			assert.Equal(t, 1, signaled)
		})
	}
}

// So it is with a cancellation.
func TestCancelFromTheTestsGoroutineDuringARun(t *testing.T) {
	t.Parallel()
	env := msgEnv()
	env.DisableReplayCheck() // the instant the request lands varies
	done := make(chan struct{})
	sendOnActivity(env, func() {
		env.CancelWorkflow()
		close(done)
	})
	env.ExecuteWorkflow(pollSignal, 100_000)
	<-done
	require.True(t, env.IsWorkflowCompleted())
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled, "the cancellation never reached the workflow")
}
