package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the second half of Temporal's test/integration_test.go that run a
// workflow against a real server, then replay its history or restart the
// worker (a new worker replays the history so far before it goes on).

// int2BumpingSideEffects calls one MutableSideEffect ID many times, some
// calls changing the value and some not, with timers in between, and
// returns the last value. A value that does not come back as it was
// recorded fails the workflow.
func int2BumpingSideEffects(ctx workflow.Context, start int) (int, error) {
	current := start
	record := func(want int) error {
		var got int
		err := workflow.MutableSideEffect(ctx, "side-effect-1",
			func(workflow.Context) any { return want },
			func(a, b any) bool { return a.(int) == b.(int) },
		).Get(&got)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("mutable side effect gave %d, want %d", got, want)
		}
		current = got
		return nil
	}
	steps := []func() error{
		func() error { return record(current) },
		func() error { return record(current) },
		func() error { return record(current + 1) },
		func() error { return record(current) },
		func() error { return workflow.Sleep(ctx, time.Millisecond) },
		func() error { return record(current) },
		func() error { return record(current) },
		func() error { return record(current + 1) },
		func() error { return workflow.Sleep(ctx, time.Millisecond) },
		func() error { return record(current + 1) },
		func() error { return workflow.Sleep(ctx, time.Millisecond) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return 0, err
		}
	}
	return current, nil
}

// Temporal: test/integration_test.go TestMutableSideEffects
func TestInt2MutableSideEffectsRecordOnlyChangesAndReplay(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2BumpingSideEffects)
	env.ExecuteWorkflow(int2BumpingSideEffects, 42)
	require.NoError(t, env.GetWorkflowError())
	var got int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, 45, got)

	replayer := worker.NewWorkflowReplayer()
	replayer.RegisterWorkflow(int2BumpingSideEffects)
	require.NoError(t, replayer.ReplayWorkflowHistory(nil, env.History()))
}

func int2PanicOnSignal(ctx workflow.Context) error {
	workflow.GetSignalChannel(ctx, "panic-signal").Receive(ctx, nil)
	panic("intentional panic")
}

// Temporal: test/integration_test.go TestLargeHistoryReplay
func TestInt2LargeHistoryReplaysToItsPanic(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	// The integration suite's worker fails a workflow that panics.
	env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	env.RegisterWorkflow(int2PanicOnSignal)
	env.RegisterDelayedCallback(func() {
		for range 300 {
			env.SignalWorkflow("unhandled-signal", "some-arg")
		}
		env.SignalWorkflow("panic-signal", nil)
	}, time.Second)
	env.ExecuteWorkflow(int2PanicOnSignal)
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "intentional panic")
	var panicErr *temporal.PanicError
	assert.ErrorAs(t, err, &panicErr)
	assert.Greater(t, len(env.History().Events), 300, "every signal is in the history")

	replayer := worker.NewWorkflowReplayer()
	replayer.RegisterWorkflow(int2PanicOnSignal)
	err = replayer.ReplayWorkflowHistory(nil, env.History())
	require.Error(t, err, "the replay reaches the last signal and panics again")
	assert.Contains(t, err.Error(), "intentional panic")
}

// int2TickWaiter answers "is-wait-tick-count" and waits for maxTicks-1
// "tick" signals after first running body.
func int2TickWaiter(ctx workflow.Context, maxTicks int, each func(ctx workflow.Context, tick int) error) error {
	ticks := 0
	tickCh := workflow.GetSignalChannel(ctx, "tick")
	if err := workflow.SetQueryHandler(ctx, "is-wait-tick-count", func(v int) (bool, error) {
		return ticks == v, nil
	}); err != nil {
		return err
	}
	for {
		ticks++
		if ticks >= maxTicks {
			return nil
		}
		tickCh.Receive(ctx, nil)
		if each != nil {
			if err := each(ctx, ticks); err != nil {
				return err
			}
		}
	}
}

