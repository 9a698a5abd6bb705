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
// time, and interrupting the workflow coroutine running then, if any, so
// that it stops at its next workflow call (interrupt.go). The report is
// made from a timer's goroutine while the simulation is stuck, so it reads
// only what is safe to read from there: the run the simulation last
// published (the root, or a child whose task runs), and its coroutines
// through the workflow machinery's goroutine-safe report. The report is
// made once; the interrupt is tried again every test timeout until the run
// ends, for a coroutine that starts looping only after the simulation was
// stuck elsewhere (a slow activity). An unbound environment has no test to
// report to: it is watched only when SetTestTimeout was called, to
// interrupt.
func (e *environment) watch(f func()) {
	if e.testTimeout <= 0 || (e.t == nil && !e.testTimeoutSet) {
		f()
		return
	}
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
		r := e.watched.Load()
		var hung *HungError
		if !reported && e.t != nil {
			hung = &HungError{Timeout: e.testTimeout}
			if r != nil {
				if report, ok := r.inst.(blockedNower); ok {
					hung.Blocked = report.BlockedNow()
				}
				if r.link != nil && r.link.parent != nil {
					// A child's task runs: say whose coroutines these
					// are, as DeadlockError does. (A run's link and
					// its parent are set when it is made: safe to read.)
					for i, b := range hung.Blocked {
						hung.Blocked[i] = r.id + ": " + b
					}
				}
			}
		}
		reported = true
		if r != nil {
			e.interrupt(r) // after the report, which shows it running
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
