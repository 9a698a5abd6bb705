package replay

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wfsim/wfsim/internal/run"
)

// Deadlock detection
//
// Temporal's replayer fails a replay whose workflow code runs for over a
// second of real time without yielding (DeadlockDetectionTimeout's
// default): "[TMPRL1101] Potential deadlock detected: workflow goroutine
// "root" didn't yield for over 1s". Its limit holds for each time a
// coroutine is resumed, and passing it fails the workflow task at once,
// whatever the coroutine does afterwards: one that sleeps 1.1s and returns
// fails the replay (sdk-go's deadlocked-workflow.json).
//
// wfsim's replayer does the same with the machinery the test environment's
// watchdog uses (run.Interrupter, run.Progresser): a timer of real time
// looks at the replay every deadlockTick while its tasks run. A look that
// finds the run's count of coroutine switches changed notes the time; one
// that finds it unchanged for a whole timeout, while a coroutine runs,
// interrupts that coroutine (two Interrupt calls in a row: no switch in
// between, as the count says). From then on the replay has failed with the
// deadlock's *PanicError: the coroutine panics at its next workflow call
// (and the error carries its stack), and if it makes none, ending or
// blocking in time, the replay's outcome is that error all the same. A
// coroutine still running a timeout after it was interrupted is stuck where
// nothing can stop it (for {}, a Go channel, a mutex, time.Sleep): the
// replay gives up on it and returns the error; the coroutine's goroutine is
// left where it is stuck, as Temporal's replayer leaves its own. So code
// that does not yield for a second fails the replay after one second and at
// most a tick or so more, stuck code after two. Looks come late on a
// loaded machine: code that overruns by less than their delay and yields
// in between would pass unseen, so the dispatcher also times each run of
// a coroutine (run.RunTimer), and a task one of whose coroutines overran
// fails the replay when it ends.
//
// For that, the tasks run on a goroutine of their own while the caller
// waits for them or for the timer to give up. The clock decides nothing
// else: what a replay that ends in time does is what it does without a
// timer.

// deadlockTimeout is how long a coroutine may run without yielding:
// Temporal's default DeadlockDetectionTimeout.
const deadlockTimeout = time.Second

// deadlockTick is how often the timer looks, so that code running a little
// over the timeout (a time.Sleep of 1.1s) is caught as Temporal catches it.
const deadlockTick = deadlockTimeout / 40

// watchedInstance is what a deadlock watch needs of an instance.
type watchedInstance interface {
	run.Interrupter
	run.Progresser
}

// deadlockWatch is one replay's timer and what its looks found.
type deadlockWatch struct {
	// inst is the instance, both a run.Interrupter and a run.Progresser:
	// one interface for both, the timeout a constant and timed a bool
	// keep replayRun (which holds the watch) in the 512-byte size class.
	inst   watchedInstance
	result chan<- error
	// at is the event the running task is reported at (its
	// WorkflowTaskStarted), set by the replay's goroutine before each
	// task, read by a look that finds a deadlock.
	at     atomic.Int64
	wfType string

	mu   sync.Mutex
	tick *time.Timer
	// switches is the count of coroutine switches at the last look, and
	// since when it has not changed.
	switches uint64
	since    time.Time
	// deadlock is the replay's error once a coroutine did not yield for a
	// timeout, and interrupted when it was interrupted; done says the
	// replay ended or was given up on.
	deadlock    *PanicError
	interrupted time.Time
	done        bool
	abandoned   bool
	// timed says inst, a run.RunTimer too, times each run of a coroutine,
	// so that one that overran and yielded between two late looks is
	// caught all the same (overrun).
	timed bool
}

