package testsuite_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestRestartRebuildsAcrossFailedTask: a worker restart after the task that
// followed a failed one (UnhandledCommand) rebuilds the run with the failed
// attempt's events folded into the next task, as Temporal's SDK replays
// them: the rebuilt code sees the signal where the run saw it, and goes on
// from there.
func TestRestartRebuildsAcrossFailedTask(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	sent := false
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
		if !sent {
			sent = true
			env.SignalWorkflow("s", "x")
		}
		got := drainSignals(ctx)
		if len(got) == 0 {
			return nil, nil
		}
		for i := 0; i < 2; i++ {
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return nil, err
			}
			got = append(got, "slept")
		}
		return got, nil
	})
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"x", "slept", "slept"}, got)
	types := typesOf(env.History())
	require.Contains(t, types, replay.EventTypeWorkflowTaskFailed)
	assert.Equal(t, 3, countOf(types, replay.EventTypeTimerFired), "%v", types)
}

func countOf(types []replay.EventType, t replay.EventType) int {
	n := 0
	for _, x := range types {
		if x == t {
			n++
		}
	}
	return n
}

// TestRestartAfterUnhandledCommand: a worker restart rebuilds the run from
// a history that holds the failed task. (Here the rebuilt code waits for a
// local activity's marker either way, so the fold of the failed attempt's
// events is proved by TestRestartRebuildsAcrossFailedTask.)
func TestRestartAfterUnhandledCommand(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	notifyOnce(env, func(id string) error { return env.SignalWorkflowByID(id, "s", "x") })
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	var restartsAt []int
	env.SetOnWorkerRestartListener(func(string) { restartsAt = append(restartsAt, len(env.History().Events)) })
	env.ExecuteWorkflow(func(ctx workflow.Context) ([]string, error) {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
		got, err := NotifyThenDrain(ctx)
		if err != nil || len(got) == 0 {
			return got, err
		}
		return got, workflow.Sleep(ctx, time.Minute)
	})
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"x"}, got)
	types := typesOf(env.History())
	failed := slices.Index(types, replay.EventTypeWorkflowTaskFailed)
	require.Positive(t, failed)
	assert.Equal(t, replay.EventTypeWorkflowExecutionCompleted, types[len(types)-1])
	require.NotEmpty(t, restartsAt)
	assert.Greater(t, restartsAt[len(restartsAt)-1], failed, "a restart after the failed task")
}
