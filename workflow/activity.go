package workflow

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// ActivityOptions configure how an activity is scheduled: where it runs, its
// timeouts and its retries. Set them on a Context with WithActivityOptions.
//
// One of StartToCloseTimeout and ScheduleToCloseTimeout is required; the
// other timeouts are derived from them the way the Temporal server derives
// them.
type ActivityOptions struct {
	// TaskQueue defaults to the workflow's task queue.
	TaskQueue string
	// ScheduleToCloseTimeout bounds the whole activity, all attempts
	// included.
	ScheduleToCloseTimeout time.Duration
	// ScheduleToStartTimeout bounds the time an attempt waits for a worker.
	ScheduleToStartTimeout time.Duration
	// StartToCloseTimeout bounds one attempt.
	StartToCloseTimeout time.Duration
	// HeartbeatTimeout bounds the time between two heartbeats.
	HeartbeatTimeout time.Duration
	// WaitForCancellation makes a canceled activity's Future wait until the
	// activity acknowledges the cancellation, instead of failing at once.
	WaitForCancellation bool
	// ActivityID defaults to the event ID the server will give the
	// activity's ActivityTaskScheduled event, as Temporal's SDK does.
	ActivityID string
	// RetryPolicy defaults to the server's default policy: 1s initial
	// interval, coefficient 2, maximum interval 100 × the initial one. Unset
	// fields of a policy given take the same defaults. (The test
	// environment bounds MaximumAttempts 0 at 10 attempts.)
	RetryPolicy *wfsim.RetryPolicy
	// DisableEagerExecution is accepted for compatibility; the simulator
	// never executes eagerly.
	DisableEagerExecution bool
	// Summary is a short description shown by tools.
	Summary string
	// Priority is the priority of the activity's tasks; it orders nothing
	// in a simulation (see wfsim.Priority), and is not recorded in the
	// ActivityTaskScheduled event.
	Priority wfsim.Priority
	// EventGroups are the groups of the activity's commands, added to those of the
	// Context (WithEventGroups), as in Temporal's SDK. Accepted and not
	// recorded (see EventGroup).
	EventGroups []EventGroup
}

// WithActivityOptions returns a copy of ctx whose activities use options.
func WithActivityOptions(ctx Context, options ActivityOptions) Context {
	return withOptions(ctx, activityOptionsKey, options)
}

// WithPriority returns a copy of ctx whose activities have the given
// priority, the rest of their options unchanged. A zero Priority clears
// it: the activities then take their workflow's, as on a server.
func WithPriority(ctx Context, priority wfsim.Priority) Context {
	o := GetActivityOptions(ctx)
	o.Priority = priority
	return WithActivityOptions(ctx, o)
}

// GetActivityOptions returns the activity options set on ctx.
func GetActivityOptions(ctx Context) ActivityOptions {
	if o := activityOptions(ctx); o != nil {
		return *o
	}
	return ActivityOptions{}
}

func activityOptions(ctx Context) *ActivityOptions {
	// Mostly ctx is WithActivityOptions' own: its options without Value's
	// interface comparison.
	if c, ok := ctx.(*optionsContext[ActivityOptions]); ok && c.key == activityOptionsKey {
		return &c.val
	}
	o, _ := ctx.Value(activityOptionsKey).(*ActivityOptions)
	return o
}

func withActivityOption(ctx Context, set func(*ActivityOptions)) Context {
	o := GetActivityOptions(ctx)
	set(&o)
	return WithActivityOptions(ctx, o)
}

// WithTaskQueue returns a copy of ctx whose activities run on the task queue
// name.
func WithTaskQueue(ctx Context, name string) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.TaskQueue = name })
}

// WithScheduleToCloseTimeout returns a copy of ctx with the activities'
// ScheduleToCloseTimeout set to d.
func WithScheduleToCloseTimeout(ctx Context, d time.Duration) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.ScheduleToCloseTimeout = d })
}

// WithScheduleToStartTimeout returns a copy of ctx with the activities'
// ScheduleToStartTimeout set to d.
func WithScheduleToStartTimeout(ctx Context, d time.Duration) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.ScheduleToStartTimeout = d })
}

