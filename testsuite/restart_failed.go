package testsuite

import (
	"errors"
	"strings"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
)

// A restart whose rebuild fails
//
// The simulator rebuilds a run as soon as its worker restarts (restart.go),
// so it knows at once whether the code replays its history. A real worker
// rebuilds a run only when the run's next workflow task reaches it, and
// only then does a history that does not fit the code show: the worker
// fails that task (RespondWorkflowTaskFailed, NON_DETERMINISTIC_ERROR), the
// server records WorkflowTaskFailed, and the run stays blocked on its task.
// So a run that could not be rebuilt goes on as the server sees it — its
// activities and timers run, signals arrive — and fails its next task with
// the rebuild's *RestartError, which then ends it (runTask). A run that no
// task reaches again ends with that error when nothing else is pending
// (closeUnbuilt), rather than as a deadlock: its worker has no state left
// to report on.

// rebuildFailed notes that r could not be rebuilt after a restart: err, a
// *RestartError, fails its next workflow task.
func (e *environment) rebuildFailed(r *workflowRun, err error) {
	m := e.x.more()
	if m.unbuilt == nil {
		m.unbuilt = make(map[*workflowRun]error)
	}
	m.unbuilt[r] = err
}

// rebuildFailure returns the error r's rebuild after a restart failed
// with, or nil.
func (e *environment) rebuildFailure(r *workflowRun) error {
	if e.x == nil || e.x.rare == nil {
		return nil
	}
	return e.x.rare.unbuilt[r]
}

// closeUnbuilt ends, with its rebuild's error, every open run that could
// not be rebuilt, once nothing is pending that could bring it a task. It
// reports whether it ended one: a child's end is reported to its parent,
// which may then go on.
func (e *environment) closeUnbuilt() bool {
	if e.x == nil || e.x.rare == nil || len(e.x.rare.unbuilt) == 0 {
		return false
	}
	closed := false
	for _, r := range e.comp.runs { // in the order the runs started
		if err := e.rebuildFailure(r); err != nil && !r.closed {
			r.close(nil, err)
			closed = true
		}
	}
	return closed
}

// rebuildTaskFailure returns the cause and failure with which a Temporal
// worker fails a task whose replay found what re reports: a history that
// does not fit the code, or code that panicked while replaying.
func (e *environment) rebuildTaskFailure(re *RestartError) (replay.WorkflowTaskFailedCause, *wfsim.Failure) {
	var nd *replay.NondeterminismError
	var pe *replay.PanicError
	switch {
	case errors.As(re.Err, &nd) && strings.HasPrefix(nd.Message, mismatchPrefix):
		// The commands did not match the recorded events.
		return replay.WorkflowTaskFailedCauseNonDeterministicError, e.failureConverter().ErrorToFailure(historyMismatchError(nd.Message))
	case errors.As(re.Err, &nd):
		// An event the code's state did not expect: Temporal's worker
		// panics in its state machines.
		msg := nd.Message
		if msg == "" {
			msg = nd.Error()
		}
		return replay.WorkflowTaskFailedCauseNonDeterministicError, e.workflowPanicFailure(msg, "")
	case errors.As(re.Err, &pe):
		return replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure, e.workflowPanicFailure(pe.Value, pe.Stack)
	}
	return replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure, e.failureConverter().ErrorToFailure(re.Err)
}

// mismatchPrefix begins Temporal's texts for commands that do not match
// the history's events.
const mismatchPrefix = "[TMPRL1100] nondeterministic workflow:"

// historyMismatchError is the error Temporal's worker fails a task with
// when replayed commands do not match the history. Its failure is the
// converter's for an error of that Go type name, as in Temporal.
type historyMismatchError string

func (e historyMismatchError) Error() string { return string(e) }
