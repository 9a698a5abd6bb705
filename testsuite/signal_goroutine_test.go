package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// pollSignal sleeps a second at a time until "sig" arrives, for at most
// limit seconds of virtual time, and returns what came ("" for nothing).
func pollSignal(ctx workflow.Context, limit int) (string, error) {
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

// A goroutine of the test's own that sends while the simulation runs
// (not from a callback the simulation calls) reaches the workflow
// through the simulation's queue, in every kind of environment: applied
// on the sender's goroutine, it would race with the simulation (the race
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
			env.RegisterDelayedCallback(func() {
				go func() { sent <- tc.send(env) }()
			}, time.Minute)
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
	env.RegisterDelayedCallback(func() {
		go func() { env.CancelWorkflow(); close(done) }()
	}, time.Minute)
	env.ExecuteWorkflow(pollSignal, 100_000)
	<-done
	require.True(t, env.IsWorkflowCompleted())
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled, "the cancellation never reached the workflow")
}
