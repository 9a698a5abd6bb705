package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
)

// workflowTimer is a timer the workflow started with a StartTimer command,
// pending on the clock until it fires or is canceled.
//
// A run reuses the workflowTimers of timers that fired or were canceled
// (workflowRun.spareTimers): a workflow that sleeps in a loop then costs no
// allocation per timer. Re-arming the same simclock.Timer with Reset gives
// it a new place in creation order, exactly as a new AfterFunc would.
type workflowTimer struct {
	run       *workflowRun
	id        string
	startedID int64 // its TimerStarted event
	clock     *simclock.Timer
}

// newTimer returns a workflowTimer for timer id, spare or new, not armed.
func (r *workflowRun) newTimer(id string, startedID int64) *workflowTimer {
	var t *workflowTimer
	if n := len(r.spareTimers); n > 0 {
		t = r.spareTimers[n-1]
		r.spareTimers[n-1] = nil
		r.spareTimers = r.spareTimers[:n-1]
	} else {
		t = &workflowTimer{run: r}
	}
	t.id, t.startedID = id, startedID
	return t
}

// arm makes t fire d from now. Its simclock.Timer is made on first use and
// re-armed after.
func (t *workflowTimer) arm(d time.Duration) {
	if t.clock == nil {
		t.clock = t.run.env.clock.AfterFunc(d, t.fire)
		return
	}
	t.clock.Reset(d)
}

// tableKey files a pending timer under its ID (workflowRun.timers).
func (t *workflowTimer) tableKey() string { return t.id }

// When reports the instant the timer is due.
func (t *workflowTimer) When() time.Time { return t.clock.When() }

// fire records TimerFired and schedules a workflow task for it; t is spare
// afterwards.
func (t *workflowTimer) fire() {
	r := t.run
	if r.heldOpen() && !r.closed {
		// Buffered while a task is open (local_task.go): a CancelTimer
		// among its commands cancels it still, as the server drops a
		// buffered TimerFired of a timer the task cancels.
		id := t.id
		ot := r.local.openTask()
		ot.firedTimers = append(ot.firedTimers, id)
		r.bufferEvent(func() {
			if r.timers.get(id) == t {
				t.fire()
			}
		})
		return
	}
	r.timers.remove(t)
	if !r.closed {
		r.rec.add(replay.EventTypeTimerFired, func(ev *replay.Event) {
			a := fromSlab(&r.rec, &r.rec.timerFired)
			a.TimerID, a.StartedEventID = t.id, t.startedID
			ev.Attributes = a
		})
		r.scheduleTask()
	}
	id := t.id
	r.spareTimers = append(r.spareTimers, t)
	if !r.closed {
		r.env.timerFiredListener(id)
	}
}
