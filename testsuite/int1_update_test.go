package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half) about workflow updates: validators, handlers registered late or in
// goroutines and handlers, ordering with the first workflow task, mutexes
// and semaphores in handlers, and updates of a canceled workflow.

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// itUpd records what became of one update.
type itUpd struct {
	accepted, done bool
	rejected       error
	result         any
	err            error
}

func (u *itUpd) Accept()                   { u.accepted = true }
func (u *itUpd) Reject(err error)          { u.rejected, u.done = err, true }
func (u *itUpd) Complete(r any, err error) { u.result, u.err, u.done = r, err, true }

// failed reports whether the update ended in an error: rejected, or
// completed with one (what a client's handle.Get returns as an error).
func (u *itUpd) failed() bool { return u.done && (u.rejected != nil || u.err != nil) }

func itSend(env *testsuite.TestWorkflowEnvironment, name, id string, args ...any) *itUpd {
	u := &itUpd{}
	env.UpdateWorkflow(name, id, u, args...)
	return u
}

// newITUpdateEnv starts workflows with a one-hour start delay, so that an
// update sent at once reaches the first workflow task, as the integration
// suite's StartDelay does.
func newITUpdateEnv(t *testing.T, delayed bool) *testsuite.TestWorkflowEnvironment {
	env := testsuite.NewTestWorkflowEnvironment(t)
	o := client.StartWorkflowOptions{ID: "upd"}
	if delayed {
		o.StartDelay = time.Hour
	}
	env.SetStartWorkflowOptions(o)
	env.RegisterActivityWithOptions(itEcho, activity.RegisterOptions{Name: "Echo"})
	return env
}

// Temporal: test/integration_test.go TestUpdateInfo
func TestIntUpdateInfoInHandlerAndValidator(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	wf := func(ctx workflow.Context) error {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context) (string, error) {
			return workflow.GetCurrentUpdateInfo(ctx).ID, nil
		}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context) error {
			if workflow.GetCurrentUpdateInfo(ctx).ID != "testID" {
				return errors.New("invalid update ID")
			}
			return nil
		}}); err != nil {
			return err
		}
		workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
		return nil
	}
	var good, bad *itUpd
	env.RegisterDelayedCallback(func() { good = itSend(env, "update", "testID") }, time.Second)
	env.RegisterDelayedCallback(func() { bad = itSend(env, "update", "notTestID") }, 2*time.Second)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("finish", "finished") }, 3*time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	require.True(t, good.done)
	require.NoError(t, good.err)
	require.Equal(t, "testID", good.result)
	require.True(t, bad.failed())
}

func itUpdateWithValidator(ctx workflow.Context) error {
	workflow.Go(ctx, func(ctx workflow.Context) { _ = workflow.Sleep(ctx, time.Minute) })
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context, id string) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		if err := workflow.ExecuteActivity(ctx, "Echo", 0, 0).Get(ctx, nil); err != nil {
			return "", err
		}
		return id, nil
	}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, id string) error {
		if id != "testID" {
			return errors.New("invalid ID")
		}
		return nil
	}}); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
	if err := workflow.ExecuteActivity(ctx, "Echo", 1, 0).Get(ctx, nil); err != nil {
		return err
	}
	workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
	return nil
}

// Temporal: test/integration_test.go TestUpdateValidatorRejectedFirstWFT, TestUpdateValidatorRejected
func TestIntUpdateRejectedByValidator(t *testing.T) {
	t.Parallel()
	for _, first := range []bool{true, false} {
		t.Run(fmt.Sprint("first task=", first), func(t *testing.T) {
			t.Parallel()
			env := newITUpdateEnv(t, first)
			var u *itUpd
			at := time.Second
			if first {
				at = 0
			}
			// The update has no argument: the validator cannot take it.
			env.RegisterDelayedCallback(func() { u = itSend(env, "update", "u1") }, at)
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("finish", "finished") }, 2*time.Hour)
			env.ExecuteWorkflow(itUpdateWithValidator)
			require.NoError(t, env.GetWorkflowError())
			require.True(t, u.failed())
			require.False(t, u.accepted)
		})
	}
}

// Temporal: test/integration_test.go TestUpdateWorkflowCancelled
func TestIntUpdatesOfCanceledWorkflowAreCanceled(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	wf := func(ctx workflow.Context) error {
		if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error {
			return workflow.Sleep(ctx, time.Hour)
		}); err != nil {
			return err
		}
		ctx.Done().Receive(ctx, nil)
		return nil
	}
	var us []*itUpd
	env.RegisterDelayedCallback(func() {
		for i := range 5 {
			us = append(us, itSend(env, "update", fmt.Sprintf("test-update-%d", i)))
		}
	}, time.Second)
	env.RegisterDelayedCallback(env.CancelWorkflow, 2*time.Second)
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, us, 5)
	for _, u := range us {
		require.True(t, u.accepted)
		var canceled *temporal.CanceledError
		require.ErrorAs(t, u.err, &canceled)
	}
}