// WithStartToCloseTimeout returns a copy of ctx with the activities'
// StartToCloseTimeout set to d.
func WithStartToCloseTimeout(ctx Context, d time.Duration) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.StartToCloseTimeout = d })
}

// WithHeartbeatTimeout returns a copy of ctx with the activities'
// HeartbeatTimeout set to d.
func WithHeartbeatTimeout(ctx Context, d time.Duration) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.HeartbeatTimeout = d })
}

// WithWaitForCancellation returns a copy of ctx with the activities'
// WaitForCancellation set to wait.
func WithWaitForCancellation(ctx Context, wait bool) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.WaitForCancellation = wait })
}

// WithRetryPolicy returns a copy of ctx with the activities' RetryPolicy set
// to p.
func WithRetryPolicy(ctx Context, p wfsim.RetryPolicy) Context {
	return withActivityOption(ctx, func(o *ActivityOptions) { o.RetryPolicy = &p })
}

// ActivityOptionsError reports activity options the server would reject.
type ActivityOptionsError struct {
	ActivityType string
	Message      string
}

func (e *ActivityOptionsError) Error() string {
	return fmt.Sprintf("activity %q: %s", e.ActivityType, e.Message)
}

// validateActivityOptions applies the checks the server makes of a
// ScheduleActivityTask command (after filling the retry policy's defaults),
// with its messages. The server would fail the workflow task; the Future
// fails instead, so a test sees the mistake at once.
func validateActivityOptions(activityID, activityType string, o *ActivityOptions) error {
	if o == nil {
		return &ActivityOptionsError{activityType, "missing activity parameters through context, check ActivityOptions"}
	}
	if name := negativeTimeout(o); name != "" {
		return &ActivityOptionsError{activityType, fmt.Sprintf("invalid %s: negative duration", name)}
	}
	if o.ScheduleToCloseTimeout == 0 && o.StartToCloseTimeout == 0 {
		return &ActivityOptionsError{activityType, fmt.Sprintf("a valid StartToCloseTimeout or ScheduleToCloseTimeout must be set on the activity. ActivityId=%s ActivityType=%s", activityID, activityType)}
	}
	if p := o.RetryPolicy; p != nil && p.MaximumAttempts != 1 {
		initial, coefficient, maximum := p.InitialInterval, p.BackoffCoefficient, p.MaximumInterval
		if initial == 0 {
			initial = time.Second
		}
		if coefficient == 0 {
			coefficient = 2
		}
		if maximum == 0 {
			maximum = 100 * initial
		}
		switch {
		case initial < 0:
			return &ActivityOptionsError{activityType, "invalid InitialInterval set on retry policy: negative duration"}
		case coefficient < 1:
			return &ActivityOptionsError{activityType, "BackoffCoefficient cannot be less than 1 on retry policy."}
		case maximum < 0:
			return &ActivityOptionsError{activityType, "invalid MaximumInterval set on retry policy: negative duration"}
		case maximum > 0 && maximum < initial:
			return &ActivityOptionsError{activityType, "MaximumInterval cannot be less than InitialInterval on retry policy."}
		case p.MaximumAttempts < 0:
			return &ActivityOptionsError{activityType, "MaximumAttempts cannot be negative on retry policy."}
		}
		for _, nr := range p.NonRetryableErrorTypes {
			if v, ok := strings.CutPrefix(nr, "TemporalTimeout:"); ok && !slices.Contains([]string{"StartToClose", "ScheduleToStart", "ScheduleToClose", "Heartbeat"}, v) {
				return &ActivityOptionsError{activityType, fmt.Sprintf("Invalid timeout type value: %v.", v)}
			}
		}
	}
	return nil
}

// negativeTimeout returns the name of o's first negative timeout, in the
// order the server checks them, or "" if none is.
func negativeTimeout(o *ActivityOptions) string {
	switch {
	case o.ScheduleToCloseTimeout < 0:
		return "ScheduleToCloseTimeout"
	case o.ScheduleToStartTimeout < 0:
		return "ScheduleToStartTimeout"
	case o.StartToCloseTimeout < 0:
		return "StartToCloseTimeout"
	case o.HeartbeatTimeout < 0:
		return "HeartbeatTimeout"
	}
	return ""
}

