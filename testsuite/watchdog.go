package testsuite

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/wfsim/wfsim/internal/run"
)

// The watchdog of a run
//
// Every ExecuteWorkflow with a test timeout has a watchdog: a timer of real
// time that looks at the run once per test timeout until it ends, from its
// own goroutine. A run that ends in time never meets it. At its looks it
//
//   - reports the run as hung, once (the first look): to the test an
//     environment is bound to, or else to the environment's logger;
//   - interrupts a workflow coroutine found running at two looks in a row
//     with no switch in between (interrupt.go), or running its Await
//     condition, which the dispatcher calls outside it: it stops at its next
//     workflow call, and the run fails with Temporal's [TMPRL1101] error,
//     which GetWorkflowError returns, bound or not;
//   - gives up on a run stuck where nothing can stop it: a coroutine that
//     made no workflow call for a whole test timeout after it was
//     interrupted (for {}, a Go channel, time.Sleep), or a simulation that
//     ran no workflow code for two whole test timeouts after the report
//     (an activity, delayed callback, listener or mock that does not
//     return); never sooner than minGiveUp after the report.
//     The simulation runs on the goroutine that called ExecuteWorkflow, and
//     that goroutine is inside the stuck code, so ExecuteWorkflow cannot
//     return; the watchdog panics with its report instead, which ends the
//     test binary as go test's own -timeout would, but after a few test
//     timeouts instead of ten minutes, and with every goroutine's stack
//     (the stuck one's included).
//
// Inside a synctest bubble (an environment not bound to a test, used in
// the test's own bubble) the timer runs on the bubble's fake clock, which
// moves only while every goroutine of the bubble is durably blocked: there
// it can only fire while the run waits, never because it hangs, and there
// is no real clock to watch with. The watchdog notices at its first look
// (a timer of the bubble fires exactly on time; a goroutine of the bubble
// says so in its stack trace) and does nothing more.

// minGiveUp is the least real time between the report and giving up, so
// that a run starved of CPU on a loaded machine (tests with test timeouts
// of milliseconds, under the race detector, many at once) is not taken for
// a stuck one: a stuck run stays stuck, and a few seconds more before the
// binary ends cost nothing.
const minGiveUp = 5 * time.Second

// watchdog is one ExecuteWorkflow's watchdog (watch).
type watchdog struct {
	e       *environment
	timeout time.Duration

	// mu guards what follows, between the looks and the end of the run:
	// a look under way completes before ExecuteWorkflow returns.
	mu    sync.Mutex
	timer *time.Timer
	armed time.Time // when timer was last set
	// reported is when the first look reported the run as hung.
	reported time.Time
	// finished says the run ended; faked, that the timer runs on a
	// synctest bubble's fake clock. Either way look does nothing.
	finished, faked bool
	// What the previous look found: the run it watched, that run's
	// progress (run.Progresser), and whether it interrupted a coroutine.
	// looks counts the looks.
	interrupted  bool
	looks        int32
	idle         int32 // looks in a row that found no workflow code run since the one before
	lastTarget   *watchTarget
	lastProgress uint64
	// root is the root run's first watchTarget, here so that watching
	// the workflow under test costs no allocation of its own.
	root watchTarget
}

// start arms w's timer.
func (w *watchdog) start() {
	w.mu.Lock()
	w.armed = time.Now()
	w.timer = time.AfterFunc(w.timeout, w.look)
	w.mu.Unlock()
}

// stop ends w: a look under way completes first, and none follows.
func (w *watchdog) stop() {
	w.mu.Lock()
	w.finished = true
	w.timer.Stop()
	w.mu.Unlock()
}

// look is the timer's function: see the top of the file.
func (w *watchdog) look() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.finished || w.faked {
		return
	}
	if w.onFakeClock() {
		w.faked = true
		return
	}
	w.looks++
	t := w.e.watched.Load()
	if w.looks == 1 {
		w.reported = time.Now()
		w.report(w.hung(t))
	}
	var coroutine string
	var progress uint64
	if t != nil {
		coroutine = w.e.interrupt(t) // after the report, which shows it running
		if p, ok := t.inst.(run.Progresser); ok {
			progress = p.Progress()
		}
	}
	if why := w.stuck(t, coroutine, progress); why != "" && time.Since(w.reported) >= minGiveUp {
		w.giveUp(t, why)
	}
	w.lastTarget, w.lastProgress, w.interrupted = t, progress, coroutine != ""
	w.armed = time.Now()
	w.timer.Reset(w.timeout)
}