func itUpdateWithMutex(ctx workflow.Context) error {
	mu := workflow.NewMutex(ctx)
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context, _ bool) error {
		if err := mu.Lock(ctx); err != nil {
			return err
		}
		defer mu.Unlock()
		workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
		return nil
	}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, failFast bool) error {
		if failFast && mu.IsLocked() {
			return errors.New("already an update in progress")
		}
		return nil
	}}); err != nil {
		return err
	}
	workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
	return nil
}

// Temporal: test/integration_test.go TestUpdateWithMutex
func TestIntUpdatesSerializedByMutex(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	var first, blocked, toCancel *itUpd
	var failFast []*itUpd
	step := func(at time.Duration, f func()) { env.RegisterDelayedCallback(f, at) }
	step(1*time.Second, func() { first = itSend(env, "update", "first", true) })
	step(2*time.Second, func() {
		for i := range 5 {
			failFast = append(failFast, itSend(env, "update", fmt.Sprintf("test-update-%d", i), true))
		}
	})
	step(3*time.Second, func() { blocked = itSend(env, "update", "blocked", false) })
	step(4*time.Second, func() { env.SignalWorkflow("unblock", nil) })
	step(5*time.Second, func() {
		require.True(t, first.done)
		require.NoError(t, first.err)
		require.False(t, blocked.done, "the second update waits for the signal")
		toCancel = itSend(env, "update", "to-cancel", false)
	})
	step(6*time.Second, env.CancelWorkflow)
	step(7*time.Second, func() {
		require.True(t, toCancel.failed(), "canceling the workflow cancels the Lock wait")
		env.SignalWorkflow("unblock", nil)
	})
	step(8*time.Second, func() {
		require.True(t, blocked.done)
		require.NoError(t, blocked.err)
		env.SignalWorkflow("finish", "finished")
	})
	env.ExecuteWorkflow(itUpdateWithMutex)
	require.NoError(t, env.GetWorkflowError())
	for _, u := range failFast {
		require.True(t, u.failed())
	}
}

// Temporal: test/integration_test.go TestUpdateWithSemaphore
func TestIntUpdatesLimitedBySemaphore(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	wf := func(ctx workflow.Context) error {
		sem := workflow.NewSemaphore(ctx, 100)
		if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, n int64) error {
			if err := sem.Acquire(ctx, n); err != nil {
				return err
			}
			workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
			return nil
		}); err != nil {
			return err
		}
		workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
		return nil
	}
	var first, blocked *itUpd
	step := func(at time.Duration, f func()) { env.RegisterDelayedCallback(f, at) }
	step(1*time.Second, func() { first = itSend(env, "update", "first", 100) })
	step(2*time.Second, func() { env.SignalWorkflow("unblock", nil) })
	step(3*time.Second, func() {
		require.True(t, first.done)
		require.NoError(t, first.err)
		itSend(env, "update", "test-update-0", 40)
		itSend(env, "update", "test-update-1", 40)
		blocked = itSend(env, "update", "blocked", 100)
	})
	step(4*time.Second, func() {
		require.False(t, blocked.done, "not enough permits")
		env.CancelWorkflow()
	})
	step(5*time.Second, func() {
		require.True(t, blocked.failed())
		env.SignalWorkflow("finish", "finished")
	})
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

func itUpdateBasic(ctx workflow.Context) (int, error) {
	n := 0
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, d time.Duration) (string, error) {
		if err := workflow.Sleep(ctx, d); err != nil {
			return "", err
		}
		n++
		return "test", nil
	}); err != nil {
		return 0, err
	}
	workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
	return n, nil
}

// Temporal: test/integration_test.go TestUpdateBasic, TestLongUpdateWaitOnCompleted
func TestIntUpdateShortAndLong(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	var short1, short2, long *itUpd
	env.RegisterDelayedCallback(func() {
		short1 = itSend(env, "update", "s1", time.Duration(0))
		short2 = itSend(env, "update", "s2", time.Duration(0))
		long = itSend(env, "update", "l", time.Hour)
	}, time.Second)
	env.RegisterDelayedCallback(func() {
		require.True(t, short1.done && short2.done)
		require.Equal(t, "test", short1.result)
		require.True(t, long.accepted)
		require.False(t, long.done, "an hour-long update is not done after ten seconds")
		env.SignalWorkflow("finish", "finished")
	}, 10*time.Second)
	env.ExecuteWorkflow(itUpdateBasic)
	var n int
	require.NoError(t, env.GetWorkflowResult(&n))
	require.Equal(t, 2, n)
}

