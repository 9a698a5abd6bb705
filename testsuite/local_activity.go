package testsuite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actchain"
	"github.com/wfsim/wfsim/internal/actenv"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/simclock"
)

// Local activities
//
// The simulated worker runs a local activity as Temporal's worker does:
// when the workflow task that requested it has run its coroutines, the
// attempt starts (a mock if the activity is mocked, otherwise the registered
// function, or the function the workflow passed). Its result goes back into
// the run as a LocalActivity marker event, and the workflow records the
// marker with a RecordMarker command.
//
// The workflow task that requested local activities stays open while
// they run, in virtual time, as on a worker (local_task.go): a result is
// handed to the workflow code when its attempt ends, and the task completes
// once no local activity of it runs any more, its markers among the
// commands. A task open for 80% of the run's workflow task timeout (8s of
// the default 10s) is completed with the commands it has and a new one
// started at once, as Temporal's worker "heartbeats" it; what arrives for
// the run meanwhile waits, as the server buffers it, until the task
// completes.
//
// Retries follow Temporal's SDK: a retryable failure is retried by the
// worker, within the open task, after the backoff when the backoff is at
// most the run's workflow task timeout (10s unless set); a longer one is recorded on the failure's marker and the
// workflow sleeps through it with a timer before the next attempt. A retry
// policy without MaximumAttempts is bounded by defaultMaximumAttempts, as
// for activities. An attempt's context ends at its deadline (the earlier of
// StartToClose and ScheduleToClose), which fails it with a TimeoutError
// ("deadline exceeded"), and when the workflow cancels it, which fails it
// with a CanceledError, at once, without waiting for its code to return.

// localRun is the local activity state of a workflow run.
type localRun struct {
	// requests were made during the current ProcessTask call.
	requests []localRequest
	// attempts are running, by activity ID.
	attempts map[string]*localTask
	// more holds the markers waiting to be delivered and the task held
	// open (local_task.go); nil until an attempt takes virtual time or
	// ends.
	more *localMore
}

type localMore struct {
	// results are the markers waiting to be delivered, in the order the
	// attempts ended.
	results []run.Event
	// open is the run's workflow task while its local activities hold it
	// open.
	open *openTask
}

// get returns l.more, made on first use.
func (l *localRun) get() *localMore {
	if l.more == nil {
		l.more = new(localMore)
	}
	return l.more
}

// pending reports how many markers wait to be delivered.
func (l *localRun) pending() int {
	if l.more == nil {
		return 0
	}
	return len(l.more.results)
}

// openTask returns the task the run's local activities hold open, or nil.
func (l *localRun) openTask() *openTask {
	if l.more == nil {
		return nil
	}
	return l.more.open
}

type localRequest struct {
	req      run.LocalActivity
	canceled bool
}

// localTask is a local activity in the simulated worker, across the
// attempts the worker makes itself.
type localTask struct {
	r       *workflowRun
	req     run.LocalActivity
	order   int64
	policy  wfsim.RetryPolicy
	attempt int32
	started time.Time
	// gen numbers the worker's attempts, so that a late result of an
	// attempt that timed out or was canceled is dropped.
	gen      int
	canceled bool
	cancel   context.CancelFunc
	timers   []*simclock.Timer
}

// localActivityHook receives the run's requests (through run.Driver, run_spec.go);
// they start when the current ProcessTask call returns.
func (r *workflowRun) localActivityHook(la run.LocalActivity) {
	r.local.requests = append(r.local.requests, localRequest{req: la})
}

// cancelLocalActivityHook cancels an attempt (through run.Driver).
// A request not started yet starts canceled.
func (r *workflowRun) cancelLocalActivityHook(activityID string) {
	if lt := r.local.attempts[activityID]; lt != nil {
		lt.end(lt.gen, outcome{err: wfsim.NewCanceledError()})
		return
	}
	for i := range r.local.requests {
		if r.local.requests[i].req.ActivityID == activityID {
			r.local.requests[i].canceled = true
		}
	}
}

// localActivitiesInTask runs the local activities the workflow task asked
// for and delivers every result that is ready at this instant, each in its
// own pass of the workflow code, before the task completes. It returns all
// the commands of the task.
func (r *workflowRun) localActivitiesInTask(cmds []run.Command) ([]run.Command, error) {
	copied := false
	for {
		r.startLocalRequests()
		if r.local.pending() == 0 && len(r.local.attempts) > 0 && r.env.bubble {
			// Let attempts running in goroutines end at this instant.
			r.env.settle()
			r.env.drainFor(r)
		}
		if r.local.pending() == 0 || r.inst.Completed() || r.closed {
			return cmds, nil
		}
		m := r.local.more
		ev := m.results[0]
		m.results = m.results[1:]
		if !copied {
			// The task's commands may be in memory the next call writes
			// (run.Task.ReuseCommands).
			cmds, copied = slices.Clone(cmds), true
		}
		more, err := r.inst.ProcessTask(run.Task{Events: []run.Event{ev}})
		if err != nil {
			return nil, err
		}
		cmds = append(cmds, more...)
	}
}

