package workflow

import (
	"errors"
	"fmt"
	"log/slog"
	"reflect"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/coro"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

func init() { run.NewInstance = newInstance }

var contextType = reflect.TypeFor[Context]()

// instance implements run.Instance for one workflow function.
type instance struct {
	s *runState
}

func newInstance(f any, start run.Start) (run.Instance, error) {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		return nil, fmt.Errorf("workflow: %s is not a function (%T)", start.WorkflowType, f)
	}
	ft := fv.Type()
	dc := start.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	args, err := fn.DecodeArgs(dc, "workflow", start.WorkflowType, ft, 1, start.Input)
	if err != nil {
		return nil, err
	}
	s := &runState{
		start:       start,
		dc:          dc,
		d:           coro.New(),
		book:        newCommandBook(),
		now:         start.StartTime,
		signals:     make(map[string]*channelImpl),
		queries:     make(map[string]*queryHandler),
		changes:     make(map[string]int),
		mutable:     make(map[string]converter.Payloads),
		sideEffects: make(map[int64]converter.Payloads),
	}
	s.info = newInfo(start)
	h := slog.Handler(discardHandler{})
	if start.Logger != nil {
		h = start.Logger.Handler()
	}
	s.log = slog.New(replayAwareHandler{h, s}).With("WorkflowType", start.WorkflowType, "WorkflowID", start.WorkflowID, "RunID", start.RunID)
	root := &rootContext{state: s}
	s.root = newCancelContext(root)
	s.cancelRoot = func() { s.root.cancel(true, ErrCanceled) }
	s.addDefaultQueries()

	s.d.Go("root", func() {
		in := append([]reflect.Value{reflect.ValueOf(Context(s.root))}, args...)
		out := fv.Call(in)
		s.finish(out)
	})
	return &instance{s: s}, nil
}

// finish turns the workflow function's results into the run's completion
// command.
func (s *runState) finish(out []reflect.Value) {
	var err error
	if e := out[len(out)-1]; !e.IsNil() {
		err = e.Interface().(error)
	}
	s.completed = true
	s.warnUnfinishedUpdates()
	switch {
	case err == nil:
		cmd := &run.Command{Kind: run.CommandCompleteWorkflow}
		if len(out) == 2 {
			p, perr := s.dc.ToPayloads(out[0].Interface())
			if perr != nil {
				cmd = s.failCommand(fmt.Errorf("workflow %s: encoding its result: %w", s.start.WorkflowType, perr))
			} else {
				cmd.Result = p
			}
		}
		s.completion = cmd
	default:
		var can *wfsim.ContinueAsNewError
		if errors.As(err, &can) {
			s.completion = &run.Command{Kind: run.CommandContinueAsNew, ContinueAsNew: &run.ContinueAsNew{
				WorkflowType:        can.WorkflowType,
				TaskQueue:           can.TaskQueue,
				Input:               can.Input,
				WorkflowRunTimeout:  can.WorkflowRunTimeout,
				WorkflowTaskTimeout: can.WorkflowTaskTimeout,
				RetryPolicy:         can.RetryPolicy,
			}}
			return
		}
		// Returning a cancellation cancels the run, with the error's
		// details, whether or not a cancellation was requested: Temporal's
		// SDK sends CancelWorkflowExecution for any error wrapping a
		// CanceledError and the server accepts it.
		var canceled *wfsim.CanceledError
		if errors.As(err, &canceled) {
			cmd := &run.Command{Kind: run.CommandCancelWorkflow}
			if f := wfsim.GetDefaultFailureConverter().ErrorToFailure(canceled); f != nil && f.CanceledFailureInfo != nil {
				cmd.Result = f.CanceledFailureInfo.Details
			}
			s.completion = cmd
			return
		}
		s.completion = s.failCommand(err)
	}
}

func (s *runState) failCommand(err error) *run.Command {
	return &run.Command{Kind: run.CommandFailWorkflow, Failure: wfsim.GetDefaultFailureConverter().ErrorToFailure(err)}
}

func (in *instance) Completed() bool { return in.s.completed }

// Blocked describes where each live coroutine waits, with file and line.
func (in *instance) Blocked() []string { return in.s.d.Blocked() }

