package workflow

import (
	"time"

	"github.com/wfsim/wfsim/internal/coro"
	"github.com/wfsim/wfsim/internal/run"
)

// Workflow code that loops without ever blocking (a Selector whose case is
// always ready, a ReceiveAsync poll loop, a loop of Now or GetInfo) never
// hands control back to the dispatcher, and the run would hang for ever.
// Temporal's SDK fails the workflow task when a coroutine does not yield
// for a second of real time ([TMPRL1101]); in wfsim the driver's
// real-time watchdog takes that role (testsuite's, only for a run that
// already exceeded the test timeout; the replayer's, after a second, as
// Temporal's replayer): it interrupts a coroutine it finds running
// at two looks one limit apart, without a yield in between, which
// panics with a *run.PotentialDeadlockError at its next workflow
// call. Every call that takes a Context checks (getState), as do the
// calls that make a coroutine run (mustRun), Future.Get (which returns at
// once when ready) and the channel operations that never block
// (ReceiveAsync, ReceiveAsyncWithMoreFlag, SendAsync).
// The check is one atomic load, set by nothing in a healthy run, so such a
// run, and its history, cannot change. Code stuck without workflow calls
// (`for {}`, a Go channel, time.Sleep) cannot be stopped: the driver can
// only report it (testsuite's watchdog ends the test binary with its
// report). A native goroutine that calls a workflow API
// while the interrupted coroutine runs (already a misuse) takes the panic
// itself, which crashes the test binary.

// Interrupt implements run.Interrupter for a watchdog on another
// goroutine: a coroutine that has not yielded since the watchdog's
// previous call panics with a *run.PotentialDeadlockError naming it and
// timeout at its next workflow call (coro.Dispatcher.Interrupt). It
// returns the coroutine's name, "" if there is none.
func (in *instance) Interrupt(timeout time.Duration) string {
	c := in.state.d.Interrupt(func(c *coro.Coroutine) any {
		return &run.PotentialDeadlockError{Coroutine: c.Name(), Timeout: timeout}
	})
	if c == nil {
		return ""
	}
	return c.Name()
}

// Progress implements run.Progresser: the dispatcher's count of switches
// to a coroutine, safe to read from a watchdog's goroutine.
func (in *instance) Progress() uint64 { return in.state.d.Switches() }

// TimeRuns implements run.RunTimer: the dispatcher times each run of a
// coroutine against limit.
func (in *instance) TimeRuns(limit time.Duration) { in.state.d.TimeRuns(limit) }

// Overran implements run.RunTimer.
func (in *instance) Overran() string {
	if c := in.state.d.Overran(); c != nil {
		return c.Name()
	}
	return ""
}
