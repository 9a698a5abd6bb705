package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// busyTimeout is the test timeout of the busy-loop tests: short, so that
// the suite stays fast.
const busyTimeout = 200 * time.Millisecond

// potentialDeadlock is the text of Temporal's deadlock detector for a
// coroutine that did not yield for busyTimeout.
func potentialDeadlock(coroutine string) string {
	return `[TMPRL1101] Potential deadlock detected: workflow goroutine "` + coroutine + `" didn't yield for over 200ms`
}

// requirePotentialDeadlock checks that err is how Temporal's test
// environment surfaces its deadlock detector: a *wfsim.PanicError with its
// text, in a *wfsim.WorkflowExecutionError.
func requirePotentialDeadlock(t *testing.T, err error, coroutine string) {
	t.Helper()
	var wee *wfsim.WorkflowExecutionError
	require.ErrorAs(t, err, &wee)
	var pe *wfsim.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, potentialDeadlock(coroutine), pe.Error())
	assert.Equal(t, potentialDeadlock(coroutine), pe.Value(), "the value is the text, as in Temporal")
	var ae *wfsim.ApplicationError
	assert.False(t, errors.As(err, &ae), "not failed by a panic policy")
}

func TestBusyLoopIsStoppedAtItsNextWorkflowCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		coroutine string
		wf        func(ctx workflow.Context) error
	}{
		{
			name:      "a Selector whose case is always ready",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				ch := workflow.NewChannel(ctx)
				ch.Close()
				for {
					s := workflow.NewSelector(ctx)
					// A closed channel is always ready and never received.
					s.AddReceive(ch, func(workflow.ReceiveChannel, bool) {})
					s.Select(ctx)
				}
			},
		},
		{
			name:      "a ReceiveAsync poll loop",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				ch := workflow.NewChannel(ctx)
				var v string
				for done := false; !done; {
					done = ch.ReceiveAsync(&v)
				}
				return nil
			},
		},
		{
			name:      "a SendAsync and ReceiveAsyncWithMoreFlag loop",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				ch := workflow.NewBufferedChannel(ctx, 1)
				for {
					ch.SendAsync(1)
					ch.ReceiveAsyncWithMoreFlag(nil)
				}
			},
		},
		{
			name:      "a loop of Now",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				for workflow.Now(ctx).Year() > 0 {
				}
				return nil
			},
		},
		{
			name:      "a loop of GetInfo",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				for workflow.GetInfo(ctx).Attempt > 0 {
				}
				return nil
			},
		},
		{
			name:      "a loop of Get on a ready Future",
			coroutine: "root",
			wf: func(ctx workflow.Context) error {
				f, set := workflow.NewFuture(ctx)
				set.SetValue(1)
				for f.Get(ctx, nil) == nil {
				}
				return nil
			},
		},
		{
			name:      "a busy coroutine started with Go",
			coroutine: "2",
			wf: func(ctx workflow.Context) error {
				workflow.Go(ctx, func(ctx workflow.Context) {
					for {
						workflow.Now(ctx)
					}
				})
				return workflow.Sleep(ctx, time.Hour)
			},
		},
		{
			name:      "an Await condition that loops, run on the dispatcher",
			coroutine: "root",
			wf:        awaitConditionLoops,
		},
		{
			name:      "a busy named coroutine, after virtual time passed",
			coroutine: "spinner",
			wf: func(ctx workflow.Context) error {
				if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
					return err
				}
				workflow.GoNamed(ctx, "spinner", func(ctx workflow.Context) {
					ch := workflow.NewChannel(ctx)
					for !ch.ReceiveAsync(nil) {
					}
				})
				workflow.NewChannel(ctx).Receive(ctx, nil)
				return nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{}
			env := testsuite.NewTestWorkflowEnvironment(rec)
			env.SetTestTimeout(busyTimeout)
			env.ExecuteWorkflow(tt.wf)

			require.True(t, env.IsWorkflowCompleted(), "the run ended")
			requirePotentialDeadlock(t, env.GetWorkflowError(), tt.coroutine)
			requireTaskFailedOnPotentialDeadlock(t, env.History(), tt.coroutine)
			// The watchdog's report still fails the test: a test that
			// expects the workflow to fail must not pass by accident.
			errs := rec.errors()
			require.NotEmpty(t, errs)
			assert.Contains(t, errs[0], "did not finish within the test timeout of 200ms (real time)")
			assert.Contains(t, errs[0], `coroutine "`+tt.coroutine+`" is running`)
		})
	}
}

