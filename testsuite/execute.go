package testsuite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/session"
)

var contextType = reflect.TypeFor[context.Context]()

// hasWorker reports whether a worker polls queue for activityType. As in
// Temporal's test environment, an activity runs on whatever task queue the
// workflow schedules it on, unless SetActivityTaskQueue restricted it to
// some: then it runs only on those. Session activities follow the session
// worker: its own queue, and creation (from any queue) while it has room.
func (e *environment) hasWorker(queue, activityType string) bool {
	if m := e.more; m != nil {
		if queues, ok := m.activityQueues[activityType]; ok {
			return slices.Contains(queues, queue)
		}
	}
	w := e.sessions()
	if activityType == session.CreationActivity || w != nil && queue == w.queue {
		return w != nil && w.polls(queue, activityType)
	}
	return true
}

// attemptContext builds the context an activity attempt runs with: its
// activity.Info, logger and heartbeat, canceled when the attempt ends, times
// out or is asked to cancel (by the attemptCtx's cancel). In a synctest
// bubble it also carries the attempt's deadline (in the bubble's clock,
// which is virtual time).
func (e *environment) attemptContext(t *activityTask) (context.Context, *attemptCtx) {
	c := newAttemptCtx(e, t)
	c.Env.Logger = e.logger
	if e.loggerEnabled() {
		c.Env.Logger = e.logger.With("ActivityID", t.attrs().ActivityID, "ActivityType", t.attrs().ActivityType.Name, "Attempt", t.attempt,
			"WorkflowType", t.run.wfType, "WorkflowID", t.run.id, "RunID", t.run.runID)
	}
	if !e.bubble {
		return c, c
	}
	if deadline := t.attemptDeadline(t.attemptStarted()); !deadline.IsZero() {
		ctx, cancel := context.WithDeadline(c, deadline.Add(-e.offset))
		// Called with c's cancel, after what WithDeadline registered
		// (as a field it would cost every task 8 bytes).
		c.onCancel(cancel)
		return ctx, c
	}
	return c, c
}

func (e *environment) activityLogger(info *activity.Info) *slog.Logger {
	if !e.loggerEnabled() {
		return e.logger // it drops everything: attributes would cost for nothing
	}
	return e.logger.With("ActivityID", info.ActivityID, "ActivityType", info.ActivityType.Name, "Attempt", info.Attempt,
		"WorkflowType", info.WorkflowType.Name, "WorkflowID", info.WorkflowExecution.ID, "RunID", info.WorkflowExecution.RunID)
}

// loggerEnabled reports whether the environment's logger writes anything.
func (e *environment) loggerEnabled() bool {
	return e.logger.Handler().Enabled(context.Background(), slog.LevelError)
}

// outcome is what one activity attempt produced.
type outcome struct {
	result  *converter.Payloads
	err     error
	pending bool
}

// plan is how an attempt will produce its outcome: known already (a mock's
// values, or an error), or by calling code (the registered function or a
// mock's Return function), after a delay of virtual time (a mock's After).
type plan struct {
	o    outcome
	call func() outcome
	// direct is call for a function fn.Direct calls without reflection.
	direct fn.Prepared
	after  time.Duration
	// timed says the test fixed after (a mock's After), which an explored
	// run's latency leaves alone.
	timed bool
	// aside says call is a mock's function: outside a bubble it runs in a
	// goroutine of its own (aside.go).
	aside bool
}

// execute runs an attempt: a mock if the activity is mocked (matched now,
// on the simulation goroutine, so call counts follow schedule order),
// otherwise the registered function.
func (e *environment) execute(ctx context.Context, t *activityTask) {
	if e.x != nil && e.injectAttemptFault(t) {
		return // failed or hanging before it ran (faults.go)
	}
	if w := e.sessions(); w != nil && w.execute(t) {
		return // the session worker's own activity (session_worker.go)
	}
	p := e.planAttempt(ctx, t)
	if e.x != nil && !p.timed {
		p.after = e.attemptLatency(t)
	}
	if p.after > 0 {
		t.finish = e.clock.AfterFirer(p.after, &lateAttempt{t: t, attempt: t.attempt, aside: p.aside, o: p.o, call: p.call, direct: p.direct})
		return
	}
	e.runPlan(t, t.attempt, p)
}