// int2UpsertMemoIfUnset upserts TestMemo only when the start memo says
// "unset"; a worker that replays this with the upserted memo in its Info
// would take the other branch and fail with a nondeterminism.
func int2UpsertMemoIfUnset(ctx workflow.Context, maxTicks int) error {
	return int2UpsertIfUnset(ctx, maxTicks, "memo", workflow.GetInfo(ctx).Memo.GetFields()["TestMemo"], func() error {
		return workflow.UpsertMemo(ctx, map[string]any{"TestMemo": "set"})
	})
}

// int2UpsertSearchAttributeIfUnset is int2UpsertMemoIfUnset with a search
// attribute.
func int2UpsertSearchAttributeIfUnset(ctx workflow.Context, maxTicks int) error {
	return int2UpsertIfUnset(ctx, maxTicks, "search attribute", workflow.GetInfo(ctx).SearchAttributes.GetIndexedFields()["CustomKeywordField"], func() error {
		//lint:ignore SA1019 the integration test upserts through the deprecated untyped API
		return workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomKeywordField": "set"})
	})
}

// int2UpsertIfUnset sleeps when p, the start value of what (a memo or a
// search attribute), says "set" and calls upsert when it says "unset", then
// waits for the ticks.
func int2UpsertIfUnset(ctx workflow.Context, maxTicks int, what string, p *converter.Payload, upsert func() error) error {
	if p == nil {
		return fmt.Errorf("no %s value", what)
	}
	var v string
	if err := converter.GetDefaultDataConverter().FromPayload(p, &v); err != nil {
		return err
	}
	var err error
	switch v {
	case "set":
		err = workflow.Sleep(ctx, 100*time.Millisecond)
	case "unset":
		err = upsert()
	default:
		return fmt.Errorf("unknown %s value %q", what, v)
	}
	if err != nil {
		return err
	}
	return int2TickWaiter(ctx, maxTicks, nil)
}

// int2LocalActivityPerTick runs a local activity after each tick.
func int2LocalActivityPerTick(ctx workflow.Context, maxTicks int) error {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 5 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Nanosecond, MaximumAttempts: 1},
	})
	return int2TickWaiter(ctx, maxTicks, func(ctx workflow.Context, tick int) error {
		return workflow.ExecuteLocalActivity(ctx, func(context.Context, int) error { return nil }, tick).Get(ctx, nil)
	})
}

// Temporal: test/integration_test.go TestDeterminismUpsertMemoConditional,
// TestDeterminismUpsertSearchAttributesConditional, TestLocalActivityStaleCache,
// TestLocalActivityWorkerRestart
func TestInt2WorkerRestartsBetweenTicksReplayCleanly(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wf   func(workflow.Context, int) error
		prep func(t *testing.T, env *testsuite.TestWorkflowEnvironment)
	}{
		{name: "conditional memo upsert", wf: int2UpsertMemoIfUnset, prep: func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			require.NoError(t, env.SetMemoOnStart(map[string]any{"TestMemo": "unset"}))
		}},
		{name: "conditional search attribute upsert", wf: int2UpsertSearchAttributeIfUnset, prep: func(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
			require.NoError(t, env.SetSearchAttributesOnStart(map[string]any{"CustomKeywordField": "unset"}))
		}},
		{name: "local activity per tick", wf: int2LocalActivityPerTick},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const maxTicks = 3
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(tc.wf, workflow.RegisterOptions{Name: "TickWaiter"})
			if tc.prep != nil {
				tc.prep(t, env)
			}
			restarts := 0
			env.SetOnWorkerRestartListener(func(string) { restarts++ })
			env.SetExplorer(testsuite.SeedExplorer(1))
			env.SetFaults(testsuite.Faults{WorkerRestart: 1})
			for i := 1; i < maxTicks; i++ {
				env.RegisterDelayedCallback(func() {
					v, err := env.QueryWorkflow("is-wait-tick-count", i)
					require.NoError(t, err)
					var at bool
					require.NoError(t, v.Get(&at))
					assert.True(t, at, "waiting for tick %d", i)
					env.SignalWorkflow("tick", nil)
				}, time.Duration(i)*time.Minute)
			}
			env.ExecuteWorkflow("TickWaiter", maxTicks)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			assert.Positive(t, restarts, "the worker restarted")
		})
	}
}
