package testsuite

import (
	"errors"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/worker"
)

// failOnPanicMessage is the message of the error a Temporal worker fails a
// workflow with when its code panics under worker.FailWorkflow.
const failOnPanicMessage = "Workflow failed on panic due to FailWorkflow workflow panic policy"

// panicFailure returns the command a worker whose WorkflowPanicPolicy is
// worker.FailWorkflow completes a task with when the workflow code
// panicked in it: fail the workflow with an ApplicationError whose cause is
// the *wfsim.PanicError. The run then records WorkflowTaskCompleted and
// WorkflowExecutionFailed, as on a server. Under the default policy
// (BlockWorkflow) the task fails, which the server records
// (recordTaskFailed) before retrying it forever; the run ends at once
// instead (taskFailed), as in Temporal's test environment. A coroutine
// stopped by the watchdog (interrupt.go) always ends it so.
func (e *environment) panicFailure(err error) (run.Command, bool) {
	var pe *run.PanicError
	if e.workerOpts == nil || e.workerOpts.options.WorkflowPanicPolicy != worker.FailWorkflow || !errors.As(err, &pe) || isPotentialDeadlock(pe.Value) {
		return run.Command{}, false
	}
	failed := wfsim.NewApplicationErrorWithCause(failOnPanicMessage, "", wfsim.NewPanicError(pe.Value, pe.Stack))
	f := e.failureConverter().ErrorToFailure(failed)
	markWorkflowPanic(f.Cause) // the worker's workflow panic error (task_failed.go)
	return run.Command{Kind: run.CommandFailWorkflow, Failure: f}, true
}

// failedOnPanic reports whether a replay error is the panic that failed the
// run under worker.FailWorkflow: replaying that history panics again, as
// Temporal's replayer does, and the replay check expects it to.
func failedOnPanic(h *replay.History, err error) bool {
	var pe *replay.PanicError
	if !errors.As(err, &pe) || len(h.Events) == 0 {
		return false
	}
	a := h.Events[len(h.Events)-1].GetWorkflowExecutionFailedEventAttributes()
	return a != nil && a.Failure != nil && a.Failure.Message == failOnPanicMessage
}
