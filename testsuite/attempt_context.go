package testsuite

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

// attemptCtx is the context an activity attempt runs with, in one
// allocation: the actenv.Holder of the Env that activity code reads, what the
// attempt's Info is built from when activity code asks for it (its Env's
// Info is the attemptCtx), what its heartbeats need, and its own
// cancellation, which spares the two allocations of context.WithCancel.
//
// It cancels as context.WithCancel(context.Background()) does, with no
// deadline and no values but its Env: Done's
// channel is made when first asked for and closed by cancel, and Err is
// context.Canceled from then on. Contexts derived from it by the standard
// library (WithCancel, WithDeadline, AfterFunc, …) register through its
// AfterFunc method, as they do with any parent that has one, rather than
// with a goroutine each, and are canceled with it, before cancel returns.
type attemptCtx struct {
	actenv.Holder
	// ref leads to the activity (ref.t), whose env never changes.
	ref     *tokenRef
	attempt int32
	// canceled says cancel was called: Err is context.Canceled.
	canceled bool
	// startedAfter is when the attempt started, after the activity was
	// scheduled (startedTime): 8 bytes rather than a time.Time's 24 keep
	// the activityTask, which holds the first attempt's context, in its
	// size class.
	startedAfter time.Duration
	mu           sync.Mutex
	done         chan struct{}
	// after lists what AfterFunc and onCancel registered, in order.
	after *afterFunc
}

// afterFunc is a function registered with AfterFunc.
type afterFunc struct {
	f func()
	// claimed says it was run or stopped.
	claimed bool
	next    *afterFunc
}

// newAttemptCtx returns the context of t's current attempt: its Env is
// filled in, but for the logger.
func newAttemptCtx(e *environment, t *activityTask) *attemptCtx {
	c := &t.firstCtx
	if t.attempt != 1 || c.ref != nil {
		c = new(attemptCtx)
	}
	// c is zeroed memory: the fields are set one by one rather than by
	// copying a whole attemptCtx, whose every pointer slot would cost a
	// write barrier while the GC runs.
	c.ref, c.attempt = t.ref(), t.attempt
	c.startedAfter = t.startedAfter
	env := &c.Holder.Env
	env.Info = c
	env.DataConverter = e.dc
	if d := t.heartbeatDetails(); d != nil { // most attempts have none: no nil store
		env.HeartbeatDetails = d
	}
	env.Heartbeat = c
	env.Worker = &e.worker
	return c
}

// ActivityInfo builds the attempt's activity.Info from the attempt's own
// fields and from fields of the task that never change once it is
// scheduled, which any goroutine may read.
func (c *attemptCtx) ActivityInfo() activity.Info {
	return attemptInfo(c.ref, c.startedTime(), c.attempt)
}

// startedTime is when the attempt started: exactly the time.Time the clock
// gave (t.attemptStarted), as both it and the scheduled time are the
// clock's start plus durations, in its location.
func (c *attemptCtx) startedTime() time.Time {
	return c.ref.t.scheduledTime().Add(c.startedAfter)
}

// attemptInfo is the activity.Info of attempt number attempt, started at
// started, of the activity ref leads to.
func attemptInfo(ref *tokenRef, started time.Time, attempt int32) activity.Info {
	t := ref.t
	// What the Info points to, fresh copies activity code may change,
	// in one allocation.
	parts := &infoParts{wfType: activity.WorkflowType{Name: t.run.wfType}}
	t.fillRetryPolicy(&parts.policy)
	info := activity.Info{
		TaskToken:              ref.token(),
		WorkflowType:           &parts.wfType,
		WorkflowNamespace:      defaultNamespace,
		WorkflowExecution:      activity.WorkflowExecution{ID: t.run.id, RunID: t.run.runID},
		ActivityID:             t.attrs().ActivityID,
		ActivityType:           activity.ActivityType{Name: t.attrs().ActivityType.Name},
		TaskQueue:              t.attrs().TaskQueue.Name,
		Namespace:              defaultNamespace,
		HeartbeatTimeout:       t.attrs().HeartbeatTimeout,
		ScheduleToCloseTimeout: t.attrs().ScheduleToCloseTimeout,
		StartToCloseTimeout:    t.attrs().StartToCloseTimeout,
		ScheduledTime:          t.scheduledTime(),
		StartedTime:            started,
		Attempt:                attempt,
		RetryPolicy:            &parts.policy,
	}
	if ref.hasPriority {
		info.Priority = *t.extras.priority
	}
	info.Deadline = t.attemptDeadline(started)
	return info
}

