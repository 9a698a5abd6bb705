package testsuite_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// restartedRun runs wf, registered as "Restarted", with a worker restart
// after every task.
func restartedRun(t *testing.T, wf any, opts *worker.Options) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	if opts != nil {
		env.SetWorkerOptions(*opts)
	}
	env.RegisterActivity(Echo)
	env.RegisterActivity(Slow)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Restarted"})
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	env.ExecuteWorkflow("Restarted")
	return env
}

// fzPanicsOnReplay panics when it runs a second time: when the worker
// that restarted replays it.
func fzPanicsOnReplay(calls *int) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		*calls++
		if *calls > 1 {
			panic("replayed")
		}
		return workflow.Sleep(ctx, time.Minute)
	}
}

// TestRestartThatCannotRebuildFailsTheNextTask checks what a worker that
// restarted and cannot rebuild the run records: nothing until the run's
// next workflow task, which it fails as Temporal's worker does when its
// replay of the history fails.
func TestRestartThatCannotRebuildFailsTheNextTask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		wf      func(calls *int) func(workflow.Context) error
		cause   replay.WorkflowTaskFailedCause
		errType string
		message string
	}{
		{name: "commands differ from the history", wf: fzCounted, cause: replay.WorkflowTaskFailedCauseNonDeterministicError,
			errType: "historyMismatchError", message: "[TMPRL1100] nondeterministic workflow: history event is ActivityTaskScheduled"},
		{name: "code panics while replaying", wf: fzPanicsOnReplay, cause: replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure,
			errType: "PanicError", message: "replayed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			env := restartedRun(t, tc.wf(&calls), nil)
			var re *testsuite.RestartError
			require.ErrorAs(t, env.GetWorkflowError(), &re)
			require.Equal(t, int64(5), re.EventID, "the restart after the first task")

			// The first task's command ran its course, and the next task
			// failed.
			evs := env.History().Events
			require.Greater(t, len(evs), 7, "%s", env.History())
			last := evs[len(evs)-3:]
			assert.Equal(t, []replay.EventType{replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted,
				replay.EventTypeWorkflowTaskFailed}, []replay.EventType{last[0].EventType, last[1].EventType, last[2].EventType},
				"%s", env.History())
			a := last[2].GetWorkflowTaskFailedEventAttributes()
			require.NotNil(t, a)
			assert.Equal(t, last[0].EventID, a.ScheduledEventID)
			assert.Equal(t, last[1].EventID, a.StartedEventID)
			assert.Equal(t, tc.cause, a.Cause)
			require.NotNil(t, a.Failure)
			assert.True(t, strings.HasPrefix(a.Failure.Message, tc.message), "%q", a.Failure.Message)
			require.NotNil(t, a.Failure.ApplicationFailureInfo)
			assert.Equal(t, tc.errType, a.Failure.ApplicationFailureInfo.Type)

			// The history replays against the code, as far as its last
			// completed task, as Temporal's replayer replays it.
			h, err := replay.ReadHistory(bytes.NewReader(historyJSON(t, env.History())))
			require.NoError(t, err)
			rp := replay.NewWorkflowReplayer()
			calls = 0
			rp.RegisterWorkflowWithOptions(tc.wf(&calls), workflow.RegisterOptions{Name: "Restarted"})
			require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
		})
	}
}

// fzUpsertsThenWaits upserts its memo the first time it runs and a
// search attribute when replayed (a command the history does not have),
// then waits for a signal that never comes: neither command brings another
// task.
func fzUpsertsThenWaits(calls *int) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		*calls++
		var err error
		if *calls > 1 {
			err = workflow.UpsertTypedSearchAttributes(ctx, temporal.NewSearchAttributeKeyKeyword("CustomKeywordField").ValueSet("x"))
		} else {
			err = workflow.UpsertMemo(ctx, map[string]any{"k": "x"})
		}
		if err != nil {
			return err
		}
		workflow.GetSignalChannel(ctx, "never").Receive(ctx, nil)
		return nil
	}
}