// awaitConditionLoops waits on a condition that loops from its second
// call on, which the dispatcher makes, outside the coroutine, once the
// other coroutine has run.
func awaitConditionLoops(ctx workflow.Context) error {
	calls := 0
	workflow.Go(ctx, func(ctx workflow.Context) { _ = workflow.Sleep(ctx, time.Hour) })
	return workflow.Await(ctx, func() bool {
		calls++
		for calls > 1 {
			workflow.GetInfo(ctx)
		}
		return false
	})
}

// The watchdog's report names the coroutine whose Await condition hangs,
// which runs on the dispatcher, and shows the condition's stack: in
// Temporal's SDK the condition runs in that coroutine.
func TestHangingAwaitConditionIsReportedAsItsCoroutine(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(busyTimeout)
	env.ExecuteWorkflow(awaitConditionLoops)
	requirePotentialDeadlock(t, env.GetWorkflowError(), "root")
	errs := rec.errors()
	require.NotEmpty(t, errs)
	assert.NotContains(t, errs[0], "no workflow coroutine is running")
	assert.Contains(t, errs[0], `coroutine "root" is running its Await condition, on the dispatcher (it waits at `)
	assert.Contains(t, errs[0], "testsuite_test.awaitConditionLoops.func2()", "the condition's frame")
	assert.Contains(t, errs[0], "deadlock_interrupt_test.go:")
	assert.Contains(t, errs[0], `coroutine "2" blocked on Future.Get`)
}

// Temporal's test environment ends the run on its deadlock detector's
// panic whatever the WorkflowPanicPolicy. wfsim does too, as a failed
// task: a workflow failed on it would be a closed history, which the
// replay check would replay, looping again.
func TestBusyLoopUnderFailWorkflowPolicyFailsTheTask(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(busyTimeout)
	env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		for {
			workflow.GetLogger(ctx)
		}
	})
	require.True(t, env.IsWorkflowCompleted())
	requirePotentialDeadlock(t, env.GetWorkflowError(), "root")
	requireTaskFailedOnPotentialDeadlock(t, env.History(), "root")
}

// requireTaskFailedOnPotentialDeadlock checks that h ends as a server
// records the worker's failure of the stopped task.
func requireTaskFailedOnPotentialDeadlock(t *testing.T, h *replay.History, coroutine string) {
	t.Helper()
	require.NotEmpty(t, h.Events)
	last := h.Events[len(h.Events)-1]
	require.Equal(t, replay.EventTypeWorkflowTaskFailed, last.EventType)
	a := last.GetWorkflowTaskFailedEventAttributes()
	require.NotNil(t, a)
	assert.Equal(t, replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure, a.Cause)
	require.NotNil(t, a.Failure)
	assert.Equal(t, potentialDeadlock(coroutine), a.Failure.Message)
}

// The watchdog counts real time only: a healthy run with a short test
// timeout and a lot of virtual time passes, untouched.
func TestHealthyRunWithAShortTestTimeoutIsUntouched(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(busyTimeout)
	env.ExecuteWorkflow(func(ctx workflow.Context) (time.Duration, error) {
		start := workflow.Now(ctx)
		for range 100 {
			if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
				return 0, err
			}
		}
		ch := workflow.NewChannel(ctx)
		for range 1000 {
			ch.ReceiveAsync(nil) // a poll that gives up is no busy loop
		}
		return workflow.Now(ctx).Sub(start), nil
	})
	require.True(t, env.IsWorkflowCompleted())
	var elapsed time.Duration
	require.NoError(t, env.GetWorkflowResult(&elapsed))
	assert.Equal(t, 100*24*time.Hour, elapsed)
	assert.Empty(t, rec.errors())
}