// lateAttempt is an attempt that runs after a latency (execute), with the
// parts of its plan runPlan reads: in 80 bytes, where a closure over the
// whole plan and the environment took 112 (an explored run draws a
// latency for every attempt).
type lateAttempt struct {
	t       *activityTask
	attempt int32
	aside   bool
	o       outcome
	call    func() outcome
	direct  fn.Prepared
}

// Fire runs the attempt, unless it is over (it timed out, or its activity
// closed).
func (l *lateAttempt) Fire() {
	t := l.t
	t.finish = nil
	if t.current(l.attempt) {
		t.run.env.runPlan(t, l.attempt, plan{o: l.o, call: l.call, direct: l.direct, aside: l.aside})
	}
}

// runPlan produces the attempt's outcome. Code runs in a goroutine inside a
// synctest bubble (so it lives in virtual time and its result arrives when
// it returns); without a bubble it runs here, to completion, in zero
// virtual time — but for a mock's function, which runs aside (aside.go).
func (e *environment) runPlan(t *activityTask, attempt int32, p plan) {
	if !p.runsCode() {
		t.outcome(attempt, p.o)
		return
	}
	if e.bubble {
		e.goActivity(t.order(), p.code(e.encoder()), func(o outcome) { t.outcome(attempt, o) })
		return
	}
	if p.aside {
		e.runAside(t.order(), p.call, func(o outcome) { t.outcome(attempt, o) })
		return
	}
	e.noteSimNow() // the code may post (bubble.go)
	o := p.run(e.encoder())
	if p.direct != nil {
		// It ran here and returned: the next call may use its memory.
		e.spareCall = p.direct
	}
	// Heartbeats the code recorded were posted; apply them before its
	// result.
	e.drain()
	t.outcome(attempt, o)
}

// planAttempt decides how the attempt runs: its mock, or the registered
// function, or a failure for an activity that is neither.
func (e *environment) planAttempt(ctx context.Context, t *activityTask) plan {
	name := t.attrs().ActivityType.Name
	af := e.reg.activity(name)
	if e.mocks.has(name) {
		return e.mocks.plan(ctx, e, name, t.attrs().Input, af)
	}
	if af == nil {
		af = e.reg.dynamicActivity()
	}
	if af == nil {
		err := &UnknownActivityError{ActivityType: name, Registered: e.knownActivities()}
		return plan{o: outcome{err: wfsim.NewApplicationError(err.Error(), "ActivityNotRegisteredError")}}
	}
	if af.dynamic {
		return e.dynamicPlan(ctx, af, t.attrs().Input)
	}
	if !e.workerOpts.intercepting() { // a direct call cannot pass through interceptors
		if call, ok, err := fn.DirectReusing(e.spareCall, e.dc, "activity", name, af.fn.Interface(), ctx, t.attrs().Input); ok {
			e.spareCall = nil // call may be it
			if err != nil {
				return plan{o: outcome{err: argumentError(err)}}
			}
			return plan{direct: call}
		}
	}
	args, err := e.activityArgs(ctx, af.fn.Type(), name, t.attrs().Input)
	if err != nil {
		return plan{o: outcome{err: err}}
	}
	if e.workerOpts.intercepting() {
		return e.interceptedPlan(ctx, name, af.fn, args)
	}
	return plan{call: func() outcome { return e.callActivity(af.fn, args) }}
}

// hasCode says the worker has code for an activity type: a mock, a
// registered or dynamic activity, or (with a session worker) a session's own
// activity. An attempt of any other type fails before it runs, so the
// started listener does not hear of it (as Temporal's worker, which calls
// the listener only for an activity it found).
func (e *environment) hasCode(name string) bool {
	if e.mocks.has(name) || e.reg.activity(name) != nil || e.reg.dynamicActivity() != nil {
		return true
	}
	return e.sessions() != nil && (name == session.CreationActivity || name == session.CompletionActivity)
}

// runsCode says the plan's outcome comes from calling code.
func (p *plan) runsCode() bool { return p.call != nil || p.direct != nil }

// run calls the plan's code and returns its outcome.
func (p *plan) run(dc converter.DataConverter) outcome {
	if p.direct != nil {
		return directOutcome(p.direct.RunEncoded(dc))
	}
	return p.call()
}