// stuck says why the run cannot go on, or "": what this look found (the
// run t, the coroutine interrupted, the run's progress) against what the
// previous ones found.
func (w *watchdog) stuck(t *watchTarget, coroutine string, progress uint64) string {
	if w.looks < 2 || t != w.lastTarget {
		w.idle = 0 // the simulation moved on to another run
		return ""
	}
	if coroutine != "" && w.interrupted {
		// Interrupt names a coroutine only if it has not been switched
		// out since the previous look, so this is the one the previous
		// look interrupted: it made no workflow call, which would have
		// stopped it, for a whole test timeout.
		return fmt.Sprintf("workflow coroutine %q has made no workflow call for a whole test timeout since it was interrupted, so nothing can stop it: it (or its Await condition, which runs on the dispatcher) loops without one, or waits on something native (a Go channel, a mutex, time.Sleep)", coroutine)
	}
	// No coroutine runs, and none was switched to since the last look
	// (one running throughout would have been named): the simulation is
	// outside workflow code. Once may be a slow activity or callback;
	// twice in a row, two whole test timeouts, is stuck.
	if coroutine == "" && progress == w.lastProgress {
		w.idle++
	} else {
		w.idle = 0
	}
	if w.idle >= 2 {
		return "no workflow code ran for two whole test timeouts: the simulation is stuck in an activity, a delayed callback, a listener or a mock that does not return"
	}
	return ""
}

// hung is the report on the run t (the root's, or a running child task's,
// watchTarget; nil before the first task), made without disturbing it.
func (w *watchdog) hung(t *watchTarget) *HungError {
	hung := &HungError{Timeout: w.timeout}
	if t == nil {
		return hung
	}
	if report, ok := t.inst.(blockedNower); ok {
		if t.bubble != 0 {
			hung.Blocked = report.BlockedSeen()
		} else {
			hung.Blocked = report.BlockedNow()
		}
	}
	if t.bubble != 0 {
		hung.Outside = waitsOutsideBubble(allStacks(), t.bubble)
	}
	if t.child {
		// A child's task runs: say whose coroutines these are, as
		// DeadlockError does.
		for i, b := range hung.Blocked {
			hung.Blocked[i] = t.id + ": " + b
		}
	}
	return hung
}

// report reports the run as hung: to the test the environment is bound
// to, failing it, or else through the environment's logger. The run goes
// on either way: one that keeps yielding may still end, with its own
// result.
func (w *watchdog) report(hung *HungError) {
	if w.e.t != nil {
		w.e.t.Errorf("%v", hung)
		return
	}
	w.e.logger.Warn(hung.Error())
}

// giveUp ends the test binary with the report on the run t and why it
// cannot go on (see the top of the file), and every goroutine's stack:
// the stuck one's is what the reader needs most. The panic's own
// traceback cannot give it, as a goroutine running on another thread has
// none to show; runtime.Stack stops the world first, so it has them all.
func (w *watchdog) giveUp(t *watchTarget, why string) {
	panic(fmt.Sprintf("%v\n\ntestsuite: %s. The simulation runs on the goroutine that called ExecuteWorkflow, and that goroutine is stuck there, so ExecuteWorkflow cannot return: the watchdog ends the test binary rather than leave it hanging until go test's -timeout. Every goroutine's stack follows; the stuck one is among them.\n\n%s", w.hung(t), why, allStacks()))
}

// allStacks returns the stack traces of all goroutines.
func allStacks() []byte {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) || len(buf) >= 1<<26 {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// onFakeClock reports whether w's timer runs on the fake clock of a
// synctest bubble: it fired exactly one test timeout after it was set,
// which real time never does, or the goroutine running it, which is in
// the timer's bubble, says so in its stack trace ("goroutine 7 [running,
// synctest bubble 1]:"). Reading the trace costs microseconds, only here.
func (w *watchdog) onFakeClock() bool {
	if time.Since(w.armed) == w.timeout {
		return true
	}
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	header, _, _ := bytes.Cut(buf[:n], []byte("\n"))
	return bytes.Contains(header, []byte("synctest bubble"))
}
