package workflow

import (
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/coro"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

func init() { run.NewInstance = newInstance }

var contextType = reflect.TypeFor[Context]()

// instance implements run.Instance for one workflow function. It holds
// what every run has (its state, root contexts, dispatcher and info), so
// that they are one allocation.
type instance struct {
	state      runState
	rootCtx    rootContext
	rootCancel cancelContext
	rootDone   channelImpl
	rootCoro   coro.Coroutine

	// The workflow function: a rootCall (directRoot's), an
	// undecodableInput for input the function cannot take, or else the
	// function itself, called through reflection with args, whose first
	// value, the context, Run sets. (One
	// field for both, and the function rather than its reflect.Value: the
	// bytes saved keep the instance, with its 8-byte malloc header, in the
	// 1792-byte size class, not the 2048-byte one.)
	call any
	args []reflect.Value
}

func newInstance(f any, start run.Start) (run.Instance, error) {
	dynamic, isDynamic := f.(run.DynamicWorkflow)
	if isDynamic {
		f = dynamic.Fn
	}
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		return nil, fmt.Errorf("workflow: %s is not a function (%T)", start.WorkflowType, f)
	}
	ft := fv.Type()
	dc := start.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	// The input comes from history (or from a start the caller already
	// checked): values beyond the parameters are ignored, as Temporal's
	// SDK ignores them.
	var direct rootCall
	var args []reflect.Value
	ok := false
	if isDynamic {
		// The dynamic workflow gets the whole input, undecoded (after the
		// context, which Run puts first).
		args, ok = []reflect.Value{{}, reflect.ValueOf(converter.NewEncodedValues(start.Input, dc))}, true
	} else if dc == converter.GetDefaultDataConverter() {
		direct, ok = directRoot(dc, f, start.Input)
	}
	if !ok {
		var err error
		// The values start with a place for the context, which Run fills:
		// the call needs no second slice.
		args, err = fn.DecodeArgsAfterLead(dc, "workflow", start.WorkflowType, ft, 1, start.Input, fn.IgnoreExtra)
		if err != nil {
			// Input the function cannot take fails the run in its first
			// workflow task, as in Temporal's SDK, where the worker
			// decodes it when the task runs the workflow; held in place of
			// the function, whose field Run reads anyway.
			f = undecodableInput{fmt.Errorf("unable to decode the workflow function input payload with error: %w, function name: %v", err, start.WorkflowType)}
		}
	}
	in := &instance{call: f, args: args}
	if direct != nil {
		in.call = direct
	}
	// The instance is fresh (zero), its command book empty: a book's
	// maps are made on first write, as most runs have no version markers
	// or children. The fields are set one by one, as assigning composite
	// literals would copy them in whole, with a write barrier over every
	// pointer word while the GC marks.
	s := &in.state
	s.initFrom(&start, dc)
	s.book.makeRoom(start.CommandRoom)
	in.rootCtx.state = s
	in.rootCtx.coro = &in.rootCoro
	in.rootCancel.Context, in.rootCancel.state = &in.rootCtx, s
	// The root context's Done channel, which every timer and activity
	// started with it waits on, is made now, in place; Done makes the
	// same channel on first use.
	in.rootDone.state, in.rootDone.name = s, "Done"
	in.rootCancel.done = &in.rootDone
	s.root = &in.rootCancel
	if p := newPropagation(&start); p != nil {
		s.rareForWrite().prop = p
	}
	if !start.Aliases.Empty() {
		s.extrasForWrite().aliases = start.Aliases
	}
	s.d.GoOn(start.Carrier, &in.rootCoro, "root", in)
	return in, nil
}