// A child workflow's coroutine that never blocks is stopped the same way;
// the parent sees the child fail with the panic.
func TestBusyLoopInAChildWorkflowIsStopped(t *testing.T) {
	t.Parallel()
	spin := func(ctx workflow.Context) error {
		for {
			workflow.GetInfo(ctx)
		}
	}
	tests := []struct {
		name  string
		child func(ctx workflow.Context) error
	}{
		{"in its first pass", spin},
		{"after a local activity ended within the task", func(ctx workflow.Context) error {
			ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
			la := func(context.Context) error { return nil }
			if err := workflow.ExecuteLocalActivity(ctx, la).Get(ctx, nil); err != nil {
				return err
			}
			return spin(ctx)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{}
			env := testsuite.NewTestWorkflowEnvironment(rec)
			env.SetTestTimeout(busyTimeout)
			env.RegisterWorkflowWithOptions(tt.child, workflow.RegisterOptions{Name: "Spinner"})
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "spinning-child"})
				return workflow.ExecuteChildWorkflow(ctx, "Spinner").Get(ctx, nil)
			})
			require.True(t, env.IsWorkflowCompleted())
			err := env.GetWorkflowError()
			var ce *wfsim.ChildWorkflowExecutionError
			require.ErrorAs(t, err, &ce)
			var pe *wfsim.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, potentialDeadlock("root"), pe.Error())
			errs := rec.errors()
			require.NotEmpty(t, errs)
			assert.Contains(t, errs[0], `spinning-child: coroutine "root" is running`)
		})
	}
}

// The watchdog keeps trying after its report: a coroutine that starts
// looping only after the simulation was stuck elsewhere (here a delayed
// callback slow in real time) is stopped one test timeout later.
func TestBusyLoopAfterTheSimulationWasStuckElsewhereIsStopped(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(busyTimeout)
	env.RegisterDelayedCallback(func() { time.Sleep(busyTimeout + busyTimeout/2) }, time.Minute)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
		for {
			workflow.Now(ctx)
		}
	})
	require.True(t, env.IsWorkflowCompleted())
	requirePotentialDeadlock(t, env.GetWorkflowError(), "root")
	errs := rec.errors()
	require.Len(t, errs, 1, "reported once")
	assert.Contains(t, errs[0], "no workflow coroutine is running, so the simulator is inside an activity, a delayed callback or a listener")
}

// pauseThenBurst runs 20 activities that each take 20ms of real time, and
// after each keeps its coroutine busy with workflow calls for 1ms: never
// running for long without yielding, but slower in all than the test
// timeout of the tests that use it (250ms; the run takes over 420ms). The
// bursts are short, and the timeout long, so that a loaded machine's
// scheduler (a -race run of the whole suite on two cores) is unlikely to
// stall one across two of the watchdog's looks, a timeout apart, which
// would rightly interrupt it.
func pauseThenBurst(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for range 20 {
		if err := workflow.ExecuteActivity(ctx, Pause20ms).Get(ctx, nil); err != nil {
			return err
		}
		start := time.Now() // real time, on purpose: a burst of work
		for time.Since(start) < time.Millisecond {
			workflow.Now(ctx)
		}
	}
	return nil
}

// Pause20ms takes 20ms of real time.
func Pause20ms(context.Context) error { time.Sleep(20 * time.Millisecond); return nil }

// A run slower than its test timeout is reported, but a coroutine that
// keeps yielding is never interrupted: the watchdog stops only one found
// running at two looks in a row with no switch in between.
func TestSlowRunThatYieldsIsReportedNotInterrupted(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(rec)
	env.SetTestTimeout(250 * time.Millisecond)
	env.DisableReplayCheck() // one pass of the bursts is enough
	env.RegisterActivity(Pause20ms)
	env.ExecuteWorkflow(pauseThenBurst)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	errs := rec.errors()
	require.NotEmpty(t, errs, "the slow run is reported")
	assert.Contains(t, errs[0], "did not finish within the test timeout of 250ms (real time)")
}
