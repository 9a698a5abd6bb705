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
	r.rec.add(replay.EventTypeWorkflowExecutionTimedOut, func(ev *replay.Event) {
		ev.WorkflowExecutionTimedOut = &replay.WorkflowExecutionTimedOutEventAttributes{RetryState: wfsim.RetryStateTimeout}
	})
	r.close(nil, wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, nil))
}

// HungError reports a run that took longer than the test timeout in real
// time: a workflow or activity that never yields.
type HungError struct {
	Timeout time.Duration
	Blocked []string
}

func (e *HungError) Error() string {
	return fmt.Sprintf("testsuite: the run did not finish within the test timeout of %v (real time); coroutines:\n  %s", e.Timeout, strings.Join(e.Blocked, "\n  "))
}

// watch runs f, reporting (never changing) a run that exceeds the test
// timeout of real time.
func (e *environment) watch(f func()) {
	if e.testTimeout <= 0 || e.t == nil {
		f()
		return
	}
	done := make(chan struct{})
	timer := time.AfterFunc(e.testTimeout, func() {
		select {
		case <-done:
		default:
			e.t.Errorf("%v", &HungError{Timeout: e.testTimeout})
		}
	})
	defer timer.Stop()
	f()
	close(done)
}
