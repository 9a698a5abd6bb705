package testsuite_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The tests here send a workflow signals, cancellations and updates while
// the workflow task that closes its run is under way — from a local
// activity, which runs within the task, or from a child-started listener,
// which runs in the child's first task — and check that the simulator does
// what a Temporal server does (unhandled.go): it fails the task with
// UnhandledCommand, records the buffered events and runs the workflow again
// in a new task, where it sees them.

// drainSignals returns what the "s" channel holds, without blocking.
func drainSignals(ctx workflow.Context) []string {
	var got []string
	ch := workflow.GetSignalChannel(ctx, "s")
	var s string
	for ch.ReceiveAsync(&s) {
		got = append(got, s)
	}
	return got
}

// NotifyThenDrain runs the local activity "Notify", which may signal the
// workflow, and returns the signals it has received by then.
func NotifyThenDrain(ctx workflow.Context) ([]string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteLocalActivity(ctx, "Notify").Get(ctx, nil); err != nil {
		return nil, err
	}
	return drainSignals(ctx), nil
}

// environments are the two kinds of environment: activity code runs on the
// simulation goroutine in one, in goroutines of a bubble in the other.
var environments = []struct {
	name string
	env  func(t *testing.T) *testsuite.TestWorkflowEnvironment
}{
	{"suite environment", func(*testing.T) *testsuite.TestWorkflowEnvironment { return unbound() }},
	{"bound to the test", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
}

// inEachEnvironment runs test in a parallel subtest for each kind of
// environment.
func inEachEnvironment(t *testing.T, test func(t *testing.T, env *testsuite.TestWorkflowEnvironment)) {
	for _, te := range environments {
		t.Run(te.name, func(t *testing.T) {
			t.Parallel()
			test(t, te.env(t))
		})
	}
}

// notifyOnce registers "Notify" as a local activity that calls send on its
// first attempt only, and returns how many times it ran.
func notifyOnce(env *testsuite.TestWorkflowEnvironment, send func(workflowID string) error) *int {
	n := new(int)
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		*n++
		if *n > 1 {
			return nil
		}
		return send(activity.GetInfo(ctx).WorkflowExecution.ID)
	}, activity.RegisterOptions{Name: "Notify"})
	return n
}

func typesOf(h *replay.History) []replay.EventType {
	var types []replay.EventType
	for _, ev := range h.Events {
		types = append(types, ev.EventType)
	}
	return types
}

// unhandledHistory is a history's first task, failed for UnhandledCommand,
// and the second one's start: what follows the failed task is the
// buffered events.
func unhandledHistory(buffered []replay.EventType, rest ...replay.EventType) []replay.EventType {
	h := []replay.EventType{
		replay.EventTypeWorkflowExecutionStarted,
		replay.EventTypeWorkflowTaskScheduled,
		replay.EventTypeWorkflowTaskStarted,
		replay.EventTypeWorkflowTaskFailed,
	}
	h = append(h, buffered...)
	h = append(h, replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted)
	return append(h, rest...)
}

