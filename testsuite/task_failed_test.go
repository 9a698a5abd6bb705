package testsuite_test

import (
	"bytes"
	"errors"
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

// panicsInRoot panics in the workflow's first task, in its root coroutine.
func panicsInRoot(workflow.Context) error { panic("root boom") }

// panicsInGoAfterTimer sleeps, then starts a coroutine that panics: the
// second task fails, in a coroutine other than the root.
func panicsInGoAfterTimer(ctx workflow.Context) error {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return err
	}
	workflow.Go(ctx, goroutinePanics)
	return workflow.Sleep(ctx, time.Minute)
}

func goroutinePanics(workflow.Context) { panic("go boom") }

// reusesActivityID schedules two activities with one ID, which Temporal's
// worker reports as a nondeterminism (a duplicate command).
func reusesActivityID(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, ActivityID: "same"})
	workflow.ExecuteActivity(ctx, "Echo", "a")
	return workflow.ExecuteActivity(ctx, "Echo", "b").Get(ctx, nil)
}

// sleepsTwice is the fixed version of panicsInGoAfterTimer: the same
// commands, without the panic.
func sleepsTwice(ctx workflow.Context) error {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return err
	}
	return workflow.Sleep(ctx, time.Minute)
}

// runFailingTask runs wf, registered as "Failing", to the failed task
// that ends it.
func runFailingTask(t *testing.T, wf any) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetIdentity("worker-7")
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Failing"})
	env.ExecuteWorkflow("Failing")
	return env
}

// TestFailedTaskIsRecordedAsTheServerRecordsIt checks the history of a run
// whose workflow task fails under the default panic policy: it ends with
// the WorkflowTaskFailed event that the worker's RespondWorkflowTaskFailed
// makes the server record, right after the task's WorkflowTaskStarted.
func TestFailedTaskIsRecordedAsTheServerRecordsIt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		wf      any
		cause   replay.WorkflowTaskFailedCause
		message string
		stack   string // a function the stack trace names; "" for none
		panics  bool   // GetWorkflowError is a *PanicError
	}{
		{name: "panic in the root coroutine", wf: panicsInRoot, cause: replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure,
			message: "root boom", stack: "panicsInRoot", panics: true},
		{name: "panic in a workflow.Go coroutine of a later task", wf: panicsInGoAfterTimer, cause: replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure,
			message: "go boom", stack: "goroutinePanics", panics: true},
		{name: "duplicate command found by the worker", wf: reusesActivityID, cause: replay.WorkflowTaskFailedCauseNonDeterministicError,
			message: "[TMPRL1100] adding duplicate command ScheduleActivityTask same", stack: "reusesActivityID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := runFailingTask(t, tc.wf)
			err := env.GetWorkflowError()
			require.Error(t, err)
			var pe *temporal.PanicError
			assert.Equal(t, tc.panics, errors.As(err, &pe), "%v", err)
			assert.Contains(t, err.Error(), tc.message)
			assert.True(t, env.IsWorkflowCompleted(), "the test ends at the failed task")

			evs := env.History().Events
			require.GreaterOrEqual(t, len(evs), 4, "%s", env.History())
			last := evs[len(evs)-3:]
			assert.Equal(t, []replay.EventType{replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted,
				replay.EventTypeWorkflowTaskFailed}, []replay.EventType{last[0].EventType, last[1].EventType, last[2].EventType},
				"%s", env.History())
			a := last[2].GetWorkflowTaskFailedEventAttributes()
			require.NotNil(t, a)
			assert.Equal(t, last[0].EventID, a.ScheduledEventID)
			assert.Equal(t, last[1].EventID, a.StartedEventID)
			assert.Equal(t, tc.cause, a.Cause)
			assert.Equal(t, "worker-7", a.Identity)
			assert.Empty(t, a.BaseRunID+a.NewRunID+a.BinaryChecksum, "set only by resets and build IDs")
			f := a.Failure
			require.NotNil(t, f)
			assert.Equal(t, tc.message, f.Message)
			assert.Equal(t, "GoSDK", f.Source)
			require.NotNil(t, f.ApplicationFailureInfo)
			assert.Equal(t, "PanicError", f.ApplicationFailureInfo.Type)
			assert.True(t, f.ApplicationFailureInfo.NonRetryable, "a workflow panic's failure is non-retryable")
			assert.Nil(t, f.Cause)
			if tc.stack != "" {
				assert.Contains(t, f.StackTrace, tc.stack)
			}
		})
	}
}

