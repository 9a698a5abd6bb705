package testsuite

import (
	"fmt"
	"strings"
	"sync"
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
	r.rec.add(replay.EventTypeWorkflowExecutionTimedOut, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowExecutionTimedOutEventAttributes{RetryState: wfsim.RetryStateTimeout}
	})
	r.close(nil, wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, nil))
}

// HungError reports a run that took longer than the test timeout in real
// time: workflow code that never reaches a blocking workflow call (a busy
// loop, or a native blocking call such as a Go channel or time.Sleep), or an
// activity, delayed callback or listener that never returns. A busy loop
// that makes workflow calls is also stopped at its next one (interrupt.go).
type HungError struct {
	Timeout time.Duration
	// Blocked describes each live coroutine of the run: the one running,
	// if any, and what each other one waits for, at which line.
	Blocked []string
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
	if len(e.Blocked) > 0 {
		b.WriteString("; coroutines:\n  ")
		b.WriteString(strings.Join(e.Blocked, "\n  "))
	}
	return b.String()
}

// blockedNower is what the workflow machinery offers a watchdog: a report
// of the coroutines that is safe from another goroutine and switches into
// none of them.
type blockedNower interface{ BlockedNow() []string }

// watch runs f, reporting a run that exceeds the test timeout of real
// time, and interrupting a workflow coroutine that has not yielded for a
// whole test timeout, so that it stops at its next workflow call
// (interrupt.go). The report is made from a timer's goroutine while the
// simulation is stuck, so it reads only what the simulation published for
// it (the root's, or a running child task's, watchTarget) and the
// coroutines through the workflow machinery's goroutine-safe report. The
// report is made once; the watchdog then looks again every test timeout
// until the run ends: a coroutine found running at two looks in a row,
// with no switch in between, is interrupted. An environment not bound to
// a test has no watchdog: it has no test to report to, and may run inside
// the test's own synctest bubble, whose fake clock a watchdog would keep
// alive.
func (e *environment) watch(f func()) {
	if e.testTimeout <= 0 || e.t == nil {
		f()
		return
	}
	e.watching = true
	defer func() { e.watching = false }()
	var mu sync.Mutex
	finished, reported := false, false
	var timer *time.Timer
	var check func()
	check = func() {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			return
		}
		w := e.watched.Load()
		var hung *HungError
		if !reported {
			hung = &HungError{Timeout: e.testTimeout}
			if w != nil {
				if report, ok := w.inst.(blockedNower); ok {
					hung.Blocked = report.BlockedNow()
				}
				if w.child {
					// A child's task runs: say whose coroutines these
					// are, as DeadlockError does.
					for i, b := range hung.Blocked {
						hung.Blocked[i] = w.id + ": " + b
					}
				}
			}
		}
		reported = true
		if w != nil {
			e.interrupt(w) // after the report, which shows it running
		}
		if hung != nil {
			e.t.Errorf("%v", hung)
		}
		timer = time.AfterFunc(e.testTimeout, check)
	}
	mu.Lock()
	timer = time.AfterFunc(e.testTimeout, check)
	mu.Unlock()
	f()
	// A report under way completes before the test can end.
	mu.Lock()
	finished = true
	timer.Stop()
	mu.Unlock()
}