func TestUnhandledSignalReachesTheWorkflowInANewTask(t *testing.T) {
	t.Parallel()
	sends := []struct {
		name string
		send func(env *testsuite.TestWorkflowEnvironment, id string) error
		want []string
		// signals is how many WorkflowExecutionSignaled events follow the
		// failed task.
		signals int
	}{
		{"signal", func(env *testsuite.TestWorkflowEnvironment, id string) error {
			return env.SignalWorkflowByID(id, "s", "x")
		}, []string{"x"}, 1},
		{"two signals", func(env *testsuite.TestWorkflowEnvironment, id string) error {
			if err := env.SignalWorkflowByID(id, "s", "x"); err != nil {
				return err
			}
			return env.SignalWorkflowByID(id, "s", "y")
		}, []string{"x", "y"}, 2},
		{"signal skipping its task", func(env *testsuite.TestWorkflowEnvironment, _ string) error {
			// The server schedules a task after the failed one anyway.
			env.SignalWorkflowSkippingWorkflowTask("s", "x")
			return nil
		}, []string{"x"}, 1},
	}
	for _, te := range environments {
		for _, ts := range sends {
			t.Run(te.name+"/"+ts.name, func(t *testing.T) {
				t.Parallel()
				run := func() (*testsuite.TestWorkflowEnvironment, *int) {
					env := te.env(t)
					n := notifyOnce(env, func(id string) error { return ts.send(env, id) })
					env.ExecuteWorkflow(NotifyThenDrain)
					return env, n
				}
				env, ran := run()
				var got []string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, ts.want, got)
				// The worker ran the task's local activity again in the new
				// task: the failed task's marker was dropped with it.
				assert.Equal(t, 2, *ran)

				var buffered []replay.EventType
				for range ts.signals {
					buffered = append(buffered, replay.EventTypeWorkflowExecutionSignaled)
				}
				h := env.History()
				assert.Equal(t, unhandledHistory(buffered, replay.EventTypeMarkerRecorded, replay.EventTypeWorkflowExecutionCompleted), typesOf(h))
				assert.Equal(t, &replay.WorkflowTaskFailedEventAttributes{
					ScheduledEventID: 2,
					StartedEventID:   3,
					Cause:            replay.WorkflowTaskFailedCauseUnhandledCommand,
					Failure:          &wfsim.Failure{Message: "UnhandledCommand", ServerFailureInfo: &wfsim.ServerFailureInfo{}},
					Identity:         h.Events[2].GetWorkflowTaskStartedEventAttributes().Identity,
				}, h.Events[3].GetWorkflowTaskFailedEventAttributes())
				assert.Equal(t, int32(1), h.Events[4+ts.signals].GetWorkflowTaskScheduledEventAttributes().Attempt)

				// The history replays, and a second run records the same.
				rp := replay.NewWorkflowReplayer()
				rp.RegisterWorkflow(NotifyThenDrain)
				require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
				again, _ := run()
				a, err := h.MarshalJSON()
				require.NoError(t, err)
				b, err := again.History().MarshalJSON()
				require.NoError(t, err)
				assert.Equal(t, string(a), string(b))
			})
		}
	}
}

// TestUnhandledSignalFromLocalActivityHooks: a local activity's listener
// and its mock run within the task too.
func TestUnhandledSignalFromLocalActivityHooks(t *testing.T) {
	t.Parallel()
	hooks := []struct {
		name string
		set  func(env *testsuite.TestWorkflowEnvironment, send func())
	}{
		{"started listener", func(env *testsuite.TestWorkflowEnvironment, send func()) {
			env.SetOnLocalActivityStartedListener(func(*activity.Info, context.Context, []any) { send() })
		}},
		{"mock", func(env *testsuite.TestWorkflowEnvironment, send func()) {
			env.OnActivity("Notify", mock.Anything).Return(func(context.Context) error { send(); return nil })
		}},
	}
	for _, te := range environments {
		for _, th := range hooks {
			t.Run(te.name+"/"+th.name, func(t *testing.T) {
				t.Parallel()
				env := te.env(t)
				env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "Notify"})
				calls := 0
				th.set(env, func() {
					if calls++; calls == 1 {
						env.SignalWorkflow("s", "x")
					}
				})
				env.ExecuteWorkflow(NotifyThenDrain)
				var got []string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, []string{"x"}, got)
				assert.Equal(t, 2, calls)
				assert.Equal(t, unhandledHistory([]replay.EventType{replay.EventTypeWorkflowExecutionSignaled},
					replay.EventTypeMarkerRecorded, replay.EventTypeWorkflowExecutionCompleted), typesOf(env.History()))
			})
		}
	}
}

// CancelAware returns the cancellation once its context is canceled, after
// its local activity.
func CancelAware(ctx workflow.Context) (string, error) {
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteLocalActivity(lctx, "Notify").Get(lctx, nil); err != nil && !errors.Is(ctx.Err(), workflow.ErrCanceled) {
		return "", err
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	return "done", nil
}

func TestUnhandledCancellationReachesTheWorkflowInANewTask(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		notifyOnce(env, func(string) error { env.CancelWorkflow(); return nil })
		env.ExecuteWorkflow(CancelAware)
		var canceled *wfsim.CanceledError
		require.ErrorAs(t, env.GetWorkflowError(), &canceled)
		assert.Equal(t, unhandledHistory([]replay.EventType{replay.EventTypeWorkflowExecutionCancelRequested},
			replay.EventTypeMarkerRecorded, replay.EventTypeWorkflowExecutionCanceled), typesOf(env.History()))
	})
}

