package testsuite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// fzOne runs one activity, "Work", with the options o and returns its
// result.
func fzOne(ctx workflow.Context, o workflow.ActivityOptions) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, o)
	var out string
	err := workflow.ExecuteActivity(ctx, "Work").Get(ctx, &out)
	return out, err
}

func fzWork(ctx context.Context) (string, error) { return "done", nil }

// fzEnv returns an unbound environment with "Work" registered, explored
// by SeedExplorer(seed) with the faults f.
func fzEnv(seed uint64, f testsuite.Faults) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(fzWork, activityName("Work"))
	env.SetExplorer(testsuite.SeedExplorer(seed))
	env.SetFaults(f)
	return env
}

func lastActivityEvent(h *replay.History) *replay.Event {
	for i := len(h.Events) - 1; i >= 0; i-- {
		if strings.HasPrefix(h.Events[i].EventType.String(), "ActivityTask") && h.Events[i].EventType != replay.EventTypeActivityTaskStarted {
			return h.Events[i]
		}
	}
	return nil
}

func TestFaultActivityFailure(t *testing.T) {
	t.Parallel()
	env := fzEnv(1, testsuite.Faults{ActivityFailure: 1})
	env.OnActivity("Work", mock.Anything).Return("mocked", nil).Times(0)
	env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumAttempts: 3}})
	err := env.GetWorkflowError()
	var ae *wfsim.ActivityError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, wfsim.RetryStateMaximumAttemptsReached, ae.RetryState())
	var app *wfsim.ApplicationError
	require.ErrorAs(t, err, &app)
	require.Equal(t, testsuite.InjectedFailureType, app.Type())
	require.False(t, app.NonRetryable())
	require.Contains(t, app.Error(), "injected fault: activity Work (ID 5) attempt 3 failed before it ran")
	// Three attempts, at 0s, 1s and 3s, each failing at once.
	failed := lastActivityEvent(env.History())
	require.Equal(t, replay.EventTypeActivityTaskFailed, failed.EventType)
	require.Equal(t, at(3*time.Second), failed.EventTime)
	var got []string
	for _, c := range env.Choices() {
		got = append(got, c.String())
	}
	require.Equal(t, []string{
		"FAULT: activity Work (scheduled by event 5) attempt 1 fails before it runs",
		"FAULT: activity Work (scheduled by event 5) attempt 2 fails before it runs",
		"FAULT: activity Work (scheduled by event 5) attempt 3 fails before it runs",
	}, got)
}

// TestFaultsKeepNonRetryable checks that injected failures never make the
// server retry an error the activity declared non-retryable.
func TestFaultsKeepNonRetryable(t *testing.T) {
	t.Parallel()
	for seed := range uint64(50) {
		env := fzEnv(seed, testsuite.Faults{ActivityFailure: 0.5, ActivityLatency: 5 * time.Second})
		calls := 0
		env.OnActivity("Work", mock.Anything).Return(func(ctx context.Context) (string, error) {
			calls++
			return "", wfsim.NewNonRetryableApplicationError("card declined", "Declined", nil)
		})
		env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
			RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 20}})
		var ae *wfsim.ActivityError
		require.ErrorAs(t, env.GetWorkflowError(), &ae)
		injected := 0
		for _, c := range env.Choices() {
			if c.Kind == testsuite.ChoiceFailure && c.Happened {
				injected++
			}
		}
		var app *wfsim.ApplicationError
		require.ErrorAs(t, ae, &app)
		if app.Type() == "Declined" {
			require.Equal(t, 1, calls, "seed %d: the activity ran again after a non-retryable error", seed)
			require.Equal(t, wfsim.RetryStateNonRetryableFailure, ae.RetryState())
		} else {
			require.Zero(t, calls, "seed %d", seed)
			require.Equal(t, 20, injected, "seed %d: only a 20th injected failure ends the activity", seed)
		}
	}
}

