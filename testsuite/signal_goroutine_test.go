package testsuite_test

import (
	"context"
	"runtime"
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
// a bound environment's bubble: virtual time does not wait for it, see
// TestSignalsFromAGoroutineOutsideTheBubble.)
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

// countSignals sleeps a second at a time until n "sig" signals have come,
// for at most limit sleeps, and returns how many came.
func countSignals(ctx workflow.Context, n, limit int) (int, error) {
	ch := workflow.GetSignalChannel(ctx, "sig")
	got := 0
	for range limit {
		for ch.ReceiveAsync(nil) {
			got++
		}
		if got >= n {
			break
		}
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return got, err
		}
	}
	return got, nil
}

// A goroutine the test started before ExecuteWorkflow is outside a bound
// environment's bubble. What it sends while the simulation waits in the
// bubble is queued without waking it (the Go runtime ends the program
// when a goroutine outside a bubble wakes one inside) and applied at the
// simulation's next instant. Before, a sender in a loop ended the test
// binary within a few hundred signals.
func TestSignalsFromAGoroutineOutsideTheBubble(t *testing.T) {
	t.Parallel()
	const signals = 300
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.DisableReplayCheck() // the instants the signals land vary
	// The goroutine starts sending once the run is under way: a signal
	// sent while ExecuteWorkflow sets up would race with it.
	live := make(chan struct{})
	env.RegisterDelayedCallback(func() { close(live) }, 0)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		<-live
		for range signals {
			env.SignalWorkflow("sig", "x")
			runtime.Gosched()
		}
	}()
	env.ExecuteWorkflow(countSignals, signals, 10_000_000)
	<-sent
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, signals, got)
}

// gateThenSignal runs the activity Gate, then waits for "sig".
func gateThenSignal(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
	if err := workflow.ExecuteActivity(ctx, "Gate").Get(ctx, nil); err != nil {
		return "", err
	}
	var got string
	workflow.GetSignalChannel(ctx, "sig").Receive(ctx, &got)
	return got, nil
}

// A goroutine that sends while ExecuteWorkflow starts the run waits for
// the run to be set up (a signal before is a start signal, one after
// reaches the run): the race detector finds nothing, and the signal
// arrives. The activity holds the run until the signal is sent.
func TestSignalWhileExecuteWorkflowStarts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  func(*testing.T) *testsuite.TestWorkflowEnvironment
	}{
		{"suite environment", func(*testing.T) *testsuite.TestWorkflowEnvironment { return msgEnv() }},
		{"bound environment", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := tc.env(t)
			env.DisableReplayCheck() // the signal is a start signal or not
			gate := make(chan struct{})
			env.RegisterActivityWithOptions(func(context.Context) error { <-gate; return nil }, activity.RegisterOptions{Name: "Gate"})
			go func() {
				env.SignalWorkflow("sig", "early")
				close(gate)
			}()
			env.ExecuteWorkflow(gateThenSignal)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "early", got)
		})
	}
}