// NotifyThenContinue continues as new once, with the signals it received.
func NotifyThenContinue(ctx workflow.Context, got []string) ([]string, error) {
	if got != nil {
		return got, nil
	}
	got, err := NotifyThenDrain(ctx)
	if err != nil {
		return nil, err
	}
	return nil, workflow.NewContinueAsNewError(ctx, NotifyThenContinue, append([]string{}, got...))
}

func TestUnhandledSignalKeepsTheRunFromContinuingAsNew(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(NotifyThenContinue)
	notifyOnce(env, func(id string) error { return env.SignalWorkflowByID(id, "s", "x") })
	env.FollowContinueAsNew(2)
	env.ExecuteWorkflow(NotifyThenContinue, []string(nil))
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"x"}, got)
	hs := env.Histories(env.WorkflowIDs()[0])
	require.Len(t, hs, 2)
	assert.Equal(t, unhandledHistory([]replay.EventType{replay.EventTypeWorkflowExecutionSignaled},
		replay.EventTypeMarkerRecorded, replay.EventTypeWorkflowExecutionContinuedAsNew), typesOf(hs[0]))
}

// DrainingChild returns the signals it holds when its first task runs.
func DrainingChild(ctx workflow.Context) ([]string, error) { return drainSignals(ctx), nil }

func DrainingParent(ctx workflow.Context) ([]string, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "drainer"})
	var got []string
	err := workflow.ExecuteChildWorkflow(ctx, DrainingChild).Get(ctx, &got)
	return got, err
}

// TestUnhandledSignalFromChildStartedListener: the child-started listener
// runs in the child's first task, which also closes the child.
func TestUnhandledSignalFromChildStartedListener(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		env.RegisterWorkflow(DrainingChild)
		calls := 0
		env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, _ converter.EncodedValues) {
			calls++
			require.NoError(t, env.SignalWorkflowByID(info.WorkflowExecution.ID, "s", "x"))
		})
		env.ExecuteWorkflow(DrainingParent)
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, []string{"x"}, got)
		assert.Equal(t, 1, calls, "the child started once; its rebuild does not call the listener")
		hs := env.Histories("drainer")
		require.Len(t, hs, 1)
		assert.Equal(t, unhandledHistory([]replay.EventType{replay.EventTypeWorkflowExecutionSignaled},
			replay.EventTypeWorkflowExecutionCompleted), typesOf(hs[0]))
	})
}

// TestUpdateDuringClosingTaskIsAbandoned: an update does not keep the task
// from closing the run (the server does not count it as a buffered event);
// the run's close abandons it and leaves no trace in the history.
func TestUpdateDuringClosingTaskIsAbandoned(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		var rejected error
		notifyOnce(env, func(string) error {
			env.UpdateWorkflow("u", "u1", &testsuite.TestUpdateCallback{OnReject: func(err error) { rejected = err }}, 1)
			return nil
		})
		env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
			if err := workflow.SetUpdateHandler(ctx, "u", func(ctx workflow.Context, x int) (int, error) { return x + 1, nil }); err != nil {
				return nil, err
			}
			return NotifyThenDrain(ctx)
		})
		require.NoError(t, env.GetWorkflowError())
		var abandoned *testsuite.UpdateAbandonedError
		assert.ErrorAs(t, rejected, &abandoned)
		assert.Equal(t, []replay.EventType{
			replay.EventTypeWorkflowExecutionStarted,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
			replay.EventTypeWorkflowTaskCompleted,
			replay.EventTypeMarkerRecorded,
			replay.EventTypeWorkflowExecutionCompleted,
		}, typesOf(env.History()))
	})
}

// TestUpdateDuringTaskWaitsForItsCompletion: an update that arrives while
// a task that does not close the run is under way is delivered by a task
// scheduled after the task's commands, not within the running task.
func TestUpdateDuringTaskWaitsForItsCompletion(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		var result any
		notifyOnce(env, func(string) error {
			env.UpdateWorkflow("u", "u1", &testsuite.TestUpdateCallback{OnComplete: func(r any, err error) { result = r }}, 1)
			return nil
		})
		env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
			if err := workflow.SetUpdateHandler(ctx, "u", func(ctx workflow.Context, x int) (int, error) { return x + 1, nil }); err != nil {
				return "", err
			}
			if _, err := NotifyThenDrain(ctx); err != nil {
				return "", err
			}
			return "done", workflow.Sleep(ctx, time.Minute)
		})
		require.NoError(t, env.GetWorkflowError())
		assert.Equal(t, 2, result)
		types := typesOf(env.History())
		require.GreaterOrEqual(t, len(types), 8)
		assert.Equal(t, []replay.EventType{
			replay.EventTypeWorkflowExecutionStarted,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
			replay.EventTypeWorkflowTaskCompleted,
			replay.EventTypeMarkerRecorded,
			replay.EventTypeTimerStarted,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
		}, types[:8])
	})
}

