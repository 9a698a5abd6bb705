package workflow

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// LocalActivityOptions configure a local activity: an activity that the
// workflow's own worker runs at once, without scheduling it on the server,
// and whose result is recorded in the history as a marker. Set them with
// WithLocalActivityOptions.
//
// One of ScheduleToCloseTimeout and StartToCloseTimeout is required; each
// defaults to the other.
type LocalActivityOptions struct {
	// ScheduleToCloseTimeout bounds the local activity, retries included.
	ScheduleToCloseTimeout time.Duration
	// StartToCloseTimeout bounds one attempt.
	StartToCloseTimeout time.Duration
	// RetryPolicy defaults to retrying with a 1s initial interval and a
	// backoff coefficient of 2, until ScheduleToCloseTimeout.
	RetryPolicy *wfsim.RetryPolicy
	// Summary is a short description shown by tools.
	Summary string
	// EventGroups are the groups of the local activity's marker, added to those of the
	// Context (WithEventGroups), as in Temporal's SDK. Accepted and not
	// recorded (see EventGroup).
	EventGroups []EventGroup
}

// WithLocalActivityOptions returns a copy of ctx whose local activities use
// options.
func WithLocalActivityOptions(ctx Context, options LocalActivityOptions) Context {
	return withOptions(ctx, localActivityOptionsKey, options)
}

// GetLocalActivityOptions returns the local activity options set on ctx.
func GetLocalActivityOptions(ctx Context) LocalActivityOptions {
	if o, _ := ctx.Value(localActivityOptionsKey).(*LocalActivityOptions); o != nil {
		return *o
	}
	return LocalActivityOptions{}
}

// LocalActivityOptionsError reports local activity options Temporal's SDK
// rejects, with its message.
type LocalActivityOptionsError struct {
	ActivityType string
	Message      string
}

func (e *LocalActivityOptionsError) Error() string { return e.Message }

func validatedLocalActivityOptions(activityType string, ctx Context) (LocalActivityOptions, error) {
	o, _ := ctx.Value(localActivityOptionsKey).(*LocalActivityOptions)
	switch {
	case o == nil:
		return LocalActivityOptions{}, &LocalActivityOptionsError{activityType, "missing local activity parameters through context, check LocalActivityOptions"}
	case o.ScheduleToCloseTimeout < 0:
		return LocalActivityOptions{}, &LocalActivityOptionsError{activityType, "negative ScheduleToCloseTimeout"}
	case o.StartToCloseTimeout < 0:
		return LocalActivityOptions{}, &LocalActivityOptionsError{activityType, "negative StartToCloseTimeout"}
	case o.ScheduleToCloseTimeout == 0 && o.StartToCloseTimeout == 0:
		return LocalActivityOptions{}, &LocalActivityOptionsError{activityType, "at least one of ScheduleToCloseTimeout and StartToCloseTimeout is required"}
	}
	out := *o
	if out.ScheduleToCloseTimeout == 0 {
		out.ScheduleToCloseTimeout = out.StartToCloseTimeout
	}
	if out.StartToCloseTimeout == 0 {
		out.StartToCloseTimeout = out.ScheduleToCloseTimeout
	}
	return out, nil
}

