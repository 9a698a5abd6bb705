package testsuite

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/simclock"
)

// activityTask is one scheduled activity across all of its attempts: the
// server's side of ScheduleActivityTask. Everything here runs on the
// simulation goroutine; what other goroutines need (the task token's state)
// is kept in ref, under environment.mu.
//
// # Same-instant rule
//
// Timeouts, retries and mocked completions are items on the virtual clock,
// and items due at one instant run in the order they were put on the clock.
// An attempt's StartToClose and Heartbeat timers are armed when the attempt
// starts, before its activity code runs, and its ScheduleToClose timer when
// the activity is scheduled. So when an attempt finishes at exactly the
// instant one of its timeouts falls due — a mock with After(d) equal to
// StartToCloseTimeout, or real activity code that returns exactly at its
// deadline — the timeout wins: the attempt times out, and its result is
// dropped as the server drops a late response. Results of real activity
// code running in goroutines (inside a synctest bubble) at an instant are
// applied after every clock item due at that instant, in schedule order.
type activityTask struct {
	// run is the workflow run that scheduled the task; its env is the
	// task's environment (one pointer fewer keeps the task in its size
	// class).
	run *workflowRun
	// scheduledEv is the task's ActivityTaskScheduled event, whose ID,
	// time and attributes (scheduledID, scheduledTime, attrs) never change
	// once recorded. One pointer in place of all three saves 120 bytes.
	// The task is exactly 240 bytes, an allocator size class (the next is
	// 256): mind it when adding a field (TestActivityTaskSizeClass).
	scheduledEv *replay.Event
	// tok is the task token and what other goroutines may read of the
	// activity (under environment.mu), reached by ref; it lives here to
	// save an allocation.
	tok tokenRef
	// tokenBuf holds the task token's bytes when they fit, which they do
	// for the run IDs the environment makes ("run-1/5").
	tokenBuf [16]byte

	attempt int32
	// started says the current attempt was handed to a worker (and not
	// finished); pending says it returned activity.ErrResultPending.
	started         bool
	pending         bool
	cancelRequested bool
	// retrying says timer counts a retry's backoff.
	retrying bool
	// startedAfter is when the current (or last) attempt started, after
	// the activity was scheduled (attemptStarted), or notStarted: 8 bytes
	// rather than a time.Time's 24.
	startedAfter time.Duration

	// timer is the task's one timer for the roles it plays in turn: the
	// start of a dispatched attempt, the running attempt's StartToClose
	// timeout (while started, when the attempt has one), and the backoff
	// before a retry (when retrying). Re-arming it with Reset takes a
	// new place in creation order exactly as a new timer would, and saves
	// a timer per role (see timerFired).
	timer           *simclock.Timer
	scheduleToClose *simclock.Timer
	finish          *simclock.Timer
	// ctx is the running attempt's context, which stopping the attempt
	// cancels.
	ctx *attemptCtx
	// extras holds what few activities need, made when first needed.
	extras *taskExtras
	// firstCtx is the first attempt's context, in the task's allocation
	// (later attempts, fewer, have one each; see newAttemptCtx).
	firstCtx attemptCtx
}

// attrs returns the attributes the task was scheduled with, as its
// ActivityTaskScheduled event records them: the command's, with the
// timeouts the server derived. The simulation changes no event once
// recorded, so the task reads them there rather than keeping a copy (96
// bytes per activity), as it does its scheduled event's ID and time and
// its retry policy (recordedPolicy). (A test
// that edits a handed-out history's event mid-run edits these, as it
// already did the event's ID and time.)
func (t *activityTask) attrs() *replay.ActivityTaskScheduledEventAttributes {
	return t.scheduledEv.Attributes.(*replay.ActivityTaskScheduledEventAttributes)
}

// recordedPolicy is the retry policy of the task's ActivityTaskScheduled
// event, as recorded: also the policy the simulation follows
// (retryPolicy). While the history is the simulation's own, activities
// scheduled alike share it (recorder.retryPolicy).
func (t *activityTask) recordedPolicy() *replay.RetryPolicy { return t.attrs().RetryPolicy }