// TestUnhandledEventsEveryTime: a local activity that signals its own
// workflow each time it runs keeps failing the closing task, as it would
// on a server; the simulator gives up after a while.
func TestUnhandledEventsEveryTime(t *testing.T) {
	t.Parallel()
	env := unbound()
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		return env.SignalWorkflowByID(activity.GetInfo(ctx).WorkflowExecution.ID, "s", "x")
	}, activity.RegisterOptions{Name: "Notify"})
	env.ExecuteWorkflow(NotifyThenDrain)
	var ue *testsuite.UnhandledEventsError
	require.ErrorAs(t, env.GetWorkflowError(), &ue)
	assert.Equal(t, 100, ue.Failures)
}

// TestUnhandledSignalFromWorkflowCode: workflow code that sends through the
// environment (a test hook in the workflow, say) sends while its task runs.
func TestUnhandledSignalFromWorkflowCode(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		sent := false
		env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return nil, err
			}
			if !sent {
				sent = true
				env.SignalWorkflow("s", "x")
			}
			return drainSignals(ctx), nil
		})
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, []string{"x"}, got)
		assert.Equal(t, []replay.EventType{
			replay.EventTypeWorkflowExecutionStarted,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
			replay.EventTypeWorkflowTaskCompleted,
			replay.EventTypeTimerStarted,
			replay.EventTypeTimerFired,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
			replay.EventTypeWorkflowTaskFailed,
			replay.EventTypeWorkflowExecutionSignaled,
			replay.EventTypeWorkflowTaskScheduled,
			replay.EventTypeWorkflowTaskStarted,
			replay.EventTypeWorkflowTaskCompleted,
			replay.EventTypeWorkflowExecutionCompleted,
		}, typesOf(env.History()))
	})
}

// TestUnhandledSignalToRunWithUpdates: a run that received an update cannot
// be run again from its history alone; its close stands, the signal is
// dropped, and the environment says so (here, to its logger).
func TestUnhandledSignalToRunWithUpdates(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	var s testsuite.WorkflowTestSuite
	s.SetLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	env := s.NewTestWorkflowEnvironment()
	notifyOnce(env, func(id string) error {
		env.UpdateWorkflow("u", "u1", &testsuite.TestUpdateCallback{}, 1)
		return env.SignalWorkflowByID(id, "s", "x")
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		if err := workflow.SetUpdateHandler(ctx, "u", func(ctx workflow.Context, x int) (int, error) { return x + 1, nil }); err != nil {
			return nil, err
		}
		return NotifyThenDrain(ctx)
	})
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Empty(t, got)
	// One message naming the run in attributes, the error among them.
	out := logs.String()
	assert.Contains(t, out, "UnhandledCommand")
	assert.Contains(t, out, "signals or cancellation requests dropped")
	assert.Contains(t, out, "WorkflowID=default-test-workflow-id")
	assert.Contains(t, out, "RunID=default-test-run-id")
	for _, ev := range env.History().Events {
		assert.NotEqual(t, replay.EventTypeWorkflowTaskFailed, ev.EventType)
	}
}

// TestSignalFromCallbackAtClosingInstant: a delayed callback runs between
// workflow tasks, never within one: a signal it sends at the instant the
// workflow's timer fires reaches the task that the timer's firing starts.
func TestSignalFromCallbackAtClosingInstant(t *testing.T) {
	t.Parallel()
	inEachEnvironment(t, func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow("s", "x") }, time.Minute)
		env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
			if err := workflow.Sleep(ctx, time.Minute); err != nil {
				return nil, err
			}
			return drainSignals(ctx), nil
		})
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, []string{"x"}, got)
		for _, ev := range env.History().Events {
			assert.NotEqual(t, replay.EventTypeWorkflowTaskFailed, ev.EventType)
		}
	})
}
