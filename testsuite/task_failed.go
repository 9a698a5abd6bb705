package testsuite

import (
	"errors"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// Failed workflow tasks
//
// When workflow code panics in a task, or the task finds that the history
// does not fit the code, a Temporal worker under the default panic policy
// (worker.BlockWorkflow) answers the task with RespondWorkflowTaskFailed:
// a cause (WORKFLOW_WORKER_UNHANDLED_FAILURE, or NON_DETERMINISTIC_ERROR
// for a history that does not fit) and the failure its failure converter
// makes of the error. The server records that answer as a
// WorkflowTaskFailed event right after the task's WorkflowTaskStarted, and
// schedules the task again. The worker answers only a task's first attempt
// so; later attempts are left to time out, and the server keeps such
// transient attempts out of the history while they keep failing. So the
// history a server keeps for a run blocked on a failing task ends with
// that one WorkflowTaskFailed, which is where the simulation ends the run
// (taskFailed).

// recordTaskFailed records the WorkflowTaskFailed event with which the
// server answers the worker's failure of the task scheduled and started by
// the given events. Under worker.FailWorkflow a panic in the task's own
// pass of the workflow code fails the workflow instead (panicFailure), and
// this is not called; what that policy does not turn into the workflow's
// failure here (a duplicate command, a failed rebuild, a panic after a
// local activity, a coroutine the watchdog stopped) is recorded as the
// task's failure, as under BlockWorkflow. (Temporal's worker fails the
// workflow for those too.)
func (r *workflowRun) recordTaskFailed(scheduled, started int64, err error) {
	e := r.env
	cause, f := e.taskFailure(err)
	r.rec.add(replay.EventTypeWorkflowTaskFailed, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowTaskFailedEventAttributes{
			ScheduledEventID: scheduled,
			StartedEventID:   started,
			Cause:            cause,
			Failure:          f,
			Identity:         e.workerIdentity(),
		}
	})
}

// taskFailure returns the cause and the failure a Temporal worker sends
// when a workflow task fails with err. Temporal's worker treats a history
// that does not fit the code as a panic of its command state machines,
// with the nondeterminism cause; any other panic is an unhandled failure.
// Both are converted as a workflow panic is (workflowPanicFailure); other
// errors as the failure converter converts them.
func (e *environment) taskFailure(err error) (replay.WorkflowTaskFailedCause, *wfsim.Failure) {
	var ise *run.IllegalStateError
	var pe *run.PanicError
	var re *RestartError
	switch {
	case errors.As(err, &re):
		return e.rebuildTaskFailure(re) // restart_failed.go
	case errors.As(err, &ise):
		return replay.WorkflowTaskFailedCauseNonDeterministicError, e.workflowPanicFailure(ise, ise.Stack)
	case errors.As(err, &pe):
		return replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure, e.workflowPanicFailure(pe.Value, pe.Stack)
	}
	return replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure, e.failureConverter().ErrorToFailure(err)
}

// workflowPanicFailure returns the failure for a panic in workflow code:
// the PanicError's, non-retryable, as Temporal's default failure converter
// converts the worker's workflow panic error (unlike an activity's panic,
// which is retryable).
func (e *environment) workflowPanicFailure(value any, stack string) *wfsim.Failure {
	f := e.failureConverter().ErrorToFailure(wfsim.NewPanicError(value, stack))
	markWorkflowPanic(f)
	return f
}

// markWorkflowPanic makes f, if it is a PanicError's failure, the
// non-retryable one of the worker's workflow panic error.
func markWorkflowPanic(f *wfsim.Failure) {
	if f != nil && f.ApplicationFailureInfo != nil && f.ApplicationFailureInfo.Type == panicErrorType {
		f.ApplicationFailureInfo.NonRetryable = true
	}
}

// panicErrorType is the ApplicationFailureInfo type of a PanicError's
// failure.
const panicErrorType = "PanicError"