func TestFaultActivityHang(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		options workflow.ActivityOptions
		// endsAt is when the last attempt times out; kind its timeout.
		endsAt time.Duration
		kind   string
	}{
		{
			name: "until StartToClose, on every attempt",
			options: workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second,
				RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2}},
			endsAt: 21 * time.Second, // 10s, a 1s backoff, 10s
			kind:   "StartToClose",
		},
		{
			name: "until the heartbeat timeout",
			options: workflow.ActivityOptions{StartToCloseTimeout: time.Minute, HeartbeatTimeout: 3 * time.Second,
				RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}},
			endsAt: 3 * time.Second,
			kind:   "Heartbeat",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := fzEnv(1, testsuite.Faults{ActivityHang: 1})
			env.OnActivity("Work", mock.Anything).Return("mocked", nil).Times(0)
			env.ExecuteWorkflow(fzOne, tc.options)
			var te *wfsim.TimeoutError
			require.ErrorAs(t, env.GetWorkflowError(), &te)
			require.Contains(t, te.Error(), tc.kind)
			ev := lastActivityEvent(env.History())
			require.Equal(t, replay.EventTypeActivityTaskTimedOut, ev.EventType)
			require.Equal(t, at(tc.endsAt), ev.EventTime, "a timeout fires at its instant")
		})
	}
}

func TestFaultActivityLatency(t *testing.T) {
	t.Parallel()
	onDeadline := 0
	for seed := range uint64(40) {
		env := fzEnv(seed, testsuite.Faults{ActivityLatency: 20 * time.Second})
		env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
		var d time.Duration
		var tie *testsuite.Choice
		for _, c := range env.Choices() {
			switch c.Kind {
			case testsuite.ChoiceLatency:
				d = c.Duration
			case testsuite.ChoiceTie:
				tie = &c
			}
		}
		require.LessOrEqual(t, d, 20*time.Second)
		ev := lastActivityEvent(env.History())
		completes := d < 10*time.Second
		if d == 10*time.Second {
			// The latency landed on the StartToClose timeout: the tie
			// decides, the timeout (armed first) by default.
			onDeadline++
			require.NotNil(t, tie, "seed %d", seed)
			completes = tie.Picked == 1
		}
		if completes {
			require.NoError(t, env.GetWorkflowError(), "seed %d: latency %v", seed, d)
			require.Equal(t, at(d), ev.EventTime, "seed %d: the attempt ends when its latency says", seed)
		} else {
			require.Error(t, env.GetWorkflowError(), "seed %d: latency %v", seed, d)
			require.Equal(t, replay.EventTypeActivityTaskTimedOut, ev.EventType, "seed %d: latency %v", seed, d)
			require.Equal(t, at(10*time.Second), ev.EventTime)
		}
	}
	require.Positive(t, onDeadline, "no latency landed on the timeout")
	// A mock's After fixes the duration: no latency is drawn.
	env := fzEnv(1, testsuite.Faults{ActivityLatency: 20 * time.Second})
	env.OnActivity("Work", mock.Anything).Return("mocked", nil).After(3 * time.Second)
	env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	require.Empty(t, env.Choices())
	require.Equal(t, at(3*time.Second), lastActivityEvent(env.History()).EventTime)
}

func fzWaitSignal(ctx workflow.Context) (string, error) {
	var s string
	workflow.GetSignalChannel(ctx, "s").Receive(ctx, &s)
	return s, nil
}

func TestFaultJitter(t *testing.T) {
	t.Parallel()
	seen := map[time.Duration]bool{}
	for seed := range uint64(20) {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.SetFaults(testsuite.Faults{Jitter: 30 * time.Second})
		var called time.Time
		env.RegisterDelayedCallback(func() {
			called = env.Now()
			env.SignalWorkflow("s", "hi")
		}, time.Minute)
		env.ExecuteWorkflow(fzWaitSignal)
		require.NoError(t, env.GetWorkflowError())
		cs := env.Choices()
		require.Len(t, cs, 2)
		require.Equal(t, testsuite.ChoiceCallbackJitter, cs[0].Kind)
		require.Equal(t, time.Minute, cs[0].Delay)
		require.Equal(t, at(time.Minute+cs[0].Duration), called, "the callback runs late by its jitter")
		require.Equal(t, testsuite.ChoiceSignalJitter, cs[1].Kind)
		signaled, ok := eventTime(env.History(), replay.EventTypeWorkflowExecutionSignaled)
		require.True(t, ok)
		require.Equal(t, time.Minute+cs[0].Duration+cs[1].Duration, signaled, "the signal arrives late by its jitter")
		seen[cs[1].Duration] = true
	}
	require.Greater(t, len(seen), 10)

	// Signals sent before ExecuteWorkflow go with the start.
	env := fzEnv(1, testsuite.Faults{Jitter: 30 * time.Second})
	env.SignalWorkflow("s", "early")
	env.ExecuteWorkflow(fzWaitSignal)
	require.NoError(t, env.GetWorkflowError())
	require.Empty(t, env.Choices())
}

