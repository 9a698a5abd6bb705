package testsuite

import (
	"fmt"
	"strings"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
)

// runTimedOut closes a run whose run timeout fired.
func (e *environment) runTimedOut(r *workflowRun) {
	if r.closed {
		return
	}
	e.noteTimedOut(r) // what was pending, for an explored run's report (liveness.go)
	// As the server: a run whose execution timeout has passed is done
	// (Timeout); one that only ran out of its run timeout gets the retry
	// state of its retry policy (retryRun sets it), RetryPolicyNotSet
	// without one.
	state := wfsim.RetryStateRetryPolicyNotSet
	if s := r.link.spec; s.executionTimeout > 0 && !s.executionStart.Add(s.executionTimeout).After(e.clock.Now()) {
		state = wfsim.RetryStateTimeout
	}
	r.rec.add(replay.EventTypeWorkflowExecutionTimedOut, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowExecutionTimedOutEventAttributes{RetryState: state}
	})
	// The error a client's GetWorkflowResult returns for a run that timed
	// out: "Workflow timeout (type: StartToClose)" (Temporal's environment
	// says "deadline exceeded (type: ScheduleToClose)" instead).
	r.close(nil, wfsim.GetDefaultFailureConverter().FailureToError(&wfsim.Failure{
		Message: "Workflow timeout", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose},
	}))
}

// HungError reports a run that took longer than the test timeout in real
// time: workflow code that never reaches a blocking workflow call (a busy
// loop, or a native blocking call such as a Go channel or time.Sleep), or an
// activity, delayed callback or listener that never returns. It is
// reported to the test the environment is bound to, or else logged at
// Warn level by the environment's logger. A busy loop that makes workflow
// calls is also stopped at its next one (interrupt.go); a run that nothing
// can stop ends the test binary with a panic carrying this report
// (watchdog.go).
type HungError struct {
	Timeout time.Duration
	// Blocked describes each live coroutine of the run: the one running,
	// if any, and what each other one waits for, at which line.
	Blocked []string
	// Outside describes each activity goroutine of a bound run's synctest
	// bubble that waits on something synctest does not count as durably
	// blocked (a channel, mutex or WaitGroup made outside the bubble, I/O):
	// the simulation waits for it, and virtual time stands still, until
	// something outside the bubble releases it (see the package doc).
	Outside []string
}

func (e *HungError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "testsuite: the run did not finish within the test timeout of %v (real time)", e.Timeout)
	running := false
	for _, l := range e.Blocked {
		running = running || strings.Contains(l, " is running")
	}
	if !running {
		b.WriteString("; no workflow coroutine is running, so the simulator is inside an activity, a delayed callback or a listener")
	}
	if len(e.Outside) > 0 {
		b.WriteString("; activity code waits on something made outside the run's synctest bubble, which synctest does not count as durably blocked, so the simulation waits for it and virtual time stands still until something outside the bubble releases it; if that waits for the run (for an update's callback, a signal's effect, a result), the run never ends: make what it waits on inside the run (in activity code, a delayed callback, a listener or a mock), or release it from there:\n  ")
		b.WriteString(strings.Join(e.Outside, "\n  "))
	}
	if len(e.Blocked) > 0 {
		b.WriteString("; coroutines:\n  ")
		b.WriteString(strings.Join(e.Blocked, "\n  "))
	}
	return b.String()
}

// blockedNower is what the workflow machinery offers a watchdog: a report
// of the coroutines that is safe from another goroutine and changes none
// of them. BlockedNow locates them (it switches into each, which runs no
// workflow code); BlockedSeen switches into none, for a watchdog outside
// the synctest bubble they run in, where a switch into one is miscounted
// by the Go runtime: the bubble took itself for idle while an activity
// still ran, and virtual time jumped.
type blockedNower interface {
	BlockedNow() []string
	BlockedSeen() []string
}

// watch runs f under a watchdog of real time (watchdog.go) when the
// environment has a test timeout, bound to a test or not. The watchdog
// reads only what the simulation publishes for it (the root's, or a
// running child task's, watchTarget) and the coroutines through the
// workflow machinery's goroutine-safe report, and it stops before watch
// returns, even if f panics.
func (e *environment) watch(f func()) {
	if e.testTimeout <= 0 {
		f()
		return
	}
	w := &watchdog{e: e, timeout: e.testTimeout}
	e.dog = w
	defer func() { e.dog = nil }()
	w.start()
	defer w.stop()
	f()
}