// TestFailedTaskOfAChildIsInItsHistory checks that a child whose task
// fails records it in its own history; its parent is told the child
// failed, as before.
func TestFailedTaskOfAChildIsInItsHistory(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(runsPanickingChild)
	env.RegisterWorkflow(panicsAtOnce)
	env.ExecuteWorkflow(runsPanickingChild)
	var pe *temporal.PanicError
	require.ErrorAs(t, env.GetWorkflowError(), &pe)
	ids := env.WorkflowIDs()
	require.Len(t, ids, 2)
	hs := env.Histories(ids[1])
	require.Len(t, hs, 1)
	evs := hs[0].Events
	a := evs[len(evs)-1].GetWorkflowTaskFailedEventAttributes()
	require.NotNil(t, a, "the child's history:\n%s", hs[0])
	assert.Equal(t, "boom", a.Failure.Message)
}

// TestFailedTaskHistoryReplays replays recorded histories that end with a
// failed task, as a production history of a blocked workflow would be
// replayed: Temporal's replayer runs no code for the failed attempt (its
// events fold into a task that never started), so the history replays
// against the code that failed and against fixed code, while earlier tasks
// are still checked.
func TestFailedTaskHistoryReplays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		recorded any
		code     any
		nondet   bool
	}{
		{name: "root panic, same code", recorded: panicsInRoot, code: panicsInRoot},
		{name: "root panic, fixed code", recorded: panicsInRoot, code: sleepsTwice},
		{name: "later panic, same code", recorded: panicsInGoAfterTimer, code: panicsInGoAfterTimer},
		{name: "later panic, fixed code", recorded: panicsInGoAfterTimer, code: sleepsTwice},
		{name: "later panic, code that changed the first task", recorded: panicsInGoAfterTimer, code: reusesActivityID, nondet: true},
		{name: "duplicate command, same code", recorded: reusesActivityID, code: reusesActivityID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := runFailingTask(t, tc.recorded)
			// Through JSON, as a history exported from a server is read.
			h, err := replay.ReadHistory(bytes.NewReader(historyJSON(t, env.History())))
			require.NoError(t, err)
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflowWithOptions(tc.code, workflow.RegisterOptions{Name: "Failing"})
			err = rp.ReplayWorkflowHistory(nil, h)
			if !tc.nondet {
				require.NoError(t, err, "%s", h)
				return
			}
			var nd *replay.NondeterminismError
			require.ErrorAs(t, err, &nd)
		})
	}
}

// TestPanicFailureIsTheSameUnderBothPolicies checks that the failure a
// worker makes of a workflow panic is the same whether it fails the task
// (BlockWorkflow: the WorkflowTaskFailed failure) or the workflow
// (FailWorkflow: the cause of the WorkflowExecutionFailed failure), as in
// Temporal, where both convert the worker's workflow panic error.
func TestPanicFailureIsTheSameUnderBothPolicies(t *testing.T) {
	t.Parallel()
	failure := func(policy worker.WorkflowPanicPolicy) *temporal.Failure {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetWorkerOptions(worker.Options{WorkflowPanicPolicy: policy})
		env.RegisterWorkflow(panicsInRoot)
		env.ExecuteWorkflow(panicsInRoot)
		evs := env.History().Events
		last := evs[len(evs)-1]
		if a := last.GetWorkflowExecutionFailedEventAttributes(); a != nil {
			require.NotNil(t, a.Failure)
			return a.Failure.Cause
		}
		a := last.GetWorkflowTaskFailedEventAttributes()
		require.NotNil(t, a, "%s", env.History())
		return a.Failure
	}
	blocked, failed := failure(worker.BlockWorkflow), failure(worker.FailWorkflow)
	require.NotNil(t, blocked)
	require.NotNil(t, failed)
	assert.Equal(t, *blocked.ApplicationFailureInfo, *failed.ApplicationFailureInfo)
	assert.Equal(t, blocked.Message, failed.Message)
	assert.Equal(t, blocked.StackTrace, failed.StackTrace)
	assert.Equal(t, blocked.Source, failed.Source)
}