// TestRestartThatCannotRebuildEndsTheRunWhenNoTaskComes checks that a run
// whose rebuild failed, and that no task reaches again, ends with the
// *RestartError rather than as a deadlock, with no failed task recorded.
func TestRestartThatCannotRebuildEndsTheRunWhenNoTaskComes(t *testing.T) {
	t.Parallel()
	calls := 0
	env := restartedRun(t, fzUpsertsThenWaits(&calls), nil)
	var re *testsuite.RestartError
	require.ErrorAs(t, env.GetWorkflowError(), &re)
	var dl *testsuite.DeadlockError
	require.NotErrorAs(t, env.GetWorkflowError(), &dl)
	for _, ev := range env.History().Events {
		require.NotEqual(t, replay.EventTypeWorkflowTaskFailed, ev.EventType, "%s", env.History())
	}
}

// TestRestartThatCannotRebuildUnderFailWorkflow checks that under
// worker.FailWorkflow the run ends with the *RestartError too, its
// history closing with the task's failure as under BlockWorkflow: the
// simulated worker does not turn a failed rebuild into the workflow's
// failure (Temporal's does).
func TestRestartThatCannotRebuildUnderFailWorkflow(t *testing.T) {
	t.Parallel()
	calls := 0
	env := restartedRun(t, fzCounted(&calls), &worker.Options{WorkflowPanicPolicy: worker.FailWorkflow})
	var re *testsuite.RestartError
	require.ErrorAs(t, env.GetWorkflowError(), &re)
	h := env.History()
	last := h.Events[len(h.Events)-1]
	require.Equal(t, replay.EventTypeWorkflowTaskFailed, last.EventType, "%s", h)
	assert.Equal(t, replay.WorkflowTaskFailedCauseNonDeterministicError, last.GetWorkflowTaskFailedEventAttributes().Cause)
}

// fzSleepsOrRuns sleeps an hour the first time it runs and runs an
// activity when replayed, and answers the "calls" query.
func fzSleepsOrRuns(calls *int) func(ctx workflow.Context) error {
	return func(ctx workflow.Context) error {
		*calls++
		if err := workflow.SetQueryHandler(ctx, "calls", func() (int, error) { return *calls, nil }); err != nil {
			return err
		}
		if *calls > 1 {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
			return workflow.ExecuteActivity(ctx, "Echo", "x").Get(ctx, nil)
		}
		return workflow.Sleep(ctx, time.Hour)
	}
}

// TestQueryAfterARestartThatCannotRebuild checks that a query sent between
// the failed rebuild and the run's next task fails with the rebuild's
// error, as the worker it reaches would have to rebuild the run first;
// the run's next task (the timer's) then fails.
func TestQueryAfterARestartThatCannotRebuild(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Echo)
	calls := 0
	env.RegisterWorkflowWithOptions(fzSleepsOrRuns(&calls), workflow.RegisterOptions{Name: "Restarted"})
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	var queryErr error
	env.RegisterDelayedCallback(func() {
		_, queryErr = env.QueryWorkflow("calls")
	}, 30*time.Minute)
	env.ExecuteWorkflow("Restarted")
	var re *testsuite.RestartError
	require.ErrorAs(t, queryErr, &re)
	require.ErrorAs(t, env.GetWorkflowError(), &re)
	evs := env.History().Events
	last := evs[len(evs)-1]
	require.Equal(t, replay.EventTypeWorkflowTaskFailed, last.EventType, "%s", env.History())
	assert.Equal(t, time.Hour, last.EventTime.Sub(evs[0].EventTime), "the timer's task failed")
}

// TestChildThatCannotBeRebuiltFailsItsParent checks that a child whose
// rebuild failed, and that no task reaches again, ends with its
// *RestartError once nothing is pending, which its parent is told of as a
// failed child, rather than the whole simulation ending as a deadlock.
func TestChildThatCannotBeRebuiltFailsItsParent(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	calls := 0
	env.RegisterWorkflowWithOptions(fzUpsertsThenWaits(&calls), workflow.RegisterOptions{Name: "Child"})
	parent := func(ctx workflow.Context) error {
		return workflow.ExecuteChildWorkflow(ctx, "Child").Get(ctx, nil)
	}
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	env.ExecuteWorkflow("Parent")
	err := env.GetWorkflowError()
	var ce *temporal.ChildWorkflowExecutionError
	require.ErrorAs(t, err, &ce)
	require.Contains(t, err.Error(), "could not be rebuilt")
	var dl *testsuite.DeadlockError
	require.NotErrorAs(t, err, &dl)
}