// BlockedNow is Blocked for a watchdog on another goroutine, which the
// coroutine dispatcher allows: it never switches into the coroutine that is
// running, and locates the others without changing the run.
func (in *instance) BlockedNow() []string { return in.s.d.Blocked() }

func (in *instance) Close() { in.s.d.Close() }

// ProcessTask applies the task's events in order and then runs the
// coroutines until all are blocked.
func (in *instance) ProcessTask(t run.Task) (cmds []run.Command, err error) {
	s := in.s
	defer func() {
		if r := recover(); r != nil {
			var ise *run.IllegalStateError
			if e, ok := r.(error); ok && errors.As(e, &ise) {
				err = ise
				return
			}
			panic(r)
		}
	}()
	s.replaying = t.Replaying
	s.flags = t.Flags
	if t.Replaying {
		for i := range t.Markers {
			s.preloadMarker(&t.Markers[i])
		}
	}
	for i := range t.Events {
		s.apply(&t.Events[i])
	}
	// Recorded local activity markers are applied once every coroutine is
	// blocked, each followed by another run (local_activity.go).
	// Updates that found no handler once every coroutine is blocked are
	// started, to be rejected, and the coroutines run again.
	for more := !s.completed; more; more = s.drainQueuedUpdates() || (!s.completed && s.nextRecordedLocalActivity()) {
		if err := s.d.RunUntilAllBlocked(); err != nil {
			var pe *coro.PanicError
			if errors.As(err, &pe) {
				if ise, ok := pe.Value.(*run.IllegalStateError); ok {
					return nil, ise
				}
				return nil, &run.PanicError{Coroutine: pe.Coroutine, Value: pe.Value, Stack: pe.Stack}
			}
			return nil, err
		}
	}
	cmds = s.book.take()
	cmds = append(cmds, s.takeRejections()...)
	if s.completion != nil {
		cmds = append(cmds, *s.completion)
		s.completion = nil
	}
	return cmds, nil
}

// apply moves the run's state machines by one event.
func (s *runState) apply(ev *run.Event) {
	if !ev.Time.IsZero() {
		s.now = ev.Time
	}
	switch ev.Kind {
	case run.EventWorkflowTaskStarted:
		s.book.taskStarted(ev.EventID)
		s.info.currentHistoryLength = int(ev.EventID)
	case run.EventWorkflowTaskFailedReset:
		s.info.WorkflowExecution.RunID = ev.RunID
	case run.EventActivityScheduled:
		c := s.book.lookup(run.CommandScheduleActivity, ev.ID, "Activity")
		c.state = commandInitiated
		s.book.activities[ev.EventID] = ev.ID
	case run.EventActivityCompleted, run.EventActivityFailed, run.EventActivityTimedOut, run.EventActivityCanceled:
		id, ok := s.book.activities[ev.ScheduledEventID]
		if !ok {
			panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] unable to find activityID for the scheduledEventID: %d", ev.ScheduledEventID)})
		}
		c := s.book.lookup(run.CommandScheduleActivity, id, "Activity")
		s.book.done(c)
		if c.resolve != nil {
			c.resolve(ev)
		}
	case run.EventActivityCancelRequested:
		id := s.book.activities[ev.ScheduledEventID]
		c := s.book.lookup(run.CommandRequestCancelActivity, id, "RequestCancelActivityTask")
		s.book.done(c)
	case run.EventTimerStarted:
		c := s.book.lookup(run.CommandStartTimer, ev.ID, "Timer")
		c.state = commandInitiated
	case run.EventTimerFired:
		c := s.book.lookup(run.CommandStartTimer, ev.ID, "Timer")
		s.book.done(c)
		if c.resolve != nil {
			c.resolve(ev)
		}
	case run.EventTimerCanceled:
		c := s.book.lookup(run.CommandCancelTimer, ev.ID, "CancelTimer")
		s.book.done(c)
	case run.EventMarkerRecorded:
		s.applyMarker(ev)
	case run.EventSignaled:
		s.signalChannel(ev.Name).SendAsync(ev.Payloads)
	case run.EventCancelRequested:
		s.cancelRequested = true
		s.cancelRoot()
	default:
		s.applyMore(ev)
	}
}