// Run runs the workflow function as the root coroutine and turns what it
// returns into the run's completion command.
func (in *instance) Run() {
	s := &in.state
	growStack(false)
	if direct, ok := in.call.(rootCall); ok {
		s.finish(direct.call(s.userRoot()))
		return
	}
	if u, ok := in.call.(undecodableInput); ok {
		s.finish(nil, false, u.err)
		return
	}
	// The context goes in as a Value of the parameter's own type,
	// Context: Call then assigns it as it is, where a Value of the
	// concrete context type would cost it a check of every method of
	// the interface and a conversion into fresh memory.
	ctx := s.userRoot()
	args := in.args
	args[0] = reflect.ValueOf(&ctx).Elem()
	out := reflect.ValueOf(in.call).Call(args)
	var value any
	hasValue := false
	if len(out) == 2 {
		// A nil pointer or nil interface is no result (fn.Recorded).
		if v := fn.Recorded(out[0]); v.IsValid() {
			value, hasValue = v.Interface(), true
		}
	}
	var err error
	if e := out[len(out)-1]; !e.IsNil() {
		err = e.Interface().(error)
	}
	s.finish(value, hasValue, err)
}

// undecodableInput stands in for the workflow function of a run whose
// input it cannot take: Run fails the run with err.
type undecodableInput struct{ err error }

// finish turns the workflow function's results into the run's completion
// command. hasValue is false for a function that returns only an error.
func (s *runState) finish(value any, hasValue bool, err error) {
	s.completed = true
	switch {
	case err == nil:
		cmd := run.Command{Kind: run.CommandCompleteWorkflow}
		if hasValue {
			p, perr := encodeValue(s.encoder(s.dc), value)
			if perr != nil {
				cmd = s.failCommand(fmt.Errorf("workflow %s: encoding its result: %w", s.info.WorkflowType.Name, perr))
			} else {
				cmd.Result = p
			}
		}
		s.complete(cmd)
	default:
		var can *wfsim.ContinueAsNewError
		if errors.As(err, &can) {
			s.complete(run.Command{Kind: run.CommandContinueAsNew, ContinueAsNew: &run.ContinueAsNew{
				WorkflowType:         canType(can),
				TaskQueue:            can.TaskQueueName,
				Input:                can.Input,
				WorkflowRunTimeout:   can.WorkflowRunTimeout,
				WorkflowTaskTimeout:  can.WorkflowTaskTimeout,
				RetryPolicy:          can.RetryPolicy,
				BackoffStartInterval: can.BackoffStartInterval,
				Header:               s.propagation().headerOf(can),
				// An unknown value panics here and fails the workflow
				// task. Temporal's SDK panics too, but outside the
				// workflow's panic handling: its worker never answers
				// the task, which times out and is retried for ever;
				// wfsim records the failure instead (and applies
				// FailWorkflow), so that the test ends and says why.
				InitialVersioningBehavior: canVersioningBehavior(can.InitialVersioningBehavior),
			}})
			return
		}
		// Returning a cancellation cancels the run, with the error's
		// details, whether or not a cancellation was requested: Temporal's
		// SDK sends CancelWorkflowExecution for any error wrapping a
		// CanceledError and the server accepts it.
		var canceled *wfsim.CanceledError
		if errors.As(err, &canceled) {
			cmd := run.Command{Kind: run.CommandCancelWorkflow}
			if f := s.failureConverter().ErrorToFailure(canceled); f != nil && f.CanceledFailureInfo != nil {
				cmd.Result = f.CanceledFailureInfo.Details
			}
			s.complete(cmd)
			return
		}
		s.complete(s.failCommand(err))
	}
}

// complete sets the command that closes the run, sent with the task.
func (s *runState) complete(cmd run.Command) {
	s.completionCmd[0] = cmd
	s.completing = true
}

func (s *runState) failCommand(err error) run.Command {
	return run.Command{Kind: run.CommandFailWorkflow, Failure: s.failureConverter().ErrorToFailure(err)}
}

func (in *instance) Completed() bool { return in.state.completed }

// Blocked describes where each live coroutine waits, with file and line.
func (in *instance) Blocked() []string { return in.state.d.Blocked() }

// BlockedNow is Blocked for a watchdog on another goroutine, which the
// coroutine dispatcher allows: it never switches into the coroutine that is
// running, and locates the others without changing the run.
func (in *instance) BlockedNow() []string { return in.state.d.Blocked() }