// order is the activity's place in schedule order across the
// environment: results arriving at one instant are applied in it.
func (t *activityTask) order() int64 { return t.tok.order() }

// scheduledID is the ID of the task's ActivityTaskScheduled event.
func (t *activityTask) scheduledID() int64 { return t.scheduledEv.EventID }

// scheduledTime is when the task was scheduled.
func (t *activityTask) scheduledTime() time.Time { return t.scheduledEv.EventTime }

// notStarted is startedAfter before the first attempt starts.
const notStarted time.Duration = -1

// attemptStarted is when the current (or last) attempt started, zero
// before the first did: exactly the time.Time the clock gave, as both it
// and the scheduled time are the clock's start plus durations, in its
// location (see attemptCtx.startedTime).
func (t *activityTask) attemptStarted() time.Time {
	if t.startedAfter == notStarted {
		return time.Time{}
	}
	return t.scheduledTime().Add(t.startedAfter)
}

// closed says the activity closed: its token says why. Only this
// goroutine writes that, so reading it needs no lock.
func (t *activityTask) closed() bool { return t.tok.closed != open }

// ref is the task's token and what other goroutines may read of it.
func (t *activityTask) ref() *tokenRef { return &t.tok }

func (e *environment) scheduleActivity(r *workflowRun, c *run.Command, completedID int64) {
	attrs := *c.Activity
	deriveTimeouts(&attrs, r.link.spec.runTimeout) // the run's own run timeout, as the server caps by it
	policy := retryPolicyOf(attrs.RetryPolicy)
	e.activitySeq++
	t := &activityTask{
		run:          r,
		attempt:      1,
		startedAfter: notStarted,
	}
	ev := r.rec.add(replay.EventTypeActivityTaskScheduled, func(ev *replay.Event) {
		// The history holds the policy as the server stores it: an unset
		// maximum stays 0 (unlimited), even though the simulation bounds
		// it (defaultMaximumAttempts).
		recorded := r.rec.retryPolicy(replay.RetryPolicy{
			InitialInterval:        policy.InitialInterval,
			BackoffCoefficient:     policy.BackoffCoefficient,
			MaximumInterval:        policy.MaximumInterval,
			MaximumAttempts:        givenMaximumAttempts(attrs.RetryPolicy),
			NonRetryableErrorTypes: policy.NonRetryableErrorTypes,
		})
		// Zeroed slab memory: fields set one by one, not by copying a
		// whole struct, whose every pointer slot would cost a write
		// barrier while the GC runs.
		a := fromSlab(&r.rec, &r.rec.activityScheduled)
		a.ActivityID = c.ID
		a.ActivityType.Name = attrs.ActivityType
		a.TaskQueue.Name, a.TaskQueue.Kind = attrs.TaskQueue, replay.TaskQueueKindNormal
		a.Input = attrs.Input
		a.ScheduleToCloseTimeout = attrs.ScheduleToCloseTimeout
		a.ScheduleToStartTimeout = attrs.ScheduleToStartTimeout
		a.StartToCloseTimeout = attrs.StartToCloseTimeout
		a.HeartbeatTimeout = attrs.HeartbeatTimeout
		a.WorkflowTaskCompletedEventID = completedID
		a.RetryPolicy = recorded
		a.Header = headerOf(attrs.Header)
		a.Priority = recordedPriority(c.Priority)
		ev.Attributes = a
		r.rec.recordSummary(ev, c.Summary)
	})
	t.scheduledEv = ev
	r.activities.put(t)
	// The token is in the task's own buffer when it fits, else in one
	// allocation of its size.
	var tokenLen uint8
	key := r.tokenKey()
	if n := len(key) + 1 + decimalLen(ev.EventID); n <= len(t.tokenBuf) {
		strconv.AppendInt(append(append(t.tokenBuf[:0], key...), '/'), ev.EventID, 10)
		tokenLen = uint8(n)
	} else {
		long := strconv.AppendInt(append(append(make([]byte, 0, n), key...), '/'), ev.EventID, 10)
		t.more().longToken = &long // before addToken, which publishes it
	}
	if p := mergedPriority(r.link.priority, c.Priority); p != nil {
		t.more().priority = p // before addToken, which notes it
	}
	e.addToken(t, tokenLen, e.activitySeq)
	if attrs.ScheduleToCloseTimeout > 0 {
		t.scheduleToClose = e.clock.AfterFirer(attrs.ScheduleToCloseTimeout, (*scheduleToCloseFirer)(t))
	}
	t.dispatch()
}