// runTasksWatched runs rs's tasks on a goroutine of their own and returns
// their error, or a *PanicError naming the coroutine that did not yield.
// abandoned says the tasks are still running (stuck): the instance must be
// left alone.
func (rs *replayRun) runTasksWatched() (err error, abandoned bool) {
	in, ok := rs.inst.(watchedInstance)
	if !ok {
		return rs.runTasks(), false
	}
	// Room for both senders, so that neither ever blocks: the tasks' end
	// and the watch's giving up; the first one read decides.
	result := make(chan error, 2)
	w := &rs.watch
	w.inst, w.result, w.wfType = in, result, rs.wfType
	if rt, ok := rs.inst.(run.RunTimer); ok {
		rt.TimeRuns(deadlockTimeout)
		w.timed = true
	}
	w.mu.Lock()
	w.switches, w.since = in.Progress(), time.Now()
	w.tick = time.AfterFunc(deadlockTick, w.look)
	w.mu.Unlock()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				result <- &tasksPanic{p}
			}
		}()
		result <- rs.runTasks()
	}()
	err = <-result
	w.mu.Lock()
	w.done = true
	w.tick.Stop()
	abandoned = w.abandoned
	deadlock := w.deadlock
	w.mu.Unlock()
	if p, ok := err.(*tasksPanic); ok {
		panic(p.value) // on the caller's goroutine, as without the watch
	}
	if deadlock != nil {
		// The interrupted coroutine's own panic says the same with its
		// stack; anything else came after the task that deadlocked.
		var pe *PanicError
		if !errors.As(err, &pe) || pe.Value != deadlock.Value {
			err = deadlock
		}
	}
	return err, abandoned
}

// tasksPanic carries a panic of the tasks' goroutine (not one of workflow
// code, which fails the replay with a *PanicError) to the caller's.
type tasksPanic struct{ value any }

func (p *tasksPanic) Error() string { return "replay: panic" }

// look is the timer's function: see the top of the file.
func (w *deadlockWatch) look() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return
	}
	defer func() {
		if !w.done {
			w.tick.Reset(deadlockTick)
		}
	}()
	now := time.Now()
	if n := w.inst.Progress(); n != w.switches {
		w.switches, w.since = n, now
		return
	}
	if now.Sub(w.since) < deadlockTimeout {
		return
	}
	if w.deadlock == nil {
		// The first call notes the coroutine running now, the second
		// interrupts it: none yielded since the count last changed.
		w.inst.Interrupt(deadlockTimeout)
		c := w.inst.Interrupt(deadlockTimeout)
		if c == "" {
			return // no workflow code runs: the replay's own work is slow
		}
		w.deadlock = w.deadlockError(c, w.at.Load(), "(not available: the coroutine made no workflow call after it was interrupted)")
		w.interrupted = now
		return
	}
	if now.Sub(w.interrupted) >= deadlockTimeout {
		w.done, w.abandoned = true, true
		pe := *w.deadlock
		pe.Stack = "(not available: the coroutine is still running, in code that makes no workflow call)"
		w.result <- &pe
	}
}

// overrun returns the replay's error when a coroutine of the task that
// just ran (reported at event at) ran over the timeout, even if it yielded
// before a look saw it: nil when none did, or the watch is off.
func (w *deadlockWatch) overrun(at int64) error {
	if !w.timed {
		return nil
	}
	c := w.inst.(run.RunTimer).Overran()
	if c == "" {
		return nil
	}
	return w.deadlockError(c, at, "(not available: the coroutine yielded after the limit had passed)")
}

// deadlockError is the replay's error for coroutine c, which did not yield
// within the timeout in the task reported at event at; stack says why its
// stack is missing.
func (w *deadlockWatch) deadlockError(c string, at int64, stack string) *PanicError {
	pd := &run.PotentialDeadlockError{Coroutine: c, Timeout: deadlockTimeout}
	return &PanicError{WorkflowType: w.wfType, EventID: at, Coroutine: c, Value: pd.Error(), Stack: stack}
}

// deadlockValue is the value of the *PanicError a panic of workflow code
// fails the replay with: what it panicked with, but the text of an
// interrupt's error, which is what Temporal's error holds.
func deadlockValue(v any) any {
	if pd, ok := v.(*run.PotentialDeadlockError); ok {
		return pd.Error()
	}
	return v
}
