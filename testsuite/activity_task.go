package testsuite

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
)

// defaultMaximumAttempts bounds the retries of an activity whose retry policy
// sets no maximum, so an always-failing activity ends. The server retries
// without bound; Temporal's test environment uses the same bound.
const defaultMaximumAttempts = 10

// activityTask is one scheduled activity, across all of its attempts: the
// server's side of ScheduleActivityTask.
type activityTask struct {
	env         *environment
	run         *workflowRun
	scheduledID int64
	attrs       run.ScheduleActivity
	policy      wfsim.RetryPolicy
	scheduled   time.Time
	token       []byte

	attempt        int32
	attemptStarted time.Time
	// gen counts attempts, so a late result of an earlier attempt (one that
	// timed out) is told apart and dropped.
	gen              int
	running          bool
	heartbeatDetails converter.Payloads
	lastFailure      *wfsim.Failure
	cancelRequested  bool
	closed           bool

	scheduleToClose *simclock.Timer
	scheduleToStart *simclock.Timer
	startToClose    *simclock.Timer
	heartbeat       *simclock.Timer
	retry           *simclock.Timer
	finish          *simclock.Timer
	// cancel cancels the running attempt's context.
	cancel func()
}

// deriveTimeouts fills unset activity timeouts the way the server does.
func deriveTimeouts(a *run.ScheduleActivity, runTimeout time.Duration) {
	switch {
	case a.ScheduleToCloseTimeout > 0:
		if a.ScheduleToStartTimeout <= 0 || a.ScheduleToStartTimeout > a.ScheduleToCloseTimeout {
			a.ScheduleToStartTimeout = a.ScheduleToCloseTimeout
		}
		if a.StartToCloseTimeout <= 0 || a.StartToCloseTimeout > a.ScheduleToCloseTimeout {
			a.StartToCloseTimeout = a.ScheduleToCloseTimeout
		}
	default:
		a.ScheduleToCloseTimeout = runTimeout
		if a.ScheduleToStartTimeout <= 0 {
			a.ScheduleToStartTimeout = runTimeout
		}
	}
	if runTimeout > 0 {
		a.ScheduleToCloseTimeout = min(a.ScheduleToCloseTimeout, runTimeout)
		a.ScheduleToStartTimeout = min(a.ScheduleToStartTimeout, runTimeout)
		a.StartToCloseTimeout = min(a.StartToCloseTimeout, runTimeout)
	}
}

// retryPolicyOf returns the policy with the server's defaults filled in.
func retryPolicyOf(p *wfsim.RetryPolicy) wfsim.RetryPolicy {
	var out wfsim.RetryPolicy
	if p != nil {
		out = *p
	}
	if out.InitialInterval <= 0 {
		out.InitialInterval = time.Second
	}
	if out.BackoffCoefficient == 0 {
		out.BackoffCoefficient = 2
	}
	if out.MaximumInterval <= 0 {
		out.MaximumInterval = 100 * out.InitialInterval
	}
	if out.MaximumAttempts == 0 {
		out.MaximumAttempts = defaultMaximumAttempts
	}
	return out
}