// BlockedSeen is BlockedNow for a watchdog outside the synctest bubble the
// run executes in: it switches into no coroutine (coro.Dispatcher.Seen),
// so a coroutine is named with its place only if something on the run's
// side located it since it blocked.
func (in *instance) BlockedSeen() []string { return in.state.d.Seen() }

func (in *instance) Close() { in.state.d.Close() }

// ProcessTask applies the task's events in order and then runs the
// coroutines until all are blocked.
func (in *instance) ProcessTask(t run.Task) (cmds []run.Command, err error) {
	s := &in.state
	defer func() {
		if r := recover(); r != nil {
			var ise *run.IllegalStateError
			if e, ok := r.(error); ok && errors.As(e, &ise) {
				if ise.EventID == 0 {
					ise.EventID = s.applying
				}
				err = ise
				s.applying = 0
				return
			}
			if up, ok := r.(*userPanic); ok {
				// The data converter panicked decoding an event's
				// details: a bug of the user's code, not of the history.
				err = &run.PanicError{Value: up.value, Stack: up.stack}
				s.applying = 0
				return
			}
			if s.applying != 0 {
				// Applying an event panicked in the machinery, not in
				// workflow code (which runs in coroutines) nor in the
				// data converter (userPanic): the event does not fit the
				// run's state, as a doubled or misplaced event of a
				// damaged history does not. The stack locates the panic.
				err = &run.IllegalStateError{EventID: s.applying, Stack: string(debug.Stack()),
					Message: fmt.Sprintf("[TMPRL1100] history event %d does not fit the workflow's state: %v", s.applying, r)}
				s.applying = 0
				return
			}
			panic(r)
		}
	}()
	s.replaying = t.Replaying
	if !t.Replaying && !t.NoRun && s.rare != nil && len(s.rare.local.pending) > 0 {
		s.sendReplayedLocalActivities()
	}
	s.addFlags(t.Flags)
	if !s.begun {
		// Temporal's SDK takes up SDK flag 3 when a run starts, so a new
		// run records it on its first task.
		s.begun = true
		s.useFlag(flagProtocolMessageCommand)
	}
	if t.Replaying {
		for i := range t.Markers {
			s.applying = t.Markers[i].EventID
			s.preloadMarker(&t.Markers[i])
		}
	}
	for i := range t.Events {
		s.applying = t.Events[i].EventID
		s.apply(&t.Events[i])
	}
	if t.Source != nil {
		for ev := t.Source.NextEvent(); ev != nil; ev = t.Source.NextEvent() {
			s.applying = ev.EventID
			s.apply(ev)
		}
	}
	s.applying = 0
	if t.NoRun {
		return s.book.take(nil, nil, t.ReuseCommands), nil
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
					// Made afresh by the call that panicked with it
					// (an internal type no user code can hold).
					ise.Stack = pe.Stack
					return nil, ise
				}
				return nil, &run.PanicError{Coroutine: pe.Coroutine, Value: pe.Value, Stack: pe.Stack}
			}
			return nil, err
		}
	}
	var completion *run.Command
	if s.completing {
		if err := s.blockedUnwinding(); err != nil {
			return nil, err
		}
		completion = &s.completionCmd[0]
		// Checked once every coroutine is blocked, as Temporal's SDK
		// checks: handlers that finish in the task the workflow returns in
		// (canceled with it, say) are not unfinished.
		s.warnUnfinishedUpdates(completion.Kind)
	}
	if t.ReuseCommands && s.book.again == nil {
		// A task that returns one command, the completion among them,
		// returns it in completionCmd; one that returns more gets room of
		// its own, so the completion is never overwritten before it is
		// copied (commandBook.reused).
		s.book.again = s.completionCmd[:0]
	}
	cmds = s.book.take(s.takeRejections(), completion, t.ReuseCommands)
	s.completing = false
	return cmds, nil
}

