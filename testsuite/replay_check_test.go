package testsuite_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Step(name string) (string, error) { return name, nil }

// mapOrderWorkflow issues one activity per map key in Go's random map order,
// a classic nondeterminism bug. Each call records the order it used.
func mapOrderWorkflow(orders *[]string) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		steps := map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "g": true, "h": true}
		var futures []workflow.Future
		order := ""
		for name := range steps {
			order += name
			futures = append(futures, workflow.ExecuteActivity(ctx, "Step-"+name, name))
		}
		*orders = append(*orders, order)
		for _, f := range futures {
			if err := f.Get(ctx, nil); err != nil {
				return err
			}
		}
		return nil
	}
}

func registerSteps(env *testsuite.TestWorkflowEnvironment) {
	for _, n := range "abcdefgh" {
		env.RegisterActivityWithOptions(Step, activity.RegisterOptions{Name: "Step-" + string(n)})
	}
}

func TestReplayCheckCatchesMapOrder(t *testing.T) {
	t.Parallel()
	// The replay check must fail exactly the runs whose replay ranged over
	// the map in another order. Map order is random, so try until some
	// replay differs (one in eight keeps the order).
	caught := 0
	for i := 0; i < 40 && caught < 3; i++ {
		var orders []string
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		registerSteps(env)
		env.RegisterWorkflowWithOptions(mapOrderWorkflow(&orders), workflow.RegisterOptions{Name: "MapOrder"})
		env.ExecuteWorkflow("MapOrder")
		require.Len(t, orders, 2, "one run and one replay")
		err := env.GetWorkflowError()
		if orders[0] == orders[1] {
			require.NoError(t, err)
			continue
		}
		caught++
		var rc *testsuite.ReplayCheckError
		require.ErrorAs(t, err, &rc)
		var nd *replay.NondeterminismError
		require.ErrorAs(t, err, &nd)
		require.Contains(t, err.Error(), "is not deterministic")
	}
	require.Equal(t, 3, caught, "map order never changed between a run and its replay")
}

// stateful returns a workflow that keeps state outside the workflow (a
// closure standing in for a global variable): the replay sees a different
// value and so issues a different command.
func stateful() func(ctx workflow.Context) error {
	runs := 0
	return func(ctx workflow.Context) error {
		runs++
		if runs == 1 {
			return workflow.Sleep(ctx, time.Hour)
		}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		return workflow.ExecuteActivity(ctx, Step, "x").Get(ctx, nil)
	}
}

func TestReplayCheckFailsTheBoundTest(t *testing.T) {
	t.Parallel()
	tb := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(tb)
	env.RegisterActivity(Step)
	env.RegisterWorkflowWithOptions(stateful(), workflow.RegisterOptions{Name: "Stateful"})
	env.ExecuteWorkflow("Stateful")
	tb.runCleanups()
	require.NotEmpty(t, tb.errors(), "the replay check must fail the test")
	require.True(t, strings.Contains(tb.errors()[0], "not deterministic"), tb.errors()[0])
	var rc *testsuite.ReplayCheckError
	require.True(t, errors.As(env.GetWorkflowError(), &rc))
}

func TestReplayCheckCanBeDisabled(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Step)
	env.RegisterWorkflowWithOptions(stateful(), workflow.RegisterOptions{Name: "Stateful"})
	env.DisableReplayCheck()
	env.ExecuteWorkflow("Stateful")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
}

func TestReplayCheckAcceptsDeterministicWorkflow(t *testing.T) {
	t.Parallel()
	tb := &recordingTB{}
	env := testsuite.NewTestWorkflowEnvironment(tb)
	registerSteps(env)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		steps := map[string]bool{"a": true, "b": true, "c": true}
		for _, name := range workflow.DeterministicKeys(steps) {
			if err := workflow.ExecuteActivity(ctx, "Step-"+name, name).Get(ctx, nil); err != nil {
				return err
			}
		}
		return workflow.Sleep(ctx, time.Minute)
	})
	tb.runCleanups()
	require.Empty(t, tb.errors())
	require.NoError(t, env.GetWorkflowError())
}

// TestReplayCheckCoversEveryRunOfAChain makes the first run of a
// continue-as-new chain nondeterministic: only replaying that run, not just
// the last one, finds it.
func TestReplayCheckCoversEveryRunOfAChain(t *testing.T) {
	t.Parallel()
	firstRuns := 0
	chain := func(ctx workflow.Context, n int) error {
		if n == 0 {
			firstRuns++
			if firstRuns == 1 {
				if err := workflow.Sleep(ctx, time.Hour); err != nil {
					return err
				}
			}
			return workflow.NewContinueAsNewError(ctx, "Chain", 1)
		}
		return workflow.Sleep(ctx, time.Minute)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(chain, workflow.RegisterOptions{Name: "Chain"})
	env.FollowContinueAsNew(0)
	env.ExecuteWorkflow("Chain", 0)
	var rc *testsuite.ReplayCheckError
	require.ErrorAs(t, env.GetWorkflowError(), &rc)
	require.Equal(t, "Chain", rc.WorkflowType)
	require.Equal(t, "default-test-run-id", rc.RunID, "the first run of the chain is the nondeterministic one")
}