// attemptDeadline is the deadline of an attempt started at started: the
// earlier of its StartToClose and the activity's ScheduleToClose, as
// Temporal's worker computes it; zero without either.
func (t *activityTask) attemptDeadline(started time.Time) time.Time {
	var deadline time.Time
	if d := t.attrs().StartToCloseTimeout; d > 0 {
		deadline = started.Add(d)
	}
	if d := t.attrs().ScheduleToCloseTimeout; d > 0 {
		if s2c := t.scheduledTime().Add(d); deadline.IsZero() || s2c.Before(deadline) {
			deadline = s2c
		}
	}
	return deadline
}

// Heartbeat hands a heartbeat of the attempt, from any goroutine, to the
// simulated worker, which throttles it (heartbeat_throttle.go).
func (c *attemptCtx) Heartbeat(details *converter.Payloads) {
	ref, attempt := c.ref, c.attempt
	ref.t.run.env.post(ref.order(), func() { ref.t.workerHeartbeat(attempt, details) })
}

// Done returns a channel closed when the attempt's context is canceled.
func (c *attemptCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.canceled {
			close(c.done)
		}
	}
	return c.done
}

// Deadline reports no deadline, as context.Background's.
func (c *attemptCtx) Deadline() (deadline time.Time, ok bool) { return time.Time{}, false }

// Err returns context.Canceled once the context is canceled, nil before.
func (c *attemptCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.canceled {
		return context.Canceled
	}
	return nil
}

// String names the context as the standard library's contexts name
// themselves.
func (c *attemptCtx) String() string { return "context.Background.WithCancel.WithActivityEnv" }

// AfterFunc arranges for f to run when the context is canceled: during
// cancel, or at once in a goroutine of its own if it already is. stop
// unregisters f, and reports whether that kept it from running. The
// standard library's derived contexts rely on this method (see attemptCtx).
func (c *attemptCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.canceled {
		go f()
		return func() bool { return false }
	}
	a := c.appendAfter(f)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if a.claimed {
			return false
		}
		a.claimed = true
		return true
	}
}

// appendAfter adds f to the end of the after list, under mu.
func (c *attemptCtx) appendAfter(f func()) *afterFunc {
	a := &afterFunc{f: f}
	last := &c.after
	for *last != nil {
		last = &(*last).next
	}
	*last = a
	return a
}

// onCancel has cancel call f after what is registered already, with no
// way to stop it: for the CancelFunc of a context derived from this one,
// which must be called when this one is canceled.
func (c *attemptCtx) onCancel(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.appendAfter(f)
}

// cancel cancels the context, once, and runs what AfterFunc registered,
// in order.
func (c *attemptCtx) cancel() {
	c.mu.Lock()
	if c.canceled {
		c.mu.Unlock()
		return
	}
	c.canceled = true
	if c.done != nil {
		close(c.done)
	}
	var run *afterFunc // those not stopped, in order, linked by next
	last := &run
	for a := c.after; a != nil; a = a.next {
		if !a.claimed {
			a.claimed = true
			*last = a
			last = &a.next
		}
	}
	*last = nil
	c.after = nil
	c.mu.Unlock()
	for a := run; a != nil; a = a.next {
		a.f()
	}
}

// infoParts are what an activity.Info points to: its workflow type and
// retry policy.
type infoParts struct {
	wfType activity.WorkflowType
	policy wfsim.RetryPolicy
}

// fillRetryPolicy sets *p to the activity's retry policy as the server
// filled it in and recorded it: defaults for what the workflow left unset,
// and an unset maximum of attempts left 0 (unlimited). A copy: activity
// code may change what it gets.
func (t *activityTask) fillRetryPolicy(p *wfsim.RetryPolicy) {
	*p = t.retryPolicy()
	p.MaximumAttempts = t.recordedPolicy().MaximumAttempts
	p.NonRetryableErrorTypes = slices.Clone(p.NonRetryableErrorTypes)
}

// retryPolicy is the retry policy the simulation follows: the recorded one
// (retryPolicyOf's defaults filled in) with an unset maximum of attempts
// bounded at defaultMaximumAttempts, as retryPolicyOf bounds it.
func (t *activityTask) retryPolicy() wfsim.RetryPolicy {
	r := t.recordedPolicy()
	p := wfsim.RetryPolicy{InitialInterval: r.InitialInterval, BackoffCoefficient: r.BackoffCoefficient,
		MaximumInterval: r.MaximumInterval, MaximumAttempts: r.MaximumAttempts, NonRetryableErrorTypes: r.NonRetryableErrorTypes}
	if p.MaximumAttempts == 0 {
		p.MaximumAttempts = defaultMaximumAttempts
	}
	return p
}