func (r *workflowRun) startLocalRequests() {
	for len(r.local.requests) > 0 {
		req, canceled := r.local.requests[0].req, r.local.requests[0].canceled
		r.local.requests = r.local.requests[1:]
		e := r.env
		e.activitySeq++
		lt := &localTask{r: r, req: req, order: e.activitySeq, policy: localRetryPolicy(req.RetryPolicy), attempt: req.Attempt}
		if r.local.attempts == nil {
			r.local.attempts = make(map[string]*localTask)
		}
		r.local.attempts[req.ActivityID] = lt
		if canceled {
			lt.result(outcome{err: wfsim.NewCanceledError()}, 0)
			continue
		}
		lt.startAttempt()
	}
}

// localRetryPolicy is the policy Temporal's SDK gives a local activity
// (WithLocalActivityOptions fills the same defaults), bounded like an
// activity's when it sets no maximum.
func localRetryPolicy(p *wfsim.RetryPolicy) wfsim.RetryPolicy {
	return retryPolicyOf(p)
}

// info is the activity.Info of the local activity's current attempt.
func (lt *localTask) info() *activity.Info {
	r := lt.r
	policy := lt.policy
	policy.NonRetryableErrorTypes = slices.Clone(policy.NonRetryableErrorTypes)
	info := &activity.Info{
		WorkflowType:           &activity.WorkflowType{Name: r.wfType},
		WorkflowNamespace:      defaultNamespace,
		WorkflowExecution:      activity.WorkflowExecution{ID: r.id, RunID: r.runID},
		ActivityID:             lt.req.ActivityID,
		ActivityType:           activity.ActivityType{Name: lt.req.ActivityType},
		TaskQueue:              r.queue,
		Namespace:              defaultNamespace,
		ScheduleToCloseTimeout: lt.req.ScheduleToCloseTimeout,
		StartToCloseTimeout:    lt.req.StartToCloseTimeout,
		ScheduledTime:          lt.req.ScheduledTime,
		StartedTime:            lt.started,
		Attempt:                lt.attempt,
		IsLocalActivity:        true,
		RetryPolicy:            &policy,
	}
	info.Deadline = lt.started.Add(lt.req.StartToCloseTimeout)
	if d := lt.req.ScheduleToCloseTimeout; d > 0 {
		if s2c := lt.req.ScheduledTime.Add(d); s2c.Before(info.Deadline) {
			info.Deadline = s2c
		}
	}
	return info
}

// startAttempt runs one attempt: its mock, the registered function, or the
// function the workflow passed.
func (lt *localTask) startAttempt() {
	e := lt.r.env
	lt.gen++
	gen := lt.gen
	lt.started = e.clock.Now()
	info := lt.info()
	ctx, cancel := context.WithCancel(e.workerOpts.activityParent())
	if e.bubble {
		var cancelDeadline context.CancelFunc
		ctx, cancelDeadline = context.WithDeadline(ctx, info.Deadline.Add(-e.offset))
		cancelBoth := cancel
		cancel = func() { cancelDeadline(); cancelBoth() }
	}
	lt.cancel = cancel
	ctx = actenv.WithEnv(ctx, &actenv.Env{Info: *info, Logger: e.activityLogger(info), DataConverter: e.dc, Worker: &e.worker})
	if e.workerOpts.intercepting() {
		var err error
		if ctx, _, err = actchain.Start(ctx, e.workerOpts.interceptors(), lt.req.Header); err != nil {
			// Temporal's local activity worker fails the attempt with it.
			lt.end(gen, outcome{err: fmt.Errorf("failed building context: %w", err)})
			return
		}
	}
	if props := e.reg.propagators(); len(props) > 0 {
		var err error
		if ctx, err = extract(ctx, props, lt.req.Header); err != nil {
			// Temporal's worker fails the attempt with the error.
			lt.end(gen, outcome{err: err})
			return
		}
	}
	// The attempt's deadline ends it at once, whatever its code does.
	lt.timers = append(lt.timers, e.clock.AfterFunc(info.Deadline.Sub(lt.started), func() {
		tt := wfsim.TimeoutTypeStartToClose
		if d := lt.req.ScheduleToCloseTimeout; d > 0 && !e.clock.Now().Before(lt.req.ScheduledTime.Add(d)) {
			tt = wfsim.TimeoutTypeScheduleToClose
		}
		lt.end(gen, outcome{err: deadlineExceeded(tt)})
	}))
	p := lt.plan(ctx)
	if l := e.listeners.localStarted; l != nil {
		l(info, ctx, lt.args())
	}
	exec := func() {
		if !p.runsCode() {
			lt.end(gen, p.o)
			return
		}
		if e.bubble {
			e.goActivityFor(lt.r, lt.order, p.code(e.dc), func(o outcome) { lt.end(gen, o) })
			return
		}
		e.noteSimNow() // the code may post (bubble.go)
		lt.end(gen, p.run(e.dc))
	}
	if p.after > 0 {
		lt.timers = append(lt.timers, e.clock.AfterFunc(p.after, exec))
		return
	}
	exec()
}