func (e *environment) scheduleActivity(r *workflowRun, a *run.ScheduleActivity, completedID int64) {
	attrs := *a
	deriveTimeouts(&attrs, e.runTimeout)
	policy := retryPolicyOf(attrs.RetryPolicy)
	ev := r.rec.add(replay.EventTypeActivityTaskScheduled, func(ev *replay.Event) {
		ev.ActivityTaskScheduled = &replay.ActivityTaskScheduledEventAttributes{
			ActivityID:                   attrs.ActivityID,
			ActivityType:                 replay.ActivityType{Name: attrs.ActivityType},
			TaskQueue:                    replay.TaskQueue{Name: attrs.TaskQueue, Kind: replay.TaskQueueKindNormal},
			Input:                        attrs.Input,
			ScheduleToCloseTimeout:       attrs.ScheduleToCloseTimeout,
			ScheduleToStartTimeout:       attrs.ScheduleToStartTimeout,
			StartToCloseTimeout:          attrs.StartToCloseTimeout,
			HeartbeatTimeout:             attrs.HeartbeatTimeout,
			WorkflowTaskCompletedEventID: completedID,
			RetryPolicy: &replay.RetryPolicy{
				InitialInterval:        policy.InitialInterval,
				BackoffCoefficient:     policy.BackoffCoefficient,
				MaximumInterval:        policy.MaximumInterval,
				MaximumAttempts:        policy.MaximumAttempts,
				NonRetryableErrorTypes: policy.NonRetryableErrorTypes,
			},
		}
	})
	t := &activityTask{
		env:         e,
		run:         r,
		scheduledID: ev.EventID,
		attrs:       attrs,
		policy:      policy,
		scheduled:   e.clock.Now(),
		attempt:     1,
	}
	t.token = []byte(r.id + "/" + r.runID + "/" + strconv.FormatInt(ev.EventID, 10))
	r.activities[ev.EventID] = t
	e.tokens[string(t.token)] = t
	if attrs.ScheduleToCloseTimeout > 0 {
		t.scheduleToClose = e.clock.AfterFunc(attrs.ScheduleToCloseTimeout, func() {
			t.timedOut(wfsim.TimeoutTypeScheduleToClose, wfsim.RetryStateTimeout)
		})
	}
	t.dispatch()
}

// dispatch hands the current attempt to a worker. With no worker for the
// activity's task queue it waits, and its ScheduleToStart timeout runs.
func (t *activityTask) dispatch() {
	if !t.env.hasWorker(t.attrs.TaskQueue, t.attrs.ActivityType) {
		if t.attrs.ScheduleToStartTimeout > 0 {
			t.scheduleToStart = t.env.clock.AfterFunc(t.attrs.ScheduleToStartTimeout, func() {
				t.timedOut(wfsim.TimeoutTypeScheduleToStart, wfsim.RetryStateNonRetryableFailure)
			})
		}
		return
	}
	// Attempts start in the order they were scheduled, at the instant they
	// were dispatched.
	t.env.clock.AfterFunc(0, t.start)
}

func (t *activityTask) start() {
	if t.closed {
		return
	}
	t.gen++
	t.running = true
	t.attemptStarted = t.env.clock.Now()
	gen := t.gen
	if t.attrs.StartToCloseTimeout > 0 {
		t.startToClose = t.env.clock.AfterFunc(t.attrs.StartToCloseTimeout, func() {
			if t.gen == gen && t.running {
				t.attemptFailed(timeoutFailure(wfsim.TimeoutTypeStartToClose, nil), wfsim.TimeoutTypeStartToClose)
			}
		})
	}
	t.armHeartbeat()
	t.env.listeners.activityStarted(t)
	t.env.execute(t, gen)
}

func (t *activityTask) armHeartbeat() {
	if t.heartbeat != nil {
		t.heartbeat.Stop()
	}
	if t.attrs.HeartbeatTimeout <= 0 {
		return
	}
	gen := t.gen
	t.heartbeat = t.env.clock.AfterFunc(t.attrs.HeartbeatTimeout, func() {
		if t.gen == gen && t.running {
			t.attemptFailed(timeoutFailure(wfsim.TimeoutTypeHeartbeat, t.heartbeatDetails), wfsim.TimeoutTypeHeartbeat)
		}
	})
}

// recordHeartbeat keeps the attempt alive against its heartbeat timeout.
func (t *activityTask) recordHeartbeat(gen int, details converter.Payloads) {
	if t.closed || gen != t.gen || !t.running {
		return
	}
	t.heartbeatDetails = details
	t.armHeartbeat()
	t.env.listeners.activityHeartbeat(t, details)
}

func timeoutFailure(tt wfsim.TimeoutType, details converter.Payloads) *wfsim.Failure {
	return &wfsim.Failure{
		Message:            fmt.Sprintf("activity %s timeout", tt),
		Source:             "Server",
		TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: tt, LastHeartbeatDetails: details},
	}
}

func (t *activityTask) stopAttemptTimers() {
	for _, tm := range []*simclock.Timer{t.startToClose, t.heartbeat, t.finish} {
		if tm != nil {
			tm.Stop()
		}
	}
	t.running = false
}