// ExecuteActivity schedules an activity and returns a Future of its result.
// activity is an activity function or its registered name (a function
// registered under a custom name is scheduled under that name, as in
// Temporal: see activity.RegisterOptions.Name; a method expression such as
// (*Activities).Charge names the method registered as "Charge", its
// receiver no argument, whether or not the method takes a context); args must fit
// the function's parameters: one of each, each encoding to what its
// parameter decodes (as in Temporal, where the activity only sees the
// payloads, a T may be passed for a *T).
//
// The Future fails with a *wfsim.ActivityError whose cause says why: an
// *wfsim.ApplicationError, *wfsim.TimeoutError, *wfsim.CanceledError or
// *wfsim.PanicError. Options the server would reject fail it with an
// *ActivityOptionsError, arguments that do not fit the function with a
// *wfsim.ArgumentError.
//
// Cancelling ctx requests the activity's cancellation:
// RequestCancelActivityTask is issued (after ScheduleActivityTask, when
// both go in one task) and the Future fails at once with a
// *wfsim.CanceledError, or, with WaitForCancellation, waits for the
// activity to acknowledge (an ActivityError wrapping a CanceledError),
// complete or fail.
func ExecuteActivity(ctx Context, activity any, args ...any) Future {
	s := getState(ctx)
	// A function's code pointer, found once for its name and its
	// parameters (funcName and scheduleSkip would each find it).
	var name string
	var pc uintptr
	if v := reflect.ValueOf(activity); v.Kind() == reflect.Func && !v.IsNil() {
		pc = v.Pointer()
		name = s.funcNames.nameAt(activity, pc, activityFunc, s.aliases())
	} else {
		name = s.funcName(activity, activityFunc)
	}
	if name == "" {
		return failedFuture(s, fmt.Errorf("workflow: ExecuteActivity of %T: want an activity function or its name", activity))
	}
	dc := s.dcOf(ctx)
	if t := reflect.TypeOf(activity); t.Kind() == reflect.Func {
		// pc is the function's code pointer, as scheduleSkip would find
		// it (0 for a nil function).
		skip := s.funcNames.scheduleSkipAt(activity, pc, t)
		// Temporal schedules by name: the activity sees only what the
		// arguments encode to, so a T for a *T fits.
		if err := fn.CheckArgsDecodable(dc, "activity", name, t, skip, args); err != nil {
			return failedFuture(s, err)
		}
	}
	var sessionQueue string
	inSession := false
	if s.sessions {
		var err error
		if sessionQueue, inSession, err = sessionTaskQueue(ctx, name); err != nil {
			return failedFuture(s, err)
		}
	}
	opts := activityOptions(ctx)
	input, err := fn.EncodeArgs(s.encoder(dc), args)
	if err != nil {
		return failedFuture(s, fmt.Errorf("activity %q: encoding its arguments: %w", name, err))
	}
	var id string
	if opts != nil {
		id = opts.ActivityID
	}
	if id == "" {
		id = s.nextIDText()
	}
	if err := validateActivityOptions(id, name, opts); err != nil {
		return failedFuture(s, err)
	}
	header, err := s.injectHeader(ctx)
	if err != nil {
		return failedFuture(s, err)
	}
	queue := opts.TaskQueue
	if inSession {
		queue = sessionQueue
	}
	if queue == "" {
		queue = s.start.TaskQueue
	}
	// Made whole in one literal: the compiler stores each field into the
	// new object, where assigning a struct to it would copy every word
	// with a bulk write barrier while the GC runs.
	a := &scheduledActivity{
		cmd: command{k: uint8(run.CommandScheduleActivity), ID: id},
		attrs: run.ScheduleActivity{
			ActivityType:           name,
			TaskQueue:              queue,
			Input:                  input,
			Header:                 header,
			ScheduleToCloseTimeout: opts.ScheduleToCloseTimeout,
			ScheduleToStartTimeout: opts.ScheduleToStartTimeout,
			StartToCloseTimeout:    opts.StartToCloseTimeout,
			HeartbeatTimeout:       opts.HeartbeatTimeout,
			RetryPolicy:            opts.RetryPolicy,
		},
		future: futureImpl{state: s},
	}
	a.cmd.waitCancel, a.cmd.handler = opts.WaitForCancellation, a
	f := &a.future
	if opts.Summary != "" || opts.Priority != (wfsim.Priority{}) {
		// The few activities with user metadata or a priority carry a
		// whole run.Command.
		rc := &run.Command{Kind: run.CommandScheduleActivity, ID: id, Activity: &a.attrs, Priority: priorityOf(opts.Priority)}
		if opts.Summary != "" {
			rc.Summary = s.summaryPayload(opts.Summary)
		}
		a.cmd.full = rc
	}
	// add sets cmd.n to the event ID predicted for its
	// ActivityTaskScheduled.
	s.book.add(&a.cmd)
	s.resultConverter(f, dc)
	// Cancellation is a callback on ctx's Done channel, as in Temporal's
	// SDK, embedded in the activity like a timer's.
	if done, ok := ctx.Done().(*channelImpl); ok {
		a.onCancel.to = a
		if _, ok, more := done.receiveAsync(&a.onCancel); ok || !more {
			a.cancel()
		} else {
			a.done = done
		}
	}
	return f
}

