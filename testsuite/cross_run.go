package testsuite

import (
	"math"

	"github.com/wfsim/wfsim/replay"
)

// Events one run's workflow task produces for another run
//
// A workflow task of one run can produce an event for another: a child's
// close for its parent (ChildWorkflowExecutionCompleted, Failed, Canceled,
// TimedOut, Terminated) and, when a parent closes in its task, the
// cancellation request of a REQUEST_CANCEL parent close policy for its
// children. On a Temporal server such an event needs the producing task's
// round trip and then a transfer to the other run, while a workflow task
// already scheduled for that run is handed to a worker at once and usually
// completes first. So the simulator's rule at one virtual instant is: a
// workflow task scheduled for a run runs before an event another run's
// workflow task produces at that instant reaches the run. Such an event is
// a clock item at the instant (soon), as the transfers of a task's own
// commands (a child's start, SignalExternalWorkflow,
// RequestCancelExternalWorkflow) already were: it fires once the ready
// tasks have run, in the order the items were made, is written after the
// waiting task's completion and its commands' events, and schedules a new
// task. When that task closed the run, the event finds it closed, as on the
// server: a child's close is dropped (the parent closed first), a
// cancellation request is a success that records nothing (external.go).
//
// So a child that completes in its first workflow task reaches its parent
// after the parent's task that saw it start, never in it, and a parent that
// returns in that task closes without it. Server-backed (Temporal 1.31,
// the realsrv harness): child, childcancel, external, childmisc, metadata,
// cronchild, sametask, and five runs of a parent that returns once its
// quick child started.
//
// An event that reaches a run while its task is under way (test code
// called from inside the task: a listener, a local activity) is buffered
// into the task instead (midTask, unhandled.go). Events the clock produces
// (timers, activity outcomes, a child's run timeout, delayed callbacks, the
// test's signals, and the transfers themselves when they fire) come before
// the tasks that the same batch of items schedules, as always. Which of
// several ready tasks runs first, and which of several items due at one
// instant fires first, stay an explorer's choices: the server gives both
// orders of such races (a parent close policy's request reached a quick
// child during its first task once in five server runs).

// taskWaits reports whether a workflow task is scheduled for r and has not
// started: it runs before what other runs' tasks produce now reaches r.
func (r *workflowRun) taskWaits() bool { return r.taskScheduled != 0 && !r.inTask }

// fromRun delivers, by calling deliver, an event that another run's
// workflow task produced for r: into r's task when it is under way (held
// open by local activities: buffered, keeping the time it arrived), after
// it (a clock item at this instant, which fires once the ready tasks have
// run) when it is waiting, at once otherwise — unless events produced
// before it still wait as clock items: it waits behind them, even when
// r's task has started meanwhile and holds what arrives, so that r gets
// the events other runs produce in the order they were produced (the
// server transfers them in that order; children that close one after the
// other close in that order in their parent's history). deliver must
// check that r is still open and whether its task holds events, and must
// not defer again: fromRun is for the tasks' own doings, never for a clock
// item's (it would fire in the same batch).
func (r *workflowRun) fromRun(deliver func()) {
	switch {
	case r.fromRunsWaiting > 0 || r.taskWaits():
		// (Past 65535 waiting at one instant, the count stops: the
		// uncounted ones keep their order among themselves.)
		counted := r.fromRunsWaiting < math.MaxUint16
		if counted {
			r.fromRunsWaiting++
		}
		r.env.soon(func() {
			if counted {
				r.fromRunsWaiting--
			}
			deliver()
		})
	case r.taskHoldsEvents():
		r.holdForTask(deliver)
	default:
		deliver()
	}
}

// recordForParent records a child's close in its parent's history and
// schedules a parent task: when the child closed in its own workflow task,
// after the parent's waiting task, if the parent is still open (fromRun).
func (e *environment) recordForParent(p *workflowRun, fromTask bool, typ replay.EventType, set func(ev *replay.Event)) {
	record := func() {
		if p.closed || p.bufferEvent(func() { p.rec.add(typ, set); p.scheduleTask() }) { // held open: local_task.go
			return
		}
		p.rec.add(typ, set)
		p.scheduleTask()
	}
	if fromTask {
		p.fromRun(record)
		return
	}
	record()
}