// dispatch hands the current attempt to a worker polling the activity's task
// queue. With no such worker it waits, and its ScheduleToStart timeout runs.
func (t *activityTask) dispatch() {
	t.retrying = false
	if !t.run.env.hasWorker(t.attrs().TaskQueue.Name, t.attrs().ActivityType.Name) {
		if w := t.run.env.sessions(); w != nil {
			w.wait(t)
		}
		if d := t.attrs().ScheduleToStartTimeout; d > 0 {
			t.more().scheduleToStart = t.run.env.clock.AfterFirer(d, (*scheduleToStartFirer)(t))
		}
		return
	}
	// Attempts start in the order they were dispatched, after what is
	// already due at this instant.
	t.arm(0)
}

// arm (re-)arms the task's timer to fire d from now.
func (t *activityTask) arm(d time.Duration) {
	if t.timer == nil {
		t.timer = t.run.env.clock.AfterFirer(d, t) // t.Fire: no method-value closure
		return
	}
	t.timer.Reset(d)
}

// Fire is the task's timer's call (simclock.Firer): see timerFired.
func (t *activityTask) Fire() { t.timerFired() }

// The task's other timers call it as these types: converting the task's
// pointer to one allocates nothing, where a closure or a method value would.
type (
	scheduleToCloseFirer activityTask
	scheduleToStartFirer activityTask
	heartbeatFirer       activityTask
)

func (f *scheduleToCloseFirer) Fire() {
	(*activityTask)(f).timeoutFired(wfsim.TimeoutTypeScheduleToClose)
}

func (f *scheduleToStartFirer) Fire() {
	(*activityTask)(f).timeoutFired(wfsim.TimeoutTypeScheduleToStart)
}

func (f *heartbeatFirer) Fire() { (*activityTask)(f).heartbeatFired() }

// timerFired serves the task's timer in its three roles: it starts a
// dispatched attempt, times out the running one (StartToClose), or ends a
// retry's backoff. The roles never overlap: an attempt is dispatched when
// none runs, the StartToClose timer is stopped when its attempt ends
// (stopAttempt), and a backoff starts after that.
func (t *activityTask) timerFired() {
	switch {
	case t.closed():
	case t.retrying:
		t.dispatch()
	case !t.started:
		t.start()
	default:
		t.timeoutFired(wfsim.TimeoutTypeStartToClose)
	}
}

func (t *activityTask) start() {
	if t.closed() {
		return
	}
	t.started = true
	t.pending = false
	t.startedAfter = t.run.env.clock.Now().Sub(t.scheduledTime())
	attempt := t.attempt
	if d := t.attrs().StartToCloseTimeout; d > 0 {
		t.arm(d)
	}
	t.armHeartbeat()
	if t.ref().attempt != attempt {
		// Only this goroutine writes the token's attempt: reading it
		// needs no lock (a retry has set it already; see retried).
		t.run.env.setTokenAttempt(t.ref(), attempt, true)
	}
	ctx, ac := t.run.env.attemptContext(t)
	t.ctx = ac
	if t.run.env.workerOpts.intercepting() {
		if ctx = t.intercept(ctx); ctx == nil {
			return // dropped by the worker (interceptors.go)
		}
	}
	if props := t.run.env.reg.propagators(); len(props) > 0 {
		if ctx = t.propagate(ctx, props); ctx == nil {
			return // dropped by the worker: its StartToClose timeout runs
		}
	}
	t.run.env.listeners.activityStarted(t, ctx)
	if !t.current(attempt) {
		return // the listener completed or canceled it
	}
	t.run.env.execute(ctx, t)
}