// ExecuteLocalActivity runs an activity in the workflow's own worker and
// returns a Future of its result. activity is an activity function (which
// need not be registered) or a registered name; args must fit the
// function's parameters. A function registered under a custom name runs
// under that name, as in Temporal (registration aliasing; see
// activity.RegisterOptions.Name).
//
// The result is recorded as a "LocalActivity" marker. A failed attempt is
// retried by the worker, or, when the backoff is longer than the workflow
// task timeout, after a workflow timer. Unlike ExecuteActivity, the Future
// fails with the activity's error itself (an *wfsim.ApplicationError,
// *wfsim.TimeoutError, *wfsim.CanceledError or *wfsim.PanicError), not an
// ActivityError. Cancelling ctx cancels the attempt; one canceled before
// it started (ctx canceled already, or in the same pass of the workflow
// code) does not run, and its marker records the cancellation.
func ExecuteLocalActivity(ctx Context, activity any, args ...any) Future {
	s := getState(ctx)
	s.mustRun("workflow.ExecuteLocalActivity")
	f := newFuture(s)
	name := s.funcName(activity, activityFunc)
	var activityFn any
	if t := reflect.TypeOf(activity); t != nil && t.Kind() == reflect.Func {
		if err := fn.CheckArgs("local activity", name, t, fn.ActivitySkip(t), args); err != nil {
			f.SetError(err)
			return f
		}
		activityFn = activity
	} else if name == "" {
		f.SetError(fmt.Errorf("workflow: ExecuteLocalActivity of %T: want an activity function or its name", activity))
		return f
	}
	opts, err := validatedLocalActivityOptions(name, ctx)
	if err != nil {
		f.SetError(err)
		return f
	}
	if s.givenDC(ctx) != s.dc {
		panic("workflow: ExecuteLocalActivity with a Context from WithDataConverter: wfsim runs local activities with the worker's converter only")
	}
	input, err := fn.EncodeArgs(s.encoder(s.dc), args)
	if err != nil {
		f.SetError(fmt.Errorf("local activity %q: encoding its arguments: %w", name, err))
		return f
	}
	header, err := s.injectHeader(ctx)
	if err != nil {
		f.SetError(err)
		return f
	}
	req := run.LocalActivity{
		WorkflowID:             s.info.WorkflowExecution.ID,
		RunID:                  s.start.RunID,
		ActivityType:           name,
		Fn:                     activityFn,
		Input:                  input,
		Header:                 header,
		Attempt:                1,
		ScheduledTime:          s.now,
		ScheduleToCloseTimeout: opts.ScheduleToCloseTimeout,
		StartToCloseTimeout:    opts.StartToCloseTimeout,
		RetryPolicy:            opts.RetryPolicy,
	}
	// As in Temporal's SDK, a coroutine runs the attempts: a retry whose
	// backoff is too long for the worker to wait is a workflow timer, with
	// the summary Temporal's SDK gives it (shown by Temporal's UI).
	Go(ctx, func(ctx Context) {
		for {
			attempt := s.scheduleLocalActivity(ctx, req, opts.Summary)
			err := attempt.Get(ctx, nil)
			var retry *localActivityRetry
			if errors.As(err, &retry) && retry.backoff > 0 {
				_ = NewTimerWithOptions(ctx, retry.backoff, TimerOptions{Summary: localActivityBackoffSummary}).Get(ctx, nil)
				req.Attempt = retry.attempt + 1
				continue
			}
			f.Set(attempt.value, err)
			return
		}
	})
	return f
}

// localActivityBackoffSummary is the summary of the timer that waits out
// a local activity's long retry backoff, as Temporal's SDK writes it.
const localActivityBackoffSummary = "LocalActivity Backoff"

// localActivityRetry is an attempt's error that asks for another attempt
// after backoff.
type localActivityRetry struct {
	backoff time.Duration
	attempt int32
}

func (e *localActivityRetry) Error() string {
	return fmt.Sprintf("retry backoff: %v, attempt: %v", e.backoff, e.attempt)
}

// localActivities is the local activity state of a run.
type localActivities struct {
	// pending are the attempts requested and not resolved, by ID.
	pending map[string]*localAttempt
	// recorded are the markers of the task being replayed, applied in
	// order once its coroutines are all blocked (nextRecordedLocalActivity).
	recorded []run.Event
}

type localAttempt struct {
	req    run.LocalActivity
	future *futureImpl
	remove func()
	// summary is LocalActivityOptions.Summary, recorded on the marker.
	summary string
	// unsent: requested while replaying and not handed to the driver
	// yet; canceled: its context was canceled meanwhile.
	unsent, canceled bool
}

// scheduleLocalActivity requests one attempt and returns the Future its
// marker resolves.
func (s *runState) scheduleLocalActivity(ctx Context, req run.LocalActivity, summary string) *futureImpl {
	s.localSeq++
	req.ActivityID = strconv.Itoa(int(s.localSeq))
	a := &localAttempt{req: req, future: newFuture(s), summary: summary}
	l := &s.rareForWrite().local
	if l.pending == nil {
		l.pending = make(map[string]*localAttempt)
	}
	l.pending[req.ActivityID] = a
	// The request comes first, as in Temporal's SDK: a context canceled
	// already (even before ExecuteLocalActivity's coroutine ran) cancels
	// the request, whose marker then records the cancellation.
	if s.replaying {
		a.unsent = true // sendReplayedLocalActivities
	} else {
		s.localActivityHook(req)
	}
	a.remove = onCancel(ctx, func() {
		if _, ok := l.pending[req.ActivityID]; ok {
			if a.unsent {
				a.canceled = true
				return
			}
			s.cancelLocalActivityHook(req.ActivityID)
		}
	})
	return a.future
}

// sendReplayedLocalActivities hands the driver the attempts requested while
// replaying that no marker resolved: the worker that replays a history
// whose task ended without a local activity's marker (a task completed by a
// heartbeat, then failed) runs it, as Temporal's SDK starts the local
// activities left unstarted once replay is over. Its first task after
// replay does it, before its events, so that a cancellation they bring
// reaches the request.
//
// The attempts are found in pending rather than kept in a list of their
// own: runState is allocated for every run, and this is rare.
func (s *runState) sendReplayedLocalActivities() {
	if s.rare == nil {
		return
	}
	var unsent []*localAttempt
	for _, a := range s.rare.local.pending {
		if a.unsent {
			unsent = append(unsent, a)
		}
	}
	if len(unsent) == 0 {
		return
	}
	// In the order the code requested them.
	slices.SortFunc(unsent, func(a, b *localAttempt) int {
		x, _ := strconv.Atoi(a.req.ActivityID)
		y, _ := strconv.Atoi(b.req.ActivityID)
		return cmp.Compare(x, y)
	})
	for _, a := range unsent {
		a.unsent = false
		s.localActivityHook(a.req)
		if a.canceled {
			s.cancelLocalActivityHook(a.req.ActivityID)
		}
	}
}