func (t *activityTask) stopAll() {
	t.stopAttemptTimers()
	for _, tm := range []*simclock.Timer{t.scheduleToClose, t.scheduleToStart, t.retry} {
		if tm != nil {
			tm.Stop()
		}
	}
	t.closed = true
	delete(t.run.activities, t.scheduledID)
}

// abandon drops the activity because its workflow closed.
func (t *activityTask) abandon() { t.stopAll() }

// completed records the attempt's success.
func (t *activityTask) completed(gen int, result converter.Payloads) {
	if t.closed || gen != t.gen {
		return
	}
	t.stopAll()
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskCompleted, func(ev *replay.Event) {
		ev.ActivityTaskCompleted = &replay.ActivityTaskCompletedEventAttributes{Result: result, ScheduledEventID: t.scheduledID, StartedEventID: started, Identity: defaultIdentity}
	})
	t.env.listeners.activityCompleted(t, result, nil)
	t.run.scheduleTask()
}

// failed handles an error returned by the attempt.
func (t *activityTask) failed(gen int, err error) {
	if t.closed || gen != t.gen {
		return
	}
	if t.cancelRequested && wfsim.IsCanceledError(err) {
		t.canceled(err)
		return
	}
	t.env.listeners.activityCompleted(t, nil, err)
	f := wfsim.GetDefaultFailureConverter().ErrorToFailure(err)
	t.attemptFailed(f, wfsim.TimeoutTypeUnspecified)
}

func (t *activityTask) canceled(err error) {
	var details converter.Payloads
	if f := wfsim.GetDefaultFailureConverter().ErrorToFailure(err); f.CanceledFailureInfo != nil {
		details = f.CanceledFailureInfo.Details
	}
	t.stopAll()
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskCanceled, func(ev *replay.Event) {
		ev.ActivityTaskCanceled = &replay.ActivityTaskCanceledEventAttributes{Details: details, LatestCancelRequestedEventID: t.cancelRequestedID(), ScheduledEventID: t.scheduledID, StartedEventID: started, Identity: defaultIdentity}
	})
	t.env.listeners.activityCanceled(t)
	t.run.scheduleTask()
}

func (t *activityTask) cancelRequestedID() int64 {
	for i := len(t.run.history.Events) - 1; i >= 0; i-- {
		ev := t.run.history.Events[i]
		if ev.ActivityTaskCancelRequested != nil && ev.ActivityTaskCancelRequested.ScheduledEventID == t.scheduledID {
			return ev.EventID
		}
	}
	return 0
}

// attemptFailed decides between a retry and the activity's final failure,
// by the retry policy's rules.
func (t *activityTask) attemptFailed(f *wfsim.Failure, timeout wfsim.TimeoutType) {
	t.stopAttemptTimers()
	t.lastFailure = f
	state, backoff := t.retryDecision(f, timeout)
	if state == wfsim.RetryStateInProgress {
		t.attempt++
		t.gen++ // results of the failed attempt are stale from now on
		t.retry = t.env.clock.AfterFunc(backoff, t.dispatch)
		return
	}
	t.stopAll()
	started := t.recordStarted()
	if timeout != wfsim.TimeoutTypeUnspecified {
		t.run.rec.add(replay.EventTypeActivityTaskTimedOut, func(ev *replay.Event) {
			ev.ActivityTaskTimedOut = &replay.ActivityTaskTimedOutEventAttributes{Failure: f, ScheduledEventID: t.scheduledID, StartedEventID: started, RetryState: state}
		})
	} else {
		t.run.rec.add(replay.EventTypeActivityTaskFailed, func(ev *replay.Event) {
			ev.ActivityTaskFailed = &replay.ActivityTaskFailedEventAttributes{Failure: f, ScheduledEventID: t.scheduledID, StartedEventID: started, Identity: defaultIdentity, RetryState: state}
		})
	}
	t.run.scheduleTask()
}

