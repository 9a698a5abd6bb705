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

// watchTarget is what the watchdog may read of a run from its own
// goroutine: fixed once published, so that reading it races with nothing
// the simulation does (a worker restart replaces a run's instance).
type watchTarget struct {
	inst run.Instance
	id   string
	// child says the run is a child workflow's, whose coroutines the
	// report names with its workflow ID.
	child bool
	// bubble is the synctest bubble the run executes in (goroutineBubble),
	// 0 if none. The watchdog's goroutine is outside it: it must not
	// switch into the run's coroutines (see blockedNower).
	bubble uint32
}

// interrupt stops the coroutine of t's run that has been running since the
// watchdog's previous try, if any, at its next workflow call, and returns
// its name ("" if none). It is called from the watchdog's goroutine.
func (e *environment) interrupt(t *watchTarget) string {
	if i, ok := t.inst.(run.Interrupter); ok {
		return i.Interrupt(e.testTimeout)
	}
	return ""
}

// watchTask publishes r as the run the watchdog reports on and interrupts
// (loop publishes the root): around a child workflow's task, so that a
// child's coroutine that never blocks is found too. Nothing is published
// while no watchdog runs (no test timeout); publishing the run already
// published costs one load.
func (e *environment) watchTask(r *workflowRun) {
	w := e.dog
	if w == nil || r == nil || r.inst == nil {
		return
	}
	if r.watch == nil || r.watch.inst != r.inst {
		// Made once per run, and again after a restart replaced its
		// instance; the root's first is the watchdog's own.
		t := &w.root
		if r != e.root || t.inst != nil {
			t = new(watchTarget)
		}
		*t = watchTarget{inst: r.inst, id: r.id, child: r.link != nil && r.link.parent != nil, bubble: e.runBubble()}
		r.watch = t
	}
	if e.watched.Load() != r.watch {
		e.watched.Store(r.watch)
	}
}

// runBubble is the synctest bubble the run executes in, 0 if none.
func (e *environment) runBubble() uint32 {
	if e.bubble {
		return e.bubbleID
	}
	return 0
}

// isPotentialDeadlock reports whether a panic of workflow code is the one
// interrupt causes. Such a panic always fails the task and ends the run
// (taskFailed), whatever the WorkflowPanicPolicy, as Temporal's test
// environment ends it: a workflow failed on it would be a closed history
// that the replay check replays, and the replay would loop again.
func isPotentialDeadlock(v any) bool { return potentialDeadlock(v) != nil }

// potentialDeadlock returns the interrupt's error a panic value is or
// wraps, or nil.
func potentialDeadlock(v any) *run.PotentialDeadlockError {
	var pd *run.PotentialDeadlockError
	if err, ok := v.(error); ok && errors.As(err, &pd) {
		return pd
	}
	return nil
}

// panicValue is the value of the *wfsim.PanicError a panic of workflow
// code fails the run with: what it panicked with, but the text of an
// interrupt's error, which is what Temporal's PanicError holds.
func panicValue(v any) any {
	if pd := potentialDeadlock(v); pd != nil {
		return pd.Error()
	}
	return v
}