// deadlineExceeded is the error of a local activity attempt whose context
// reached its deadline, as Temporal's worker reports it.
func deadlineExceeded(tt wfsim.TimeoutType) error {
	return wfsim.GetDefaultFailureConverter().FailureToError(&wfsim.Failure{
		Message: "deadline exceeded", Source: "GoSDK", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: tt},
	})
}

// localFunc is the function a local activity runs: the one registered
// under its name, or the one the workflow passed.
func (e *environment) localFunc(req run.LocalActivity) reflect.Value {
	if af := e.reg.activity(req.ActivityType); af != nil {
		return af.fn
	}
	if req.Fn != nil {
		return reflect.ValueOf(req.Fn)
	}
	return reflect.Value{}
}

// args decodes the attempt's arguments for the started listener.
func (lt *localTask) args() []any {
	e := lt.r.env
	var out []any
	if f := e.localFunc(lt.req); f.IsValid() {
		if vs, err := fn.DecodeArgs(e.dc, "local activity", lt.req.ActivityType, f.Type(), fn.ActivitySkip(f.Type()), lt.req.Input); err == nil {
			for _, v := range vs {
				out = append(out, v.Interface())
			}
			return out
		}
	}
	for _, p := range lt.req.Input.GetPayloads() {
		var v any
		_ = e.dc.FromPayload(p, &v)
		out = append(out, v)
	}
	return out
}

// plan decides how the attempt runs, as planAttempt does for activities.
func (lt *localTask) plan(ctx context.Context) plan {
	e := lt.r.env
	name := lt.req.ActivityType
	af := e.reg.activity(name)
	if e.mocks.has(name) {
		return e.mocks.plan(ctx, e, name, lt.req.Input, af)
	}
	f := e.localFunc(lt.req)
	if !f.IsValid() {
		return plan{o: outcome{err: wfsim.NewNonRetryableApplicationError("local activity "+name+" is not registered by the worker", "ActivityNotRegisteredError", nil)}}
	}
	if !e.workerOpts.intercepting() { // a direct call cannot pass through interceptors
		if call, ok, err := fn.Direct(e.dc, "activity", name, f.Interface(), ctx, lt.req.Input); ok {
			if err != nil {
				return plan{o: outcome{err: argumentError(err)}}
			}
			return plan{direct: call}
		}
	}
	args, err := e.activityArgs(ctx, f.Type(), name, lt.req.Input)
	if err != nil {
		return plan{o: outcome{err: err}}
	}
	if e.workerOpts.intercepting() {
		return e.interceptedPlan(ctx, name, f, args)
	}
	return plan{call: func() outcome { return e.callActivity(f, args) }}
}