// localMarkerCommandID is the ID of the RecordMarker command of a local
// activity, as Temporal's SDK names it.
func localMarkerCommandID(activityID string) string {
	return run.LocalActivityMarkerName + "_" + activityID
}

// applyLocalActivityMarker handles a LocalActivity marker event. For an
// attempt that is pending it is the attempt's result, which the worker (or,
// when replaying, the history) delivers: the attempt is resolved and the
// RecordMarker command issued. Otherwise it is the history's record of a
// marker this run issued, which ends the command.
func (s *runState) applyLocalActivityMarker(ev *run.Event) {
	data, ok := s.localMarkerData(ev)
	if !ok {
		return
	}
	if s.rare != nil {
		if a, ok := s.rare.local.pending[data.ActivityID]; ok {
			s.resolveLocalActivity(a, data, ev)
			return
		}
	}
	if c := s.book.get(run.CommandRecordMarker, localMarkerCommandID(data.ActivityID)); c != nil && c.state != commandCreated {
		s.book.done(c)
	}
}

// preloadLocalActivityMarker keeps a marker of the task being replayed; it
// is applied after the task's events, once every coroutine is blocked, as
// Temporal's SDK applies local activity markers.
func (s *runState) preloadLocalActivityMarker(ev *run.Event) {
	l := &s.rareForWrite().local
	l.recorded = append(l.recorded, *ev)
}

// nextRecordedLocalActivity applies the next recorded marker of the task
// whose attempt is pending, and reports whether it applied one (so the
// coroutines run again). Markers of attempts the code did not request are
// dropped, as Temporal's SDK drops them.
func (s *runState) nextRecordedLocalActivity() bool {
	if s.rare == nil {
		return false // nothing recorded, nothing pending
	}
	l := &s.rare.local
	for len(l.recorded) > 0 {
		ev := l.recorded[0]
		l.recorded = l.recorded[1:]
		s.applying = ev.EventID // locates an IllegalStateError
		data, ok := s.localMarkerData(&ev)
		if !ok {
			continue
		}
		if a, ok := l.pending[data.ActivityID]; ok {
			s.resolveLocalActivity(a, data, &ev)
			s.applying = 0
			return true
		}
	}
	s.applying = 0
	l.recorded = nil
	return false
}

func (s *runState) localMarkerData(ev *run.Event) (run.LocalActivityMarkerData, bool) {
	var data run.LocalActivityMarkerData
	p, ok := ev.Details[run.LocalActivityDataKey]
	if !ok {
		s.badMarker(ev, fmt.Sprintf("key %q: marker key is missing in details", run.LocalActivityDataKey))
		return data, false
	}
	if err := s.fromPayloads(p, &data); err != nil {
		s.badMarker(ev, fmt.Sprintf("key %q: %v", run.LocalActivityDataKey, err))
		return data, false
	}
	return data, true
}

// resolveLocalActivity records the attempt's marker command and hands its
// result to the coroutine that waits for it.
func (s *runState) resolveLocalActivity(a *localAttempt, data run.LocalActivityMarkerData, ev *run.Event) {
	if data.ActivityType != "" && data.ActivityType != a.req.ActivityType {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] code executed local activity %v, but history event found %v, markerData: %v",
			a.req.ActivityType, data.ActivityType, data)})
	}
	delete(s.rare.local.pending, data.ActivityID) // a's, so rare is made
	if a.remove != nil {
		a.remove()
	}
	cmd := run.Command{Kind: run.CommandRecordMarker, ID: localMarkerCommandID(data.ActivityID), Marker: &run.Marker{
		Name: run.LocalActivityMarkerName, Details: ev.Details, Failure: ev.Failure,
	}}
	if a.summary != "" {
		// Recorded as the marker's user metadata, as Temporal's SDK does.
		cmd.Summary = s.summaryPayload(a.summary)
	}
	s.book.add(newCommand(cmd))
	if data.ReplayTime.After(s.now) {
		s.now = data.ReplayTime
	}
	if ev.Failure == nil {
		var result any
		if p, ok := ev.Details[run.LocalActivityResultKey]; ok && len(p.GetPayloads()) > 0 {
			result = p
		}
		a.future.Set(result, nil)
		return
	}
	err := s.failureConverter().FailureToError(ev.Failure)
	if data.Backoff > 0 && !wfsim.IsCanceledError(err) {
		a.future.SetError(&localActivityRetry{backoff: data.Backoff, attempt: data.Attempt})
		return
	}
	a.future.SetError(err)
}
