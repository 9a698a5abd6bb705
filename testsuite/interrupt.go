package testsuite

import (
	"errors"

	"github.com/wfsim/wfsim/internal/run"
)

// A run that outlives the test timeout while one of its workflow
// coroutines runs is stuck in that coroutine: a loop that never blocks.
// The watchdog (timeout.go) cannot take control from it, but it can leave
// word for it: the coroutine panics at its next workflow call with
// Temporal's deadlock detector's error ([TMPRL1101] Potential deadlock
// detected), which ends the run the way a panic of workflow code does, as a
// *wfsim.PanicError. Only a run already past its test timeout is touched.

// interrupt stops the coroutine of r running now, if any, at its next
// workflow call. It is called from the watchdog's goroutine.
func (e *environment) interrupt(r *workflowRun) {
	if i, ok := r.inst.(run.Interrupter); ok {
		i.Interrupt(e.testTimeout)
	}
}

// watchTask publishes r as the run the watchdog reports on and interrupts
// (loop publishes the root): around a child workflow's task, so that a
// child's coroutine that never blocks is found too. Publishing the run
// already published costs one load.
func (e *environment) watchTask(r *workflowRun) {
	if r != nil && e.watched.Load() != r {
		e.watched.Store(r)
	}
}

// isPotentialDeadlock reports whether a panic of workflow code is the one
// interrupt causes. Such a panic always fails the task and ends the run
// (taskFailed), whatever the WorkflowPanicPolicy, as Temporal's test
// environment ends it: a workflow failed on it would be a closed history
// that the replay check replays, and the replay would loop again.
func isPotentialDeadlock(v any) bool {
	var pd *run.PotentialDeadlockError
	err, ok := v.(error)
	return ok && errors.As(err, &pd)
}

// panicValue is the value of the *wfsim.PanicError a panic of workflow
// code fails the run with: what it panicked with, but the text of an
// interrupt's error, which is what Temporal's PanicError holds.
func panicValue(v any) any {
	if pd, ok := v.(*run.PotentialDeadlockError); ok {
		return pd.Error()
	}
	return v
}
