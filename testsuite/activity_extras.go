package testsuite

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
)

// What only some activities use: heartbeats and their timeout, and
// cancellation (see activityTask, activity_task.go).

// taskExtras is the part of an activityTask that only some activities
// use: heartbeats, a ScheduleToStart wait, a cancellation, retries. Apart, it keeps
// the activityTask in a smaller size class.
type taskExtras struct {
	// priority is the activity's task priority, merged over its
	// workflow's (see tokenRef.hasPriority); nil when neither has one.
	priority *wfsim.Priority
	// heartbeatDetails are the last details recorded, by any attempt.
	heartbeatDetails *converter.Payloads
	cancelEventID    int64
	scheduleToStart  *simclock.Timer
	// heartbeat is the running attempt's heartbeat timeout, for attempt
	// heartbeatAttempt; a heartbeat re-arms it with Reset.
	heartbeat        *simclock.Timer
	heartbeatAttempt int32
	// batch is the worker's throttle of the attempt's heartbeats
	// (heartbeat_throttle.go), made at the first heartbeat: apart, it
	// keeps the extras of activities that only have a heartbeat timeout
	// in their size class.
	batch *heartbeatBatch
	// lastFailure is the failure of the attempt before the current one
	// (the server's RetryLastFailure): here, with what few activities
	// need, it keeps activityTask in its size class.
	lastFailure *wfsim.Failure
	// longToken is the task token when it does not fit in the task's
	// tokenBuf (see tokenRef.tokenLen), which none of the environment's
	// run IDs needs; set before the token is published.
	longToken *[]byte
}

// more returns the task's extras, made on first use.
func (t *activityTask) more() *taskExtras {
	if t.extras == nil {
		t.extras = &taskExtras{}
	}
	return t.extras
}

// lastFailure returns the failure of the attempt before the current one,
// nil for a first attempt.
func (t *activityTask) lastFailure() *wfsim.Failure {
	if t.extras == nil {
		return nil
	}
	return t.extras.lastFailure
}

// heartbeatDetails returns the details of the task's last heartbeat.
func (t *activityTask) heartbeatDetails() *converter.Payloads {
	if t.extras == nil {
		return nil
	}
	return t.extras.heartbeatDetails
}

// armHeartbeat (re-)arms the running attempt's heartbeat timeout, if it
// has one; a Stop and a Reset take the places in creation order that a
// Stop and a new timer would.
func (t *activityTask) armHeartbeat() {
	x := t.extras
	if x != nil && x.heartbeat != nil {
		x.heartbeat.Stop()
	}
	if t.attrs().HeartbeatTimeout <= 0 {
		return
	}
	x = t.more()
	x.heartbeatAttempt = t.attempt
	if x.heartbeat == nil {
		x.heartbeat = t.run.env.clock.AfterFirer(t.attrs().HeartbeatTimeout, (*heartbeatFirer)(t))
		return
	}
	x.heartbeat.Reset(t.attrs().HeartbeatTimeout)
}

// heartbeatFired times out the attempt the heartbeat timer was armed for,
// if it still runs.
func (t *activityTask) heartbeatFired() {
	if t.current(t.extras.heartbeatAttempt) {
		t.timeoutFired(wfsim.TimeoutTypeHeartbeat)
	}
}

// recordHeartbeat is a heartbeat of attempt reaching the server: sent by the
// worker's throttle (heartbeat_throttle.go), or by RecordActivityHeartbeat,
// through which a pending activity (ErrResultPending) heartbeats. It keeps
// the attempt alive against its heartbeat timeout, and its details are
// those a retry and a heartbeat timeout carry.
func (t *activityTask) recordHeartbeat(attempt int32, details *converter.Payloads) {
	if !t.current(attempt) {
		return
	}
	t.more().heartbeatDetails = details
	t.armHeartbeat()
	t.run.env.listeners.activityHeartbeat(t, details)
}

// cancelEventID is the ID of the ActivityTaskCancelRequested event, or 0.
func (t *activityTask) cancelEventID() int64 {
	if t.extras == nil {
		return 0
	}
	return t.extras.cancelEventID
}

// notStartedDetails is what the server records as the details of an
// activity canceled before any attempt started.
const notStartedDetails = "ACTIVITY_ID_NOT_STARTED"

// requestCancelActivity records the cancel request. An activity whose
// attempt has not started (waiting for a worker, or in a retry backoff) is
// canceled at once, as the server does; a running attempt sees its context
// canceled, and the activity stays open until it acknowledges (returns a
// CanceledError or the context's error), completes, fails or times out.
func (e *environment) requestCancelActivity(r *workflowRun, activityID string, completedID int64) {
	var t *activityTask
	for _, a := range r.activities.sorted() {
		if a.attrs().ActivityID == activityID {
			t = a
		}
	}
	var scheduledID int64
	if t != nil {
		scheduledID = t.scheduledID()
	} else {
		for _, ev := range r.history.Events {
			if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil && a.ActivityID == activityID {
				scheduledID = ev.EventID
			}
		}
	}
	ev := r.rec.add(replay.EventTypeActivityTaskCancelRequested, func(ev *replay.Event) {
		ev.Attributes = &replay.ActivityTaskCancelRequestedEventAttributes{ScheduledEventID: scheduledID, WorkflowTaskCompletedEventID: completedID}
	})
	if t == nil {
		// Already closed: the request is recorded and has no effect.
		return
	}
	t.cancelRequested = true
	t.more().cancelEventID = ev.EventID
	if !t.started {
		details, _ := toPayloads(e.dc, notStartedDetails)
		if r.handling {
			// The server buffers ActivityTaskCanceled until the task's
			// other commands are recorded.
			r.afterCommands = append(r.afterCommands, func() { t.canceled(details) })
			return
		}
		t.canceled(details)
		return
	}
	if t.ctx != nil {
		t.ctx.cancel()
	}
}