// fzForever sleeps an hour at a time, forever.
func fzForever(ctx workflow.Context) error {
	for {
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
	}
}

func TestFaultsLiveness(t *testing.T) {
	t.Parallel()
	t.Run("horizon", func(t *testing.T) {
		t.Parallel()
		env := fzEnv(1, testsuite.Faults{Horizon: 48 * time.Hour})
		env.ExecuteWorkflow(fzForever)
		var le *testsuite.LivenessError
		require.ErrorAs(t, env.GetWorkflowError(), &le)
		require.Equal(t, at(48*time.Hour), le.Time)
		require.Equal(t, at(49*time.Hour), le.Next)
		require.Contains(t, le.Error(), "did not finish within the exploration horizon of 48h0m0s")
		require.Contains(t, strings.Join(le.Pending, "\n"), "default-test-workflow-id: timer")
	})
	t.Run("default horizon", func(t *testing.T) {
		t.Parallel()
		env := fzEnv(1, testsuite.Faults{})
		env.ExecuteWorkflow(fzForever)
		var le *testsuite.LivenessError
		require.ErrorAs(t, env.GetWorkflowError(), &le)
		require.Equal(t, testsuite.DefaultHorizon, le.Horizon)
	})
	t.Run("a deadlock is still a deadlock", func(t *testing.T) {
		t.Parallel()
		env := fzEnv(1, testsuite.Faults{})
		env.ExecuteWorkflow(fzWaitSignal)
		var de *testsuite.DeadlockError
		require.ErrorAs(t, env.GetWorkflowError(), &de)
	})
}

// reportTB is a testsuite.TB whose test has failed: it keeps what the
// environment logs and runs its cleanups on demand.
type reportTB struct {
	logs     []string
	cleanups []func()
}

func (r *reportTB) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}
func (r *reportTB) Errorf(format string, args ...any) { r.Logf(format, args...) }
func (r *reportTB) Fatalf(format string, args ...any) { r.Logf(format, args...) }
func (r *reportTB) FailNow()                          {}
func (r *reportTB) Failed() bool                      { return true }
func (r *reportTB) Cleanup(f func())                  { r.cleanups = append(r.cleanups, f) }

func (r *reportTB) end() string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	return strings.Join(r.logs, "\n")
}

// TestFailureReport checks what a failing explored test prints: the
// explorer and its seed, the faults, every choice in order, what was
// pending when the run timed out, and the history.
func TestFailureReport(t *testing.T) {
	t.Parallel()
	tb := &reportTB{}
	env := testsuite.NewTestWorkflowEnvironment(tb)
	env.RegisterActivityWithOptions(fzWork, activityName("Work"))
	env.SetExplorer(testsuite.SeedExplorer(42))
	env.SetFaults(testsuite.Faults{ActivityHang: 1})
	env.SetWorkflowRunTimeout(15 * time.Second)
	env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second,
		RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second}})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te)
	report := tb.end()
	for _, want := range []string{
		"explored with testsuite.SeedExplorer(42)",
		"faults: testsuite.Faults{ActivityHang: 1}",
		"3 choices, 2 faults, in order:",
		"    3. +15s tie: 2 items due at once, the 1st in schedule order goes first",
		"    1. +0s FAULT: activity Work (scheduled by event 5) attempt 1 hangs until its timeout",
		"    2. +11s FAULT: activity Work (scheduled by event 5) attempt 2 hangs until its timeout",
		`+15s: workflow "default-test-workflow-id" timed out (run timeout) with work pending:`,
		"default-test-workflow-id: activity Work (ID 5, scheduled by event 5) attempt 2, running since +11s",
		"WorkflowExecutionTimedOut",
	} {
		require.Contains(t, report, want)
	}
}