// end ends attempt gen with o, once: a retry, or the local activity's
// result.
func (lt *localTask) end(gen int, o outcome) {
	if gen != lt.gen || lt.r.local.attempts[lt.req.ActivityID] != lt {
		return
	}
	lt.gen++ // later ends of this attempt are stale
	for _, tm := range lt.timers {
		tm.Stop()
	}
	lt.timers = nil
	if lt.cancel != nil {
		lt.cancel()
		lt.cancel = nil
	}
	e := lt.r.env
	if o.pending {
		o = outcome{err: errors.New("activity.ErrResultPending is not supported by local activities")}
	}
	// As in Temporal's test environment, an attempt ending canceled is
	// reported to the canceled listener only; every other end to the
	// completed one.
	if l := e.listeners.localCompleted; l != nil && !wfsim.IsCanceledError(o.err) {
		l(lt.info(), converter.NewEncodedValue(o.result, e.dc), o.err)
	}
	if o.err == nil || wfsim.IsCanceledError(o.err) {
		if o.err != nil {
			lt.canceled = true
			if l := e.listeners.localCanceled; l != nil {
				l(lt.info())
			}
		}
		lt.result(o, 0)
		return
	}
	backoff := lt.backoff(o.err)
	// The worker compares the backoff with the run's own workflow task
	// timeout (WorkflowInfo.WorkflowTaskTimeout), not the default one.
	if backoff > 0 && backoff <= lt.r.link.spec.taskTimeout {
		// The worker retries it itself.
		lt.timers = append(lt.timers, e.clock.AfterFunc(backoff, func() {
			lt.timers = nil
			lt.attempt++
			lt.startAttempt()
		}))
		return
	}
	if backoff <= 0 {
		// Temporal's worker records a failure it does not retry with its
		// noRetryBackoff, -1ns, in the marker.
		backoff = noLocalRetry
	}
	lt.result(o, backoff)
}

// noLocalRetry is the Backoff of the marker of a failed local activity that
// is not retried (Temporal's SDK's noRetryBackoff).
const noLocalRetry = time.Duration(-1)

// backoff is Temporal's SDK's getRetryBackoff: zero means no retry.
func (lt *localTask) backoff(err error) time.Duration {
	f := lt.r.env.failureConverter().ErrorToFailure(err)
	if !isRetryable(f, lt.policy.NonRetryableErrorTypes) {
		return 0
	}
	p := lt.policy
	if p.MaximumAttempts > 0 && lt.attempt >= p.MaximumAttempts {
		return 0
	}
	var d time.Duration
	var ae *wfsim.ApplicationError
	if errors.As(err, &ae) && ae == err {
		d = ae.NextRetryDelay()
	}
	if d == 0 {
		d = exponential(p.InitialInterval, p.BackoffCoefficient, lt.attempt)
		if p.MaximumInterval > 0 && d > p.MaximumInterval {
			d = p.MaximumInterval
		}
	}
	if d <= 0 {
		return 0
	}
	if s := lt.req.ScheduleToCloseTimeout; s > 0 && lt.r.env.clock.Now().Add(d).After(lt.req.ScheduledTime.Add(s)) {
		return 0
	}
	return d
}

// result queues the local activity's marker for the run; backoff, on a
// failure, asks the workflow to retry after a timer (noLocalRetry: no
// retry).
func (lt *localTask) result(o outcome, backoff time.Duration) {
	r, e := lt.r, lt.r.env
	delete(r.local.attempts, lt.req.ActivityID)
	data, err := toPayloads(e.dc, run.LocalActivityMarkerData{
		ActivityID: lt.req.ActivityID, ActivityType: lt.req.ActivityType, ReplayTime: e.clock.Now(), Attempt: lt.attempt, Backoff: backoff,
	})
	if err != nil {
		panic("testsuite: encoding a local activity marker: " + err.Error())
	}
	ev := run.Event{Kind: run.EventMarkerRecorded, Time: e.clock.Now(), Name: run.LocalActivityMarkerName,
		Details: map[string]*converter.Payloads{run.LocalActivityDataKey: data}}
	if o.err != nil {
		ev.Failure = e.failureConverter().ErrorToFailure(o.err)
	} else if o.result != nil {
		ev.Details[run.LocalActivityResultKey] = o.result
	}
	m := r.local.get()
	m.results = append(m.results, ev)
	// A result that ends at another instant than the task's pass resumes
	// the task its attempt holds open (local_task.go); without one (the
	// task was failed meanwhile), it needs a task of its own.
	e.postFor(nil, lt.order, func() {
		if r.local.pending() == 0 || r.closed {
			return
		}
		if ot := r.local.openTask(); ot != nil {
			r.resumeTask(ot)
			return
		}
		r.scheduleTask()
	})
}

// abandonLocalActivities cancels what is running when the run closes.
// localKey reports whether key orders the attempts of one of r's local
// activities (what their goroutines post carries it: bubble.go).
func (r *workflowRun) localKey(key int64) bool {
	for _, lt := range r.local.attempts {
		if lt.order == key {
			return true
		}
	}
	return false
}

func (r *workflowRun) abandonLocalActivities() {
	r.closeOpenTask()
	for _, id := range sortedKeys(r.local.attempts) {
		lt := r.local.attempts[id]
		lt.gen++
		for _, tm := range lt.timers {
			tm.Stop()
		}
		if lt.cancel != nil {
			lt.cancel()
		}
	}
	r.local = localRun{}
}
