package replay

import (
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
// "root" didn't yield for over 1s". wfsim's does the same with the
// machinery the test environment's watchdog uses (run.Interrupter): a
// timer of real time looks at the replay once a second while its tasks
// run. A coroutine found running at two looks in a row, without a switch
// in between, is interrupted: it panics with a *run.PotentialDeadlockError
// at its next workflow call, and the replay fails with a *PanicError
// holding Temporal's text. A coroutine still running at the next look made
// no workflow call in a whole second (for {}, a Go channel, a mutex,
// time.Sleep): nothing can stop it, so the replay gives up on it and
// returns the same error; the coroutine's goroutine is left where it is
// stuck, as Temporal's replayer leaves its own. So a busy coroutine fails
// the replay after one to two seconds, a stuck one after two to three.
//
// For that, the tasks run on a goroutine of their own while the caller
// waits for them or for the timer to give up. The clock decides nothing
// else: what a replay that ends in time does is what it does without a
// timer.

// deadlockTimeout is how long a coroutine may run without yielding:
// Temporal's default DeadlockDetectionTimeout.
const deadlockTimeout = time.Second

// deadlockWatch is one replay's timer and what its looks found.
type deadlockWatch struct {
	inst   run.Interrupter
	result chan<- error
	// at is the event the running task is reported at (its
	// WorkflowTaskStarted), set by the replay's goroutine before each
	// task, read by a look that gives up.
	at      atomic.Int64
	wfType  string
	timeout time.Duration

	mu    sync.Mutex
	timer *time.Timer
	// interrupted names the coroutine the previous look interrupted ("" for
	// none); done says the replay ended or was given up on.
	interrupted string
	done        bool
	abandoned   bool
}

// runTasksWatched runs rs's tasks on a goroutine of their own and returns
// their error, or a *PanicError naming the coroutine that did not yield.
// abandoned says the tasks are still running (stuck): the instance must be
// left alone.
func (rs *replayRun) runTasksWatched() (err error, abandoned bool) {
	in, ok := rs.inst.(run.Interrupter)
	if !ok {
		return rs.runTasks(), false
	}
	// Room for both senders, so that neither ever blocks: the tasks' end
	// and the watch's giving up; the first one read decides.
	result := make(chan error, 2)
	w := &rs.watch
	w.inst, w.result, w.wfType, w.timeout = in, result, rs.wfType, deadlockTimeout
	w.mu.Lock()
	w.timer = time.AfterFunc(w.timeout, w.look)
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
	w.timer.Stop()
	abandoned = w.abandoned
	w.mu.Unlock()
	if p, ok := err.(*tasksPanic); ok {
		panic(p.value) // on the caller's goroutine, as without the watch
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
	// Interrupt names a coroutine only when it has run since the
	// previous look without a switch: twice in a row, it was interrupted a
	// whole timeout ago and made no workflow call since.
	c := w.inst.Interrupt(w.timeout)
	if c != "" && c == w.interrupted {
		w.done, w.abandoned = true, true
		pd := &run.PotentialDeadlockError{Coroutine: c, Timeout: w.timeout}
		w.result <- &PanicError{WorkflowType: w.wfType, EventID: w.at.Load(), Coroutine: c, Value: pd.Error(),
			Stack: "(not available: the coroutine is still running, in code that makes no workflow call)"}
		return
	}
	w.interrupted = c
	w.timer.Reset(w.timeout)
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