func itWaitOnUpdate(ctx workflow.Context) (int, error) {
	inflight, ran := 0, 0
	track := func(f func(ctx workflow.Context) error) func(ctx workflow.Context) error {
		return func(ctx workflow.Context) error {
			inflight++
			defer func() { inflight-- }()
			ran++
			return f(ctx)
		}
	}
	_ = workflow.SetUpdateHandler(ctx, "echo", track(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, itDefaultAO())
		return workflow.ExecuteActivity(ctx, "Echo", 1, 1).Get(ctx, nil)
	}))
	_ = workflow.SetUpdateHandler(ctx, "sleep", track(func(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Second) }))
	_ = workflow.SetUpdateHandler(ctx, "empty", track(func(ctx workflow.Context) error { return ctx.Err() }))
	if err := workflow.Await(ctx, func() bool { return inflight == 0 }); err != nil {
		return 0, err
	}
	return ran, nil
}

// Temporal: test/integration_test.go TestWaitOnUpdate, TestUpdateWithWrongHandleRejected,
// TestUpdateWithNoHandlerRejected
func TestIntUpdateInFirstTask(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		update string
		fails  bool
		want   int
	}{
		{"known handler runs before the run's code ends", "echo", false, 1},
		{"unknown handler is rejected", "bad update", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newITUpdateEnv(t, true)
			var u *itUpd
			env.RegisterDelayedCallback(func() { u = itSend(env, tc.update, "u1") }, 0)
			env.ExecuteWorkflow(itWaitOnUpdate)
			var got int
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, tc.want, got)
			require.True(t, u.done)
			require.Equal(t, tc.fails, u.failed())
		})
	}
}

// Temporal: test/integration_test.go TestMultipleUpdateOrdering, TestMultipleUpdateOrderingCancel
func TestIntManyUpdatesInFirstTask(t *testing.T) {
	t.Parallel()
	for _, cancel := range []bool{false, true} {
		t.Run(fmt.Sprint("canceled=", cancel), func(t *testing.T) {
			t.Parallel()
			env := newITUpdateEnv(t, true)
			names := []string{"echo", "sleep", "empty"}
			var us []*itUpd
			env.RegisterDelayedCallback(func() {
				if cancel {
					env.CancelWorkflow()
				}
				for i := range 10 {
					us = append(us, itSend(env, names[(i*7)%3], fmt.Sprint("u", i)))
				}
			}, 0)
			env.ExecuteWorkflow(itWaitOnUpdate)
			var got int
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, 10, got)
			for _, u := range us {
				require.True(t, u.done)
				if cancel {
					var canceled *temporal.CanceledError
					require.ErrorAs(t, u.err, &canceled)
				} else {
					require.NoError(t, u.err)
				}
			}
		})
	}
}

// Temporal: test/integration_test.go TestUpdateHandlerRegisteredLate
func TestIntUpdateBeforeHandlerIsRegistered(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, false)
	wf := func(ctx workflow.Context) (int, error) {
		ran := 0
		workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
		_ = workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error { ran++; return nil })
		workflow.GetSignalChannel(ctx, "unblock").Receive(ctx, nil)
		return ran, nil
	}
	var early, late *itUpd
	env.RegisterDelayedCallback(func() { early = itSend(env, "update", "early") }, time.Second)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("unblock", nil) }, 2*time.Second)
	env.RegisterDelayedCallback(func() { late = itSend(env, "update", "late") }, 3*time.Second)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("unblock", nil) }, 4*time.Second)
	env.ExecuteWorkflow(wf)
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 1, got)
	require.True(t, early.failed())
	require.True(t, late.done)
	require.False(t, late.failed())
}

// Temporal: test/integration_test.go TestUpdateOrdering, TestUpdateAlwaysHandled
func TestIntUpdateHandledEvenIfRunEndsInFirstTask(t *testing.T) {
	t.Parallel()
	t.Run("ordering", func(t *testing.T) {
		t.Parallel()
		env := newITUpdateEnv(t, true)
		wf := func(ctx workflow.Context) (int, error) {
			ran := 0
			_ = workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error { ran++; return nil })
			now := workflow.Now(ctx)
			_ = workflow.Await(ctx, func() bool { return workflow.Now(ctx).After(now) })
			return ran, nil
		}
		var u1, u2 *itUpd
		env.RegisterDelayedCallback(func() { u1 = itSend(env, "update", "u1") }, 0)
		env.RegisterDelayedCallback(func() { u2 = itSend(env, "update", "u2") }, time.Hour+time.Second)
		env.ExecuteWorkflow(wf)
		var got int
		require.NoError(t, env.GetWorkflowResult(&got))
		require.Equal(t, 2, got)
		require.False(t, u1.failed())
		require.False(t, u2.failed())
	})
	t.Run("always handled", func(t *testing.T) {
		t.Parallel()
		env := newITUpdateEnv(t, true)
		wf := func(ctx workflow.Context) (int, error) {
			ran := 0
			_ = workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error { ran++; return nil })
			return ran, nil
		}
		env.RegisterDelayedCallback(func() { itSend(env, "update", "u1") }, 0)
		env.ExecuteWorkflow(wf)
		var got int
		require.NoError(t, env.GetWorkflowResult(&got))
		require.Equal(t, 1, got)
	})
}