// apply moves the run's state machines by one event.
func (s *runState) apply(ev *run.Event) {
	// Most events of a task share its instant: storing the same time
	// again would still cost a write barrier (a Time holds a pointer)
	// while the GC runs.
	if !ev.Time.IsZero() && ev.Time != s.now {
		s.now = ev.Time
	}
	switch ev.Kind {
	case run.EventNoop:
		// Most of a history (task scheduled and completed, activity
		// started): nothing to do, without a call to applyMore.
	case run.EventWorkflowTaskStarted:
		s.book.taskStarted(ev.EventID)
		s.info.taskStarted(ev)
	case run.EventWorkflowTaskFailedReset:
		s.info.WorkflowExecution.RunID = ev.RunID
		s.moreForWrite().pastReset = true // currentRunID is now RunID
		s.reseedRandoms(ev.RunID)
	case run.EventActivityScheduled:
		// Temporal's SDK first checks that the code scheduled an activity
		// whose ActivityTaskScheduled event would have this ID.
		c := s.book.activities.get(ev.EventID)
		if c == nil {
			panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] lookup failed for scheduledEventID to activityID: scheduleEventID: %d, activityID: %s", ev.EventID, ev.ID)})
		}
		if c.ID != ev.ID {
			c = s.book.lookup(run.CommandScheduleActivity, ev.ID, "Activity")
		}
		c.state = commandInitiated
	case run.EventActivityCompleted, run.EventActivityFailed, run.EventActivityTimedOut, run.EventActivityCanceled:
		c := s.book.activityOf(ev)
		if ev.Kind != run.EventActivityCanceled {
			s.book.dropCancelOfActivity(c)
		}
		s.book.activities.remove(ev.ScheduledEventID)
		s.book.done(c)
		c.deliver(ev)
	case run.EventActivityCancelRequested:
		// The request ends the RequestCancelActivityTask command. A
		// request the code did not make is left to the comparison of
		// commands with events, as in Temporal's SDK.
		id := s.book.activityOf(ev).ID
		if c := s.book.get(run.CommandRequestCancelActivity, id); c != nil {
			s.book.done(c)
		}
	case run.EventTimerStarted:
		c := s.book.lookup(run.CommandStartTimer, ev.ID, "Timer")
		c.state = commandInitiated
	case run.EventTimerFired:
		c := s.book.lookup(run.CommandStartTimer, ev.ID, "Timer")
		s.book.done(c)
		c.deliver(ev)
	case run.EventTimerCanceled:
		c := s.book.lookup(run.CommandCancelTimer, ev.ID, "CancelTimer")
		s.book.done(c)
	case run.EventMarkerRecorded:
		s.applyMarker(ev)
	case run.EventSignaled:
		s.signalChannel(ev.Name).SendAsync(ev.Payloads)
	case run.EventCancelRequested:
		s.cancelRequested = true
		s.root.cancel(true, ErrCanceled)
	default:
		s.applyMore(ev)
	}
}

// growStack makes the root coroutine's stack grow now, while it holds few
// frames: a goroutine starts with a small stack, which the workflow soon
// outgrows, and growing then copies and adjusts every frame of a deeper
// stack. It grows it to 8 KB at once: 4 KB is enough for a workflow that
// passes strings and numbers, but encoding/json, encoding the first
// struct or slice the workflow passes to an activity or returns, or
// reflect.Value.Call's frames, go deeper, and a second growth there cost
// a fifth of a one-activity run (BenchmarkHelloStruct). The frame is
// reserved, not written: the array is declared in a branch that runs only
// when touch is true (never, but the compiler cannot know), so the call
// costs the growth and not also the zeroing of the array.
//
//go:noinline
func growStack(touch bool) {
	if touch {
		var frame [stackReserve]byte
		keep(frame[:])
	}
}

// stackReserve is the frame growStack needs for an 8 KB stack: with the
// runtime's guard area, more than four times a starting stack (2 KB)
// holds, less than eight times.
const stackReserve = 6 * 1024

//go:noinline
func keep([]byte) {}
