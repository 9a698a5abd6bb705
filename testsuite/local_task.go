package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/simclock"
)

// A workflow task held open by its local activities
//
// Temporal's worker does not complete a workflow task while local
// activities it started are running: it waits for their results, hands
// each to the workflow code, and completes the task once none is left
// (or the workflow closed). The simulator does the same in virtual time:
// runTask leaves the task open (holdTaskOpen), each result that ends later
// resumes it (resumeTask), and the last completes it, the markers among its
// commands.
//
// Meanwhile the server buffers what arrives for the run (signals, timers
// that fire, activity results, …): bufferEvent queues it after the task's
// commands, stamped with the instant it arrived, and a new task follows.
//
// A worker whose local activities take longer than 80% of the workflow
// task timeout "heartbeats" the task, so that it does not time out: it
// completes it with the commands it has, asking the server for a new task
// at once (ForceCreateNewWorkflowTask), which it processes — the buffered
// events reach the workflow code then — and keeps open in turn
// (heartbeatTask).

// openTask is a workflow task started and not completed yet.
type openTask struct {
	scheduled, started int64
	attrs              *taskAttrs
	// first is the index of the task's first event in the history.
	first       int
	speculative bool
	// cmds are the commands of the task so far.
	cmds []run.Command
	// firedTimers are the IDs of the timers that fired while the task was
	// open, whose TimerFired the server buffers.
	firedTimers []string
	// heartbeat completes the task when it has been open for 80% of the
	// run's workflow task timeout.
	heartbeat *simclock.Timer
}

// heartbeatRatio is the share of the workflow task timeout after which
// Temporal's worker completes a task held open by local activities and
// asks for a new one.
const heartbeatRatio = 0.8

// holdsTaskOpen reports whether the run's task must stay open: local
// activities it started run on, and the workflow has not closed.
func (r *workflowRun) holdsTaskOpen() bool {
	return len(r.local.attempts) > 0 && !r.closed && !r.inst.Completed()
}

// holdTaskOpen leaves the run's task t open (inTask stays set) until its
// local activities end or its heartbeat is due.
func (r *workflowRun) holdTaskOpen(t openTask) {
	ot := new(openTask)
	*ot = t
	d := time.Duration(heartbeatRatio * float64(r.link.spec.taskTimeout))
	started := r.history.Events[t.started-1].EventTime
	ot.heartbeat = r.env.clock.AfterFunc(started.Add(d).Sub(r.env.clock.Now()), func() {
		// Posted, as the attempts' results are: the loop runs it, never
		// a pass of the workflow code (drainFor takes no key 0).
		r.env.postFor(nil, 0, func() { r.heartbeatTask(ot) })
	})
	r.local.get().open = ot
}

// resumeTask hands the local activity results that are ready to the
// workflow code of the open task, and completes the task when no local
// activity of it runs any more.
func (r *workflowRun) resumeTask(ot *openTask) {
	if r.local.openTask() != ot || r.closed {
		return
	}
	r.env.watchTask(r)
	defer r.env.watchTask(r.env.root)
	cmds, err := r.localActivitiesInTask(ot.cmds)
	if err != nil {
		r.closeOpenTask()
		r.recordTaskFailed(ot.scheduled, ot.started, err)
		r.inTask = false
		_ = r.taskFailed(err)
		return
	}
	ot.cmds = cmds
	if r.holdsTaskOpen() {
		return
	}
	r.closeOpenTask()
	_ = r.completeTask(ot, cmds)
}

// heartbeatTask completes the open task ot with the commands it has, as
// Temporal's worker does when its local activities run long, and starts the
// new task the server then hands it at once.
func (r *workflowRun) heartbeatTask(ot *openTask) {
	if r.local.openTask() != ot || r.closed {
		return
	}
	r.closeOpenTask()
	if err := r.completeTask(ot, ot.cmds); err != nil || r.closed {
		return
	}
	// ForceCreateNewWorkflowTask: the server schedules a task even with
	// nothing new, and returns it to the worker, which starts it. It is
	// a normal task, even when an update waits for it.
	r.msgs.speculative = 0
	r.scheduleTask()
	_ = r.runTask()
}

// closeOpenTask forgets the open task; the caller completes or fails it.
func (r *workflowRun) closeOpenTask() {
	if ot := r.local.openTask(); ot != nil {
		ot.heartbeat.Stop()
		r.local.more.open = nil
	}
}

// heldOpen reports whether the run's task is held open by its local
// activities: what arrives for the run waits (bufferEvent).
func (r *workflowRun) heldOpen() bool { return r.local.openTask() != nil }

// bufferEvent reports whether the run's task is held open by its local
// activities, and if so queues record, which records an event that arrives
// for the run now, to run after the task's commands as the server's buffer
// is flushed. The events keep the instant they arrived.
func (r *workflowRun) bufferEvent(record func()) bool {
	if !r.heldOpen() {
		return false
	}
	at := r.env.clock.Now()
	r.afterCommands = append(r.afterCommands, func() {
		n, now := len(r.history.Events), r.env.clock.Now()
		record()
		for _, ev := range r.history.Events[n:] {
			if ev.EventTime.Equal(now) { // not an attempt's start, say
				ev.EventTime = at
			}
		}
	})
	return true
}

// taskHoldsEvents reports whether an event that arrives for the run now
// must wait for its workflow task: one held open by local activities
// (heldOpen), or one under way whose commands are not recorded yet
// (midTask). The server writes such events after the task's commands.
func (r *workflowRun) taskHoldsEvents() bool { return r.heldOpen() || r.midTask() }

// holdForTask queues record, which records an event that arrived for the
// run, to run after the task's commands, when taskHoldsEvents: stamped with
// the instant it arrived if the task is held open (bufferEvent). Callers
// test taskHoldsEvents first, so that record's closure is only made when
// it waits.
func (r *workflowRun) holdForTask(record func()) {
	if !r.bufferEvent(record) {
		r.afterCommands = append(r.afterCommands, record)
	}
}

// buffered is how many events wait in the server's buffer when the task
// completes with cmds: a timer the commands cancel takes its buffered
// TimerFired away, as the server drops it then.
func (r *workflowRun) buffered(t *openTask, cmds []run.Command) int {
	n := len(r.afterCommands)
	for _, id := range t.firedTimers {
		for i := range cmds {
			if cmds[i].Kind == run.CommandCancelTimer && cmds[i].ID == id {
				n--
				break
			}
		}
	}
	return n
}
