package testsuite

import (
	"fmt"
	"strings"
	"time"
)

// LivenessError reports an explored run that did not finish: virtual time
// reached the exploration's horizon (Faults.Horizon) while work was still
// being rescheduled — an activity retried forever, a loop of timers. It is
// the run's error, as a *DeadlockError is for a run that cannot move at
// all; Pending says what was still going on.
type LivenessError struct {
	WorkflowID string
	// Time is the virtual instant the run was stopped at, the last one
	// before the horizon; Next is when the next item was due.
	Time, Next time.Time
	Horizon    time.Duration
	// Pending lists, per open run, its timers, activities and blocked
	// coroutines.
	Pending []string
}

func (e *LivenessError) Error() string {
	return fmt.Sprintf("testsuite: workflow %q did not finish within the exploration horizon of %v of virtual time (stopped at %s, next item due %s); pending:\n  %s",
		e.WorkflowID, e.Horizon, e.Time.Format(time.RFC3339Nano), e.Next.Format(time.RFC3339Nano), strings.Join(e.Pending, "\n  "))
}

// pastHorizon ends the simulation when its next item is due past the
// horizon: every open run closes with a *LivenessError. It reports whether
// it did.
func (e *environment) pastHorizon() bool {
	next, ok := e.clock.Next()
	if !ok || !next.After(e.startTime.Add(e.x.horizon())) {
		return false
	}
	err := &LivenessError{WorkflowID: e.root.id, Time: e.clock.Now(), Next: next, Horizon: e.x.horizon(), Pending: e.pendingWork()}
	e.x.note(fmt.Sprintf("%s: stopped at the horizon (%v) with work pending:\n      %s",
		since(e.startTime, e.clock.Now()), e.x.horizon(), strings.Join(err.Pending, "\n      ")))
	if !e.root.closed {
		e.root.close(nil, err)
	}
	for _, r := range e.comp.runs {
		if !r.closed {
			r.close(nil, &LivenessError{WorkflowID: r.id, Time: err.Time, Next: next, Horizon: err.Horizon, Pending: err.Pending})
		}
	}
	return true
}

// noteTimedOut records, for the report, what was pending when an explored
// run's run timeout fired.
func (e *environment) noteTimedOut(r *workflowRun) {
	if e.x == nil {
		return
	}
	e.x.note(fmt.Sprintf("%s: workflow %q timed out (run timeout) with work pending:\n      %s",
		since(e.startTime, e.clock.Now()), r.id, strings.Join(e.pendingOf(r), "\n      ")))
}

// pendingWork describes what every open run still has going on.
func (e *environment) pendingWork() []string {
	var out []string
	for _, r := range e.comp.runs {
		if !r.closed {
			out = append(out, e.pendingOf(r)...)
		}
	}
	return out
}

// pendingOf describes run r's timers, activities and coroutines.
func (e *environment) pendingOf(r *workflowRun) []string {
	var out []string
	for _, t := range r.timers.sorted() {
		out = append(out, fmt.Sprintf("%s: timer %s due %s", r.id, t.id, since(e.startTime, t.When())))
	}
	for _, t := range r.activities.sorted() {
		state := "waiting for a worker"
		switch {
		case t.pending:
			state = "pending completion by its task token"
		case t.started:
			state = "running since " + since(e.startTime, t.attemptStarted())
		case t.retrying:
			state = "in retry backoff until " + since(e.startTime, t.timer.When())
		}
		out = append(out, fmt.Sprintf("%s: activity %s (ID %s, scheduled by event %d) attempt %d, %s", r.id, t.attrs().ActivityType.Name, t.attrs().ActivityID, t.scheduledID(), t.attempt, state))
	}
	if r.inst != nil {
		for _, b := range r.inst.Blocked() {
			out = append(out, r.id+": "+b)
		}
	}
	return out
}
