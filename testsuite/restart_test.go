package testsuite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// fzRich uses much of what replay must restore: a side effect, a version,
// a mutable side effect, timers, a signal, a child workflow, activities
// and a local activity.
func fzRich(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var token int
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 7 }).Get(&token); err != nil {
		return "", err
	}
	v := workflow.GetVersion(ctx, "step", workflow.DefaultVersion, 2)
	var m string
	if err := workflow.MutableSideEffect(ctx, "m", func(workflow.Context) any { return "mse" }, func(a, b any) bool { return a == b }).Get(&m); err != nil {
		return "", err
	}
	var a string
	if err := workflow.ExecuteActivity(ctx, Echo, "a").Get(ctx, &a); err != nil {
		return "", err
	}
	var l string
	if err := workflow.ExecuteLocalActivity(ctx, Echo, "l").Get(ctx, &l); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	var sig string
	workflow.GetSignalChannel(ctx, "go").Receive(ctx, &sig)
	var child string
	if err := workflow.ExecuteChildWorkflow(ctx, fzRichChild, "c").Get(ctx, &child); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d %d %s %s %s %s %s", token, v, m, a, l, sig, child), nil
}

func fzRichChild(ctx workflow.Context, s string) (string, error) {
	if err := workflow.Sleep(ctx, time.Second); err != nil {
		return "", err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, Echo, s+"!").Get(ctx, &out)
	return out, err
}

// fzChain runs an activity and a timer, then continues as new n-1 more
// times.
func fzChain(ctx workflow.Context, n int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	if err := workflow.ExecuteActivity(ctx, Echo, fmt.Sprint(n)).Get(ctx, &out); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	if n > 1 {
		return "", workflow.NewContinueAsNewError(ctx, fzChain, n-1)
	}
	return out, nil
}

// TestWorkerRestartIsInvisible checks that restarting the worker after
// every workflow task changes nothing for deterministic code: each run
// records the history, byte for byte, that it records without restarts.
func TestWorkerRestartIsInvisible(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wf   any
		args []any
		prep func(env *testsuite.TestWorkflowEnvironment)
	}{
		{name: "saga", wf: fzSaga, args: []any{3}, prep: func(env *testsuite.TestWorkflowEnvironment) {
			b := &fzBooking{}
			env.RegisterActivityWithOptions(b.Book, activityName("Book"))
			env.RegisterActivityWithOptions(b.Undo, activityName("Undo"))
		}},
		{name: "continue as new", wf: fzChain, args: []any{3}, prep: func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivity(Echo)
			env.RegisterWorkflow(fzChain)
		}},
		{name: "markers, signal, child", wf: fzRich, prep: func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivity(Echo)
			env.RegisterWorkflow(fzRichChild)
			env.RegisterDelayedCallback(func() { env.SignalWorkflow("go", "now") }, 2*time.Minute)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(20) {
				run := func(restart float64) (*testsuite.TestWorkflowEnvironment, int) {
					var s testsuite.WorkflowTestSuite
					env := s.NewTestWorkflowEnvironment()
					tc.prep(env)
					restarts := 0
					env.SetOnWorkerRestartListener(func(string) { restarts++ })
					env.SetExplorer(testsuite.SeedExplorer(seed))
					env.SetFaults(testsuite.Faults{WorkerRestart: restart, ActivityFailure: 0.2, ActivityLatency: 15 * time.Second})
					env.ExecuteWorkflow(tc.wf, tc.args...)
					require.True(t, env.IsWorkflowCompleted())
					return env, restarts
				}
				plain, none := run(0)
				restarted, restarts := run(1)
				require.Zero(t, none)
				require.Positive(t, restarts, "seed %d: no restart", seed)
				require.Equal(t, fmt.Sprint(plain.GetWorkflowError()), fmt.Sprint(restarted.GetWorkflowError()), "seed %d", seed)
				require.Equal(t, string(historyJSON(t, plain.History())), string(historyJSON(t, restarted.History())),
					"seed %d: restarts changed the history:\n%s", seed, restarted.History())
			}
		})
	}
}