func TestExplorationMisuse(t *testing.T) {
	t.Parallel()
	newEnv := func() *testsuite.TestWorkflowEnvironment {
		var s testsuite.WorkflowTestSuite
		return s.NewTestWorkflowEnvironment()
	}
	tests := []struct {
		name string
		do   func()
		want string
	}{
		{"probability above 1", func() { newEnv().SetFaults(testsuite.Faults{ActivityFailure: 1.5}) },
			"testsuite: Faults.ActivityFailure is 1.5, not a probability in [0, 1]"},
		{"negative bound", func() { newEnv().SetFaults(testsuite.Faults{Jitter: -time.Second}) },
			"testsuite: Faults.Jitter is negative (-1s)"},
		{"nil explorer", func() { newEnv().SetExplorer(nil) }, "testsuite: SetExplorer of a nil Explorer"},
		{"faults without an explorer", func() {
			env := newEnv()
			env.SetFaults(testsuite.Faults{ActivityFailure: 0.1})
			env.ExecuteWorkflow(fzWaitSignal)
		}, "testsuite: SetFaults needs an explorer"},
		{"explorer after ExecuteWorkflow", func() {
			env := newEnv()
			env.SignalWorkflow("s", "x")
			env.ExecuteWorkflow(fzWaitSignal)
			env.SetExplorer(testsuite.SeedExplorer(1))
		}, "testsuite: SetExplorer called after ExecuteWorkflow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				r := recover()
				require.NotNil(t, r, "no panic")
				require.Contains(t, fmt.Sprint(r), tc.want)
			}()
			tc.do()
		})
	}
}

// TestExplorerWithoutFaults checks that an explorer alone changes only
// what is free: a run with nothing tied records the default history, and
// no explorer records no choices.
func TestExplorerWithoutFaults(t *testing.T) {
	t.Parallel()
	run := func(x testsuite.Explorer) *testsuite.TestWorkflowEnvironment {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivityWithOptions(fzWork, activityName("Work"))
		if x != nil {
			env.SetExplorer(x)
		}
		env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		return env
	}
	plain := run(nil)
	require.Nil(t, plain.Choices())
	explored := run(testsuite.SeedExplorer(9))
	require.Empty(t, explored.Choices())
	require.Equal(t, string(historyJSON(t, plain.History())), string(historyJSON(t, explored.History())))
}

// TestTiesAreExplored checks that seeds reach both orders of a timer and an
// activity due at the same instant, and the task order of a parent and its
// child.
func TestTiesAreExplored(t *testing.T) {
	t.Parallel()
	outcomes := map[string]int{}
	for seed := range uint64(40) {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.OnActivity(fzCharge, mock.Anything).Return(nil).After(10 * time.Second)
		env.ExecuteWorkflow(fzDeadlineWorkflow)
		var out string
		require.NoError(t, env.GetWorkflowResult(&out))
		outcomes[out]++
	}
	require.Positive(t, outcomes["shipped"])
	require.Positive(t, outcomes["canceled"])

	orders := map[string]bool{}
	for seed := range uint64(40) {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(Echo)
		env.RegisterWorkflow(fzRichChild)
		env.SetExplorer(testsuite.SeedExplorer(seed))
		env.ExecuteWorkflow(fzParentTicking)
		require.NoError(t, env.GetWorkflowError())
		for _, c := range env.Choices() {
			if c.Kind == testsuite.ChoiceTaskOrder {
				orders[c.WorkflowID] = true
			}
		}
	}
	require.Len(t, orders, 2, "both the parent's and the child's task went first: %v", orders)
}

// fzParentTicking starts a child and sleeps the second its child sleeps,
// so that both have a task ready at once.
func fzParentTicking(ctx workflow.Context) error {
	child := workflow.ExecuteChildWorkflow(ctx, fzRichChild, "c")
	if err := child.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
		return err
	}
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return err
	}
	return child.Get(ctx, nil)
}

// An explored run draws its free choices from the explorer — here whether
// each attempt fails before it runs, and how long it takes — and keeps
// them in order. Three attempts fail, and the fourth, after retry backoffs
// of 1s, 2s and 4s, takes 3.55s.
func ExampleTestWorkflowEnvironment_SetExplorer() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(fzWork, activityName("Work"))
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{ActivityFailure: 0.5, ActivityLatency: 10 * time.Second})
	env.ExecuteWorkflow(fzOne, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for _, c := range env.Choices() {
		fmt.Println(c)
	}
	var out string
	err := env.GetWorkflowResult(&out)
	fmt.Println(out, err, "at", env.Now().Sub(testsuite.DefaultStartTime))
	// Output:
	// FAULT: activity Work (scheduled by event 5) attempt 1 fails before it runs
	// FAULT: activity Work (scheduled by event 5) attempt 2 fails before it runs
	// FAULT: activity Work (scheduled by event 5) attempt 3 fails before it runs
	// no fault: activity Work (scheduled by event 5) attempt 4 fails before it runs
	// latency: activity Work (scheduled by event 5) attempt 4 takes 3.55s
	// done <nil> at 10.55s
}