// code returns the plan's code as a function, for a goroutine to run.
func (p *plan) code(dc converter.DataConverter) func() outcome {
	if d := p.direct; d != nil {
		return func() outcome { return directOutcome(d.RunEncoded(dc)) }
	}
	return p.call
}

func (e *environment) knownActivities() []string {
	names := e.reg.activityNames()
	for _, m := range e.mocks.names() {
		if e.reg.activity(m) == nil {
			names = append(names, m)
		}
	}
	return names
}

// activityArgs decodes an activity's input for a function of type ft,
// putting ctx first if the function takes a context. A mismatch is a
// non-retryable ApplicationError of type "ArgumentError" whose message names
// the activity, the argument's position and both types.
func (e *environment) activityArgs(ctx context.Context, ft reflect.Type, name string, input *converter.Payloads) ([]reflect.Value, error) {
	skip := 0
	if ft.NumIn() > 0 && ft.In(0) == contextType {
		skip = 1
	}
	args, err := fn.DecodeArgsAfterLead(e.dc, "activity", name, ft, skip, input, fn.RejectExtra)
	if err != nil {
		return nil, argumentError(err)
	}
	if skip == 1 {
		args[0] = reflect.ValueOf(ctx)
	}
	return args, nil
}

// argumentError is the attempt's failure for input that does not decode
// for its function.
func argumentError(err error) error {
	return wfsim.NewApplicationErrorWithOptions(err.Error(), "ArgumentError", wfsim.ApplicationErrorOptions{NonRetryable: true, Cause: err})
}

// callActivity calls an activity function, recovering a panic into a
// *wfsim.PanicError, and encodes its result.
func (e *environment) callActivity(f reflect.Value, args []reflect.Value) outcome {
	return callActivity(e.encoder(), f, args)
}

func (e *environment) resultOutcome(out []reflect.Value) outcome {
	return resultOutcome(e.encoder(), out)
}

// callActivity calls f, recovering a panic into a *wfsim.PanicError, and
// turns its results into an outcome.
func callActivity(dc converter.DataConverter, f reflect.Value, args []reflect.Value) outcome {
	out, pv, stack, panicked := fn.Call(f, args)
	if panicked {
		return outcome{err: wfsim.NewPanicError(pv, stack)}
	}
	return resultOutcome(dc, out)
}

// resultOutcome turns an activity function's results into an outcome:
// activity.ErrResultPending leaves it pending, any other error fails it, a
// value is encoded with dc.
func resultOutcome(dc converter.DataConverter, out []reflect.Value) outcome {
	value, err := fn.SplitResults(out)
	if err != nil {
		if errors.Is(err, activity.ErrResultPending) {
			return outcome{pending: true}
		}
		return outcome{err: err}
	}
	p, perr := fn.EncodeResult(dc, fn.Recorded(value))
	if perr != nil {
		return outcome{err: fmt.Errorf("encoding the activity's result: %w", perr)}
	}
	return outcome{result: p}
}

// directOutcome is resultOutcome for a call fn.Direct made, its value
// encoded by RunEncoded.
func directOutcome(r fn.Result, p *converter.Payloads, encodeErr error) outcome {
	if o, ended := unsuccessfulOutcome(r); ended {
		return o
	}
	if encodeErr != nil {
		return outcome{err: fmt.Errorf("encoding the activity's result: %w", encodeErr)}
	}
	return outcome{result: p}
}

// unsuccessfulOutcome returns the outcome of an activity call that
// panicked, left its result pending or returned an error, and whether the
// call did one of these.
func unsuccessfulOutcome(r fn.Result) (o outcome, ended bool) {
	switch {
	case r.Panicked:
		return outcome{err: wfsim.NewPanicError(r.PanicValue, r.Stack)}, true
	case r.Err != nil && errors.Is(r.Err, activity.ErrResultPending):
		return outcome{pending: true}, true
	case r.Err != nil:
		return outcome{err: r.Err}, true
	}
	return outcome{}, false
}

// SetWorkerStopChannel sets the channel activity.GetWorkerStopChannel
// returns in activities; a test closes it to simulate the worker stopping.
// Unset, the worker never stops.
func (env *TestWorkflowEnvironment) SetWorkerStopChannel(c chan struct{}) { env.e.worker.Stop = c }
