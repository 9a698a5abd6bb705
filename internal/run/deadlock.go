package run

import (
	"fmt"
	"time"
)

// PotentialDeadlockError is what a workflow coroutine panics with when a
// driver's real-time limit passed while it ran without yielding, and it then
// made another workflow call: Temporal's deadlock detector, whose text it
// has. The run is broken either way; stopping the coroutine ends it instead
// of hanging. Drivers turn the panic into the workflow's error.
type PotentialDeadlockError struct {
	// Coroutine names the coroutine that did not yield ("root", …).
	Coroutine string
	// Timeout is the limit that passed.
	Timeout time.Duration
}

func (e *PotentialDeadlockError) Error() string {
	return fmt.Sprintf("[TMPRL1101] Potential deadlock detected: workflow goroutine %q didn't yield for over %s", e.Coroutine, e.Timeout)
}

// Interrupter is what an Instance offers a driver's watchdog, from another
// goroutine, called at intervals: Interrupt arranges for a coroutine found
// running at this call and the previous one, without having yielded in
// between, to panic with a *PotentialDeadlockError at its next workflow
// call, and returns its name ("" when there is none, and nothing is
// arranged).
type Interrupter interface {
	Interrupt(timeout time.Duration) (coroutine string)
}

// Progresser is what an Instance offers a driver's watchdog besides
// Interrupter, from another goroutine: a count that grows each time one of
// the run's coroutines is switched to. A count unchanged over a whole
// timeout while no coroutine runs says that no workflow code ran in that
// time: the driver is stuck outside it (in an activity, a callback).
type Progresser interface {
	Progress() uint64
}

// RunTimer is what an Instance offers a driver that holds each run of a
// coroutine to a real-time limit however its watchdog's looks fall:
// TimeRuns, before the run's tasks, sets the limit; Overran names the first
// coroutine whose run lasted longer ("" for none), even one that yielded
// before a look saw it.
type RunTimer interface {
	TimeRuns(limit time.Duration)
	Overran() string
}
