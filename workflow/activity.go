package workflow

import (
	"fmt"
	"reflect"
	"strconv"
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
	// RetryPolicy defaults to the server's default policy.
	RetryPolicy *wfsim.RetryPolicy
	// DisableEagerExecution is accepted for compatibility; the simulator
	// never executes eagerly.
	DisableEagerExecution bool
	// Summary is a short description shown by tools.
	Summary string
}

// WithActivityOptions returns a copy of ctx whose activities use options.
func WithActivityOptions(ctx Context, options ActivityOptions) Context {
	o := options
	return WithValue(ctx, activityOptionsKey, &o)
}

// GetActivityOptions returns the activity options set on ctx.
func GetActivityOptions(ctx Context) ActivityOptions {
	if o := activityOptions(ctx); o != nil {
		return *o
	}
	return ActivityOptions{}
}

func activityOptions(ctx Context) *ActivityOptions {
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

func validateActivityOptions(activityType string, o *ActivityOptions) error {
	switch {
	case o == nil:
		return &ActivityOptionsError{activityType, "no ActivityOptions on the context (use workflow.WithActivityOptions)"}
	case o.ScheduleToCloseTimeout < 0 || o.ScheduleToStartTimeout < 0 || o.StartToCloseTimeout < 0 || o.HeartbeatTimeout < 0:
		return &ActivityOptionsError{activityType, "A valid timeout may not be negative."}
	case o.ScheduleToCloseTimeout == 0 && o.StartToCloseTimeout == 0:
		return &ActivityOptionsError{activityType, "A valid StartToClose or ScheduleToCloseTimeout is not set on command."}
	}
	if p := o.RetryPolicy; p != nil {
		switch {
		case p.InitialInterval < 0:
			return &ActivityOptionsError{activityType, "InitialInterval cannot be negative on retry policy."}
		case p.BackoffCoefficient != 0 && p.BackoffCoefficient < 1:
			return &ActivityOptionsError{activityType, "BackoffCoefficient cannot be less than 1 on retry policy."}
		case p.MaximumInterval < 0:
			return &ActivityOptionsError{activityType, "MaximumInterval cannot be negative on retry policy."}
		case p.MaximumInterval > 0 && p.MaximumInterval < p.InitialInterval:
			return &ActivityOptionsError{activityType, "MaximumInterval cannot be less than InitialInterval on retry policy."}
		case p.MaximumAttempts < 0:
			return &ActivityOptionsError{activityType, "MaximumAttempts cannot be negative on retry policy."}
		}
	}
	return nil
}

// ExecuteActivity schedules an activity and returns a Future of its result.
// activity is an activity function or its registered name; args must fit
// the function's parameters.
//
// The Future fails with a *wfsim.ActivityError whose cause says why: an
// *wfsim.ApplicationError, *wfsim.TimeoutError, *wfsim.CanceledError or
// *wfsim.PanicError.
func ExecuteActivity(ctx Context, activity any, args ...any) Future {
	s := getState(ctx)
	f := newFuture(s)
	name := fn.Name(activity)
	if reflect.TypeOf(activity).Kind() == reflect.Func {
		if err := fn.CheckArgs("activity", name, reflect.TypeOf(activity), fn.ActivitySkip(reflect.TypeOf(activity)), args); err != nil {
			f.SetError(err)
			return f
		}
	}
	opts := activityOptions(ctx)
	if err := validateActivityOptions(name, opts); err != nil {
		f.SetError(err)
		return f
	}
	input, err := s.dc.ToPayloads(args...)
	if err != nil {
		f.SetError(fmt.Errorf("activity %q: encoding its arguments: %w", name, err))
		return f
	}
	scheduledID := s.book.nextID()
	id := opts.ActivityID
	if id == "" {
		id = strconv.FormatInt(scheduledID, 10)
	}
	queue := opts.TaskQueue
	if queue == "" {
		queue = s.start.TaskQueue
	}
	c := s.book.add(&command{Command: run.Command{Kind: run.CommandScheduleActivity, ID: id, Activity: &run.ScheduleActivity{
		ActivityID:             id,
		ActivityType:           name,
		TaskQueue:              queue,
		Input:                  input,
		ScheduleToCloseTimeout: opts.ScheduleToCloseTimeout,
		ScheduleToStartTimeout: opts.ScheduleToStartTimeout,
		StartToCloseTimeout:    opts.StartToCloseTimeout,
		HeartbeatTimeout:       opts.HeartbeatTimeout,
		RetryPolicy:            opts.RetryPolicy,
	}}})
	var remove func()
	c.resolve = func(ev *run.Event) {
		if remove != nil {
			remove()
		}
		if f.ready {
			return
		}
		f.Set(activityResult(c.Activity, ev))
	}
	wait := opts.WaitForCancellation
	remove = onCancel(ctx, func() {
		if f.ready || c.state == commandDone {
			return
		}
		if c.state == commandCreated {
			// Never sent: withdraw it, as if never scheduled.
			s.book.unsend(c)
			f.SetError(ErrCanceled)
			return
		}
		s.book.add(&command{Command: run.Command{Kind: run.CommandRequestCancelActivity, ID: c.ID}})
		if !wait {
			f.SetError(ErrCanceled)
		}
	})
	return f
}

// activityResult turns an activity's closing event into its future's value
// and error, as Temporal's SDK does.
func activityResult(a *run.ScheduleActivity, ev *run.Event) (any, error) {
	var cause error
	retry := ev.RetryState
	switch ev.Kind {
	case run.EventActivityCompleted:
		return ev.Payloads, nil
	case run.EventActivityCanceled:
		cause = wfsim.GetDefaultFailureConverter().FailureToError(&wfsim.Failure{Message: "canceled", CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: ev.Payloads}})
		retry = wfsim.RetryStateNonRetryableFailure
	default:
		cause = wfsim.GetDefaultFailureConverter().FailureToError(ev.Failure)
	}
	return nil, wfsim.NewActivityError(ev.ScheduledEventID, ev.StartedEventID, ev.Identity, a.ActivityType, a.ActivityID, retry, cause)
}