// failedFuture returns a future failed with err.
func failedFuture(s *runState, err error) Future {
	f := newFuture(s)
	f.SetError(err)
	return f
}

// scheduledActivity is an activity's command and the Future that waits for
// it, in one allocation. Its run is future.state and cmd.n its scheduled
// event ID (its WaitForCancellation is cmd.waitCancel) and its activity ID
// cmd.ID alone (not in attrs too), so that it fits the 240-byte size class
// (TestScheduledActivityFitsItsSizeClass).
type scheduledActivity struct {
	cmd    command
	attrs  run.ScheduleActivity
	future futureImpl
	// onCancel waits on done, the Done channel of the activity's
	// context, until the activity closes.
	onCancel receiveCallback
	done     *channelImpl
}

// handleEvent handles the event that closes the activity.
func (a *scheduledActivity) handleEvent(ev *run.Event) {
	if a.done != nil {
		a.done.removeReceiveCallback(&a.onCancel)
		a.done = nil
	}
	if !a.future.ready {
		a.future.Set(activityResult(a.future.state, &a.future, a.cmd.ID, &a.attrs, ev))
	}
}

// offer is the Done channel's callback; it never takes a value.
func (a *scheduledActivity) offer(any, bool) bool {
	a.done = nil
	a.cancel()
	return false
}

// cancel handles the cancellation of the activity's context:
// RequestCancelActivityTask is issued for the activity's (predicted)
// scheduled event and, unless WaitForCancellation, the Future fails at
// once, as Temporal's SDK does. An activity canceled in the task that
// scheduled it is still scheduled: both commands go out together, the
// server records the activity scheduled, its cancellation requested and,
// as no attempt started, canceled, and every command keeps the event ID
// it was numbered with.
func (a *scheduledActivity) cancel() {
	c := &a.cmd
	if a.future.ready || c.state == commandDone {
		return
	}
	a.future.state.book.add(newCommand(run.Command{Kind: run.CommandRequestCancelActivity, ID: c.ID, ScheduledEventID: a.cmd.n}))
	if !c.waitCancel {
		a.future.SetError(ErrCanceled)
	}
}

// activityResult turns the closing event of the activity id into its
// future's value and error, as Temporal's SDK does.
func activityResult(s *runState, f *futureImpl, id string, a *run.ScheduleActivity, ev *run.Event) (any, error) {
	dc := s.takeResultConverter(f)
	if ev.Kind == run.EventActivityCompleted {
		if len(ev.Payloads.GetPayloads()) == 0 {
			return nil, nil
		}
		return convertedWith(dc, s.dc, ev.Payloads), nil
	}
	fc := s.failureConverter()
	var cause error
	retry := ev.RetryState
	if ev.Kind == run.EventActivityCanceled {
		cause = fc.FailureToError(&wfsim.Failure{Message: "canceled", CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: ev.Payloads}})
		retry = wfsim.RetryStateNonRetryableFailure
	} else {
		cause = fc.FailureToError(ev.Failure)
	}
	return nil, wfsim.NewActivityError(ev.ScheduledEventID, ev.StartedEventID, ev.Identity, a.ActivityType, id, retry, cause)
}