// retryDecision applies the retry policy: RetryStateInProgress and the
// backoff for a retry, or the state that ends the activity.
func (t *activityTask) retryDecision(f *wfsim.Failure, timeout wfsim.TimeoutType) (wfsim.RetryState, time.Duration) {
	if timeout == wfsim.TimeoutTypeUnspecified {
		if info := f.ApplicationFailureInfo; info != nil {
			if info.NonRetryable {
				return wfsim.RetryStateNonRetryableFailure, 0
			}
			for _, nr := range t.policy.NonRetryableErrorTypes {
				if nr == info.Type {
					return wfsim.RetryStateNonRetryableFailure, 0
				}
			}
		}
	}
	if t.policy.MaximumAttempts == 1 {
		return wfsim.RetryStateRetryPolicyNotSet, 0
	}
	if t.policy.MaximumAttempts > 0 && t.attempt >= t.policy.MaximumAttempts {
		return wfsim.RetryStateMaximumAttemptsReached, 0
	}
	backoff := backoffFor(t.policy, t.attempt)
	if info := f.ApplicationFailureInfo; info != nil && info.NextRetryDelay > 0 {
		backoff = info.NextRetryDelay
	}
	if t.attrs.ScheduleToCloseTimeout > 0 {
		deadline := t.scheduled.Add(t.attrs.ScheduleToCloseTimeout)
		if !t.env.clock.Now().Add(backoff).Before(deadline) {
			return wfsim.RetryStateTimeout, 0
		}
	}
	return wfsim.RetryStateInProgress, backoff
}

// backoffFor returns the wait before attempt+1: InitialInterval ×
// BackoffCoefficient^(attempt-1), capped at MaximumInterval.
func backoffFor(p wfsim.RetryPolicy, attempt int32) time.Duration {
	d := float64(p.InitialInterval) * math.Pow(p.BackoffCoefficient, float64(attempt-1))
	if d > float64(p.MaximumInterval) || math.IsInf(d, 0) {
		return p.MaximumInterval
	}
	return time.Duration(d)
}

// timedOut ends the activity with a ScheduleToClose or ScheduleToStart
// timeout, which are never retried.
func (t *activityTask) timedOut(tt wfsim.TimeoutType, state wfsim.RetryState) {
	if t.closed {
		return
	}
	f := timeoutFailure(tt, t.heartbeatDetails)
	if t.lastFailure != nil && tt == wfsim.TimeoutTypeScheduleToClose {
		f.Cause = t.lastFailure
	}
	t.stopAll()
	started := t.recordStarted()
	t.run.rec.add(replay.EventTypeActivityTaskTimedOut, func(ev *replay.Event) {
		ev.ActivityTaskTimedOut = &replay.ActivityTaskTimedOutEventAttributes{Failure: f, ScheduledEventID: t.scheduledID, StartedEventID: started, RetryState: state}
	})
	t.run.scheduleTask()
}

// recordStarted records the ActivityTaskStarted event of the last attempt,
// which the server writes only when the activity closes. It returns its ID,
// or 0 when no attempt started.
func (t *activityTask) recordStarted() int64 {
	if t.gen == 0 {
		return 0
	}
	ev := t.run.rec.add(replay.EventTypeActivityTaskStarted, func(ev *replay.Event) {
		ev.ActivityTaskStarted = &replay.ActivityTaskStartedEventAttributes{ScheduledEventID: t.scheduledID, Identity: defaultIdentity, RequestID: t.env.nextRequestID(), Attempt: t.attempt, LastFailure: t.lastFailure}
	})
	ev.EventTime = t.attemptStarted
	return ev.EventID
}

// requestCancelActivity records the cancel request; a running attempt sees
// its context canceled and a waiting one is canceled at once.
func (e *environment) requestCancelActivity(r *workflowRun, activityID string, completedID int64) {
	var t *activityTask
	for _, a := range r.activities {
		if a.attrs.ActivityID == activityID {
			t = a
		}
	}
	if t == nil {
		return
	}
	r.rec.add(replay.EventTypeActivityTaskCancelRequested, func(ev *replay.Event) {
		ev.ActivityTaskCancelRequested = &replay.ActivityTaskCancelRequestedEventAttributes{ScheduledEventID: t.scheduledID, WorkflowTaskCompletedEventID: completedID}
	})
	t.cancelRequested = true
	if !t.running {
		t.canceled(wfsim.NewCanceledError())
		return
	}
	e.cancelAttempt(t)
}