// current reports whether attempt is the activity's running attempt, so a
// late result or timer of an earlier attempt is told apart and dropped.
func (t *activityTask) current(attempt int32) bool {
	return !t.closed() && t.started && t.attempt == attempt
}

// outcome applies what an attempt returned.
func (t *activityTask) outcome(attempt int32, o outcome) {
	if t.extras != nil {
		// The worker ends the attempt's heartbeat batch before it reports.
		t.endHeartbeatBatch(attempt, o.err != nil || o.pending)
	}
	if !t.current(attempt) || t.pending {
		return
	}
	switch {
	case o.pending:
		t.pending = true
		t.run.env.setTokenPending(t.ref(), true)
	case o.err != nil:
		t.failed(o.err)
	default:
		t.completed(o.result)
	}
}

// completed records the attempt's success.
func (t *activityTask) completed(result *converter.Payloads) {
	l := t.run.env.listeners.completed
	var info *activity.Info
	if l != nil {
		info = t.info()
	}
	t.close(closedCompleted)
	if r := t.run; r.heldOpen() {
		r.bufferEvent(func() { t.recordCompleted(result) }) // local_task.go
	} else {
		t.recordCompleted(result)
	}
	if l != nil {
		l(info, converter.NewEncodedValue(result, t.run.env.dc), nil)
	}
}

// failed handles an error returned by the attempt, as Temporal's worker
// reports it: after a cancellation request, a CanceledError (or the
// context's cancellation) acknowledges it; a CanceledError nobody asked for
// is a failure, "unexpected activity cancel error".
func (t *activityTask) failed(err error) {
	attempt := t.attempt
	t.run.env.listeners.activityCompleted(t, nil, err)
	if !t.current(attempt) {
		return // the listener completed it
	}
	if t.cancelRequested {
		if details, ok := t.cancelAcknowledged(err); ok {
			t.canceled(details)
			return
		}
	}
	if _, ok := err.(*wfsim.CanceledError); ok {
		err = fmt.Errorf("unexpected activity cancel error: %w", err)
	}
	t.attemptFailed(t.run.env.failureConverter().ErrorToFailure(err))
}

// cancelAcknowledged reports whether err acknowledges a cancellation
// request, with the details of its CanceledError. Apart from failed, the
// CanceledError errors.As looks for is allocated only when a cancellation
// was requested.
func (t *activityTask) cancelAcknowledged(err error) (*converter.Payloads, bool) {
	var ce *wfsim.CanceledError
	if errors.As(err, &ce) {
		if ce == nil {
			return nil, true
		}
		return t.run.env.failureConverter().ErrorToFailure(ce).CanceledFailureInfo.Details, true
	}
	return nil, errors.Is(err, context.Canceled)
}

// attemptTimedOut decides between a retry and the activity's end, by the
// server's rules, for a StartToClose or Heartbeat timeout the server fired.
func (t *activityTask) attemptTimedOut(f *wfsim.Failure) {
	state, ok := t.retried(f)
	if !ok {
		t.closeTimedOut(finalTimeoutFailure(f, state, t.heartbeatDetails(), t.lastFailure()), state)
	}
}

// retried schedules the next attempt after f if the retry policy allows
// one, and otherwise reports the retry state the activity closes with.
func (t *activityTask) retried(f *wfsim.Failure) (wfsim.RetryState, bool) {
	state, backoff := t.retryDecision(f)
	if state != wfsim.RetryStateInProgress {
		return state, false
	}
	t.stopAttempt()
	t.more().lastFailure = f
	t.attempt++
	t.run.env.setTokenAttempt(t.ref(), t.attempt, false)
	t.arm(backoff)
	t.retrying = true
	return state, true
}

