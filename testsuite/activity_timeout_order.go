package testsuite

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/simclock"
)

// An activity's timeouts due at one virtual instant are taken in the order
// a server takes them, whatever order their timers fire in (the order they
// were made, or the explorer's). The server sorts an activity's timers by
// due time and then by type (StartToClose, ScheduleToStart,
// ScheduleToClose, Heartbeat), and the first closes or retries the attempt.
// But an attempt starts strictly after it was scheduled on a real server,
// so an attempt's StartToClose and Heartbeat deadlines, counted from its
// start, fall after a ScheduleToClose deadline they tie with in virtual
// time (a StartToClose the server capped to the ScheduleToClose timeout,
// say); between timeouts counted from the same instant, the type order
// holds. Hence: ScheduleToStart, ScheduleToClose, StartToClose, Heartbeat.

// timeoutFired handles the timeout of type fired whose timer fired, or the
// one due at the same instant that comes before it.
func (t *activityTask) timeoutFired(fired wfsim.TimeoutType) {
	if t.closed() {
		return
	}
	switch tt := t.firstDue(fired); tt {
	case wfsim.TimeoutTypeStartToClose, wfsim.TimeoutTypeHeartbeat:
		t.attemptTimedOut(timeoutFailure(tt))
	default:
		t.timedOut(tt)
	}
}

// firstDue returns fired or the timeout due now that comes before it,
// whose timer it then stops.
func (t *activityTask) firstDue(fired wfsim.TimeoutType) wfsim.TimeoutType {
	now := t.run.env.clock.Now()
	take := func(tm *simclock.Timer) bool { return tm != nil && tm.When().Equal(now) && tm.Stop() }
	if fired == wfsim.TimeoutTypeScheduleToStart {
		return fired
	}
	if x := t.extras; x != nil && take(x.scheduleToStart) {
		return wfsim.TimeoutTypeScheduleToStart
	}
	if fired == wfsim.TimeoutTypeScheduleToClose {
		return fired
	}
	if take(t.scheduleToClose) {
		return wfsim.TimeoutTypeScheduleToClose
	}
	if fired == wfsim.TimeoutTypeStartToClose {
		return fired
	}
	// While the attempt runs, t.timer is its StartToClose timeout.
	if t.started && !t.retrying && t.attrs().StartToCloseTimeout > 0 && take(t.timer) {
		return wfsim.TimeoutTypeStartToClose
	}
	return fired
}