// fzCounted decides what to run from a count kept outside the workflow,
// which a replay sees already raised.
func fzCounted(calls *int) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		*calls++
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		name := "Echo"
		if *calls > 1 {
			name = "Slow"
		}
		if err := workflow.ExecuteActivity(ctx, name, "x").Get(ctx, nil); err != nil {
			return err
		}
		return workflow.Sleep(ctx, time.Minute)
	}
}

func TestWorkerRestartCatchesNondeterminism(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Echo)
	env.RegisterActivity(Slow)
	calls := 0
	wf := fzCounted(&calls)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Counted"})
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	env.ExecuteWorkflow("Counted")
	err := env.GetWorkflowError()
	var re *testsuite.RestartError
	require.ErrorAs(t, err, &re)
	var nd *replay.NondeterminismError
	require.ErrorAs(t, err, &nd, "%v", err)
	require.Equal(t, "Counted", re.WorkflowType)
	require.Equal(t, int64(5), re.EventID, "the restart after the first task replays its five events")
	require.Contains(t, err.Error(), "worker restart at event 5")
	// The run went on to its next task, which the rebuilt worker failed
	// (restart_failed_test.go checks the event).
	evs := env.History().Events
	require.Len(t, evs, 10, "%s", env.History())
	require.Equal(t, replay.EventTypeWorkflowTaskFailed, evs[9].EventType)
}

// fzWorker is the memory of a worker process: an activity leaves a quote
// there, and the workflow reads it back instead of taking the activity's
// result. A restart loses it.
type fzWorker struct{ quote int }

func (w *fzWorker) Quote(ctx context.Context) error {
	w.quote = 42
	return nil
}

func (w *fzWorker) Workflow(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, "Quote").Get(ctx, nil); err != nil {
		return 0, err
	}
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return 0, err
	}
	return w.quote, nil
}

func TestExplorerFindsStateLostOnRestart(t *testing.T) {
	t.Parallel()
	// prop checks the workflow returns the quote; choices receives what
	// the explorer chose, even when the check fails.
	prop := func(rt *rapid.T, lose bool, choices *[]testsuite.Choice) {
		w := &fzWorker{}
		env := testsuite.NewTestWorkflowEnvironment(rt)
		env.RegisterActivityWithOptions(w.Quote, activityName("Quote"))
		env.SetExplorer(testsuite.RapidExplorer(rt))
		env.SetFaults(testsuite.Faults{WorkerRestart: 0.3, ActivityLatency: time.Minute})
		if lose {
			env.SetOnWorkerRestartListener(func(string) { *w = fzWorker{} })
		}
		env.ExecuteWorkflow(w.Workflow)
		*choices = env.Choices()
		var quote int
		require.NoError(rt, env.GetWorkflowResult(&quote))
		require.Equal(rt, 42, quote, "the workflow lost the quote")
	}
	// While the worker keeps its memory, the bug hides.
	rapid.Check(t, func(rt *rapid.T) { prop(rt, false, new([]testsuite.Choice)) })

	var last []testsuite.Choice
	c := checkFails(t, func(rt *rapid.T) { prop(rt, true, &last) })
	require.LessOrEqual(t, c.checks(), 100, c.report())
	// Shrunk to one restart, after the task that saw the quote's activity
	// complete (the second restart drawn), and no latency.
	faults := nonDefault(last)
	require.Len(t, faults, 1, "%v", last)
	require.Equal(t, testsuite.ChoiceRestart, faults[0].Kind)
	var restarts []bool
	for _, ch := range last {
		if ch.Kind == testsuite.ChoiceRestart {
			restarts = append(restarts, ch.Happened)
		}
	}
	require.Equal(t, []bool{false, true}, restarts, "%v", last)
}
