package testsuite

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
)

// The events an activity task records in its run's history, as a server
// records them for the attempts it hands out and the results it gets.

// recordCompleted records the current attempt's ActivityTaskStarted and
// its ActivityTaskCompleted with result, and schedules a workflow task.
func (t *activityTask) recordCompleted(result *converter.Payloads) {
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskCompleted, func(ev *replay.Event) {
		a := fromSlab(&t.run.rec, &t.run.rec.activityCompleted) // zeroed: see scheduleActivity
		a.Result, a.ScheduledEventID, a.StartedEventID, a.Identity = result, t.scheduledID(), started, t.run.env.workerIdentity()
		ev.Attributes = a
	})
	t.run.scheduleTask()
}

// recordStarted records the ActivityTaskStarted event of the current
// attempt, which the server writes only when the activity closes, stamped
// with the attempt's start. It returns its ID, or 0 when the current
// attempt had not started (waiting for a worker or in a retry backoff).
func (t *activityTask) recordStarted() int64 {
	if !t.started {
		return 0
	}
	t.started = false
	ev := t.run.rec.add(replay.EventTypeActivityTaskStarted, func(ev *replay.Event) {
		a := fromSlab(&t.run.rec, &t.run.rec.activityStarted) // zeroed: see scheduleActivity
		a.ScheduledEventID, a.Identity, a.RequestID = t.scheduledID(), t.run.env.workerIdentity(), t.run.env.nextRequestID()
		a.Attempt, a.LastFailure = t.attempt, t.lastFailure()
		ev.Attributes = a
	})
	ev.EventTime = t.attemptStarted()
	return ev.EventID
}

func (t *activityTask) recordFailed(f *wfsim.Failure, state wfsim.RetryState) {
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskFailed, func(ev *replay.Event) {
		ev.Attributes = &replay.ActivityTaskFailedEventAttributes{Failure: f, ScheduledEventID: t.scheduledID(), StartedEventID: started, Identity: t.run.env.workerIdentity(), RetryState: state}
	})
	t.run.scheduleTask()
}

func (t *activityTask) recordTimedOut(f *wfsim.Failure, state wfsim.RetryState) {
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskTimedOut, func(ev *replay.Event) {
		ev.Attributes = &replay.ActivityTaskTimedOutEventAttributes{Failure: f, ScheduledEventID: t.scheduledID(), StartedEventID: started, RetryState: state}
	})
	t.run.scheduleTask()
}

func (t *activityTask) recordCanceled(details *converter.Payloads) {
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskCanceled, func(ev *replay.Event) {
		ev.Attributes = &replay.ActivityTaskCanceledEventAttributes{Details: details, LatestCancelRequestedEventID: t.cancelEventID(), ScheduledEventID: t.scheduledID(), StartedEventID: started, Identity: t.run.env.workerIdentity()}
	})
	t.run.scheduleTask()
}