// attemptFailed decides between a retry and the activity's end, by the
// server's rules, for a failure the worker reported. The server records
// such a failure as it came, in ActivityTaskFailed, even when it is a
// timeout failure (an activity returning a *TimeoutError): only a timeout
// the server fires itself closes the activity with ActivityTaskTimedOut.
func (t *activityTask) attemptFailed(f *wfsim.Failure) {
	state, ok := t.retried(f)
	if ok {
		return
	}
	t.close(closedFailed)
	if r := t.run; r.heldOpen() {
		r.bufferEvent(func() { t.recordFailed(f, state) }) // local_task.go
	} else {
		t.recordFailed(f, state)
	}
}

// timedOut handles a ScheduleToClose or ScheduleToStart timeout, which end
// the activity whatever its retry policy says.
func (t *activityTask) timedOut(tt wfsim.TimeoutType) {
	if t.closed() {
		return
	}
	f := timeoutFailure(tt)
	state, _ := t.retryDecision(f)
	t.closeTimedOut(finalTimeoutFailure(f, state, t.heartbeatDetails(), t.lastFailure()), state)
}

func (t *activityTask) closeTimedOut(f *wfsim.Failure, state wfsim.RetryState) {
	t.close(closedTimedOut)
	if r := t.run; r.heldOpen() {
		r.bufferEvent(func() { t.recordTimedOut(f, state) }) // local_task.go
	} else {
		t.recordTimedOut(f, state)
	}
}

// canceled records the activity's acknowledgement of a cancellation.
func (t *activityTask) canceled(details *converter.Payloads) {
	t.close(closedCanceled)
	if r := t.run; r.heldOpen() {
		r.bufferEvent(func() { t.recordCanceled(details) }) // local_task.go
	} else {
		t.recordCanceled(details)
	}
	t.run.env.listeners.activityCanceled(t)
}

// stopAttempt ends the current attempt: its timers stop and its context is
// canceled.
func (t *activityTask) stopAttempt() {
	if t.started && t.attrs().StartToCloseTimeout > 0 {
		t.timer.Stop() // its StartToClose timeout (see timerFired)
	}
	if x := t.extras; x != nil {
		if x.heartbeat != nil {
			x.heartbeat.Stop()
		}
		t.dropHeartbeatBatch()
	}
	if t.finish != nil {
		t.finish.Stop()
		t.finish = nil
	}
	if t.pending {
		t.run.env.setTokenPending(t.ref(), false)
	}
	t.started, t.pending = false, false
	if t.ctx != nil {
		t.ctx.cancel()
		t.ctx = nil
	}
}

// close ends the activity: every timer stops, the running attempt's context
// is canceled, and its task token answers with why it closed. The
// ActivityTaskStarted event must be recorded after close, which keeps the
// attempt's start (see recordStarted).
func (t *activityTask) close(why closeReason) {
	wasStarted := t.started
	t.stopAttempt()
	t.started = wasStarted
	if t.scheduleToClose != nil {
		t.scheduleToClose.Stop()
	}
	if x := t.extras; x != nil && x.scheduleToStart != nil {
		x.scheduleToStart.Stop()
	}
	if t.retrying {
		t.timer.Stop()
	}
	t.run.env.closeToken(t.ref(), why) // closed from now on
	t.run.activities.remove(t)
}

// abandon drops the activity because its workflow run closed. One whose
// cancellation the workflow had requested, without waiting for it, ends
// canceled for the test's listener, as in Temporal's environment: the
// run closing leaves no event to record it.
func (t *activityTask) abandon() {
	if !t.closed() {
		t.close(closedRunClosed)
		if t.cancelRequested {
			t.run.env.listeners.activityCanceled(t)
		}
	}
}