// Temporal: test/integration_test.go TestUpdateRejected, TestUpdateRejectedDuplicated
func TestIntRejectedUpdates(t *testing.T) {
	t.Parallel()
	t.Run("rejected in first task", func(t *testing.T) {
		t.Parallel()
		env := newITUpdateEnv(t, true)
		wf := func(ctx workflow.Context) error {
			unblock := false
			workflow.Go(ctx, func(ctx workflow.Context) {
				_ = workflow.Sleep(ctx, 100*time.Millisecond)
				unblock = true
			})
			_ = workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context) error { return nil },
				workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context) error { return errors.New("update rejected") }})
			return workflow.Await(ctx, func() bool { return unblock })
		}
		var u *itUpd
		env.RegisterDelayedCallback(func() { u = itSend(env, "update", "u1") }, 0)
		env.ExecuteWorkflow(wf)
		require.NoError(t, env.GetWorkflowError())
		require.Error(t, u.rejected)
	})
	t.Run("ID reusable after rejection", func(t *testing.T) {
		t.Parallel()
		env := newITUpdateEnv(t, false)
		wf := func(ctx workflow.Context) error {
			_ = workflow.SetUpdateHandlerWithOptions(ctx, "update", func(ctx workflow.Context, _ bool) error { return nil },
				workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, reject bool) error {
					if reject {
						return errors.New("test update rejected")
					}
					return nil
				}})
			return workflow.Await(ctx, func() bool { return false })
		}
		var u1, u2 *itUpd
		env.RegisterDelayedCallback(func() { u1 = itSend(env, "update", "same-id", true) }, time.Second)
		env.RegisterDelayedCallback(func() { u2 = itSend(env, "update", "same-id", false) }, 2*time.Second)
		env.RegisterDelayedCallback(env.CancelWorkflow, 3*time.Second)
		env.ExecuteWorkflow(wf)
		require.Error(t, u1.rejected)
		require.True(t, u2.done)
		require.False(t, u2.failed())
	})
}

// Temporal: test/integration_test.go TestUpdateSettingHandlerInGoroutine
func TestIntUpdateHandlerSetInGoroutine(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, true)
	wf := func(ctx workflow.Context) (int, error) {
		ran, inflight := 0, 0
		wg := workflow.NewWaitGroup(ctx)
		wg.Add(1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer wg.Done()
			_ = workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error {
				ran++
				inflight++
				defer func() { inflight-- }()
				return workflow.Sleep(ctx, 100*time.Millisecond)
			})
		})
		wg.Wait(ctx)
		_ = workflow.Await(ctx, func() bool { return inflight == 0 })
		return ran, nil
	}
	var u *itUpd
	env.RegisterDelayedCallback(func() { u = itSend(env, "update", "u1") }, 0)
	env.ExecuteWorkflow(wf)
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 1, got)
	require.True(t, u.done)
	require.False(t, u.failed())
}

// Temporal: test/integration_test.go TestUpdateSettingHandlerInHandler
func TestIntUpdateHandlerSetByHandler(t *testing.T) {
	t.Parallel()
	env := newITUpdateEnv(t, true)
	wf := func(ctx workflow.Context) (int, error) {
		inner := 0
		_ = workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error {
			return workflow.SetUpdateHandler(ctx, "inner update", func(ctx workflow.Context) error { inner++; return nil })
		})
		now := workflow.Now(ctx)
		_ = workflow.Await(ctx, func() bool { return workflow.Now(ctx).After(now) })
		return inner, nil
	}
	var before, outer, after *itUpd
	env.RegisterDelayedCallback(func() { before = itSend(env, "inner update", "i1") }, 0)
	// The first update's task (the run's first, speculative) only rejects
	// it, so the server discards it and the worker replays from the start
	// at the next task: the run's "now" is then the outer update's time.
	env.RegisterDelayedCallback(func() { outer = itSend(env, "update", "o1") }, time.Second)
	env.RegisterDelayedCallback(func() { after = itSend(env, "inner update", "i2") }, 2*time.Second)
	env.ExecuteWorkflow(wf)
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, 1, got)
	require.True(t, before.failed(), "no inner handler yet")
	require.False(t, outer.failed())
	require.True(t, after.done)
	require.False(t, after.failed(), "the outer update registered it")
}
