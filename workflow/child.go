package workflow

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// composition is the run state of child workflows, external signals and
// cancellations, and mutable side effects.
type composition struct {
	mutable mutableSideEffects
	// external maps the initiated event of a signal or cancellation
	// request to its command's ID.
	external map[int64]string
}

// flagChildWorkflowErrorExecution is Temporal's SDK flag 2.
const flagChildWorkflowErrorExecution uint32 = 2

// ChildWorkflowOptions configure a child workflow. Set them on a Context
// with WithChildOptions. Without them a child gets its parent's namespace,
// task queue and timeouts, as in Temporal.
type ChildWorkflowOptions struct {
	// Namespace defaults to the parent's.
	Namespace string
	// WorkflowID defaults to "<parent run ID>_<event ID>", the event ID
	// the server will give the child's StartChildWorkflowExecutionInitiated
	// event, as Temporal's SDK makes it.
	WorkflowID string
	// TaskQueue defaults to the parent's.
	TaskQueue string
	// WorkflowExecutionTimeout bounds the child, retries and runs
	// continued as new included; zero means no limit.
	WorkflowExecutionTimeout time.Duration
	// WorkflowRunTimeout bounds one run; zero means the execution
	// timeout.
	WorkflowRunTimeout time.Duration
	// WorkflowTaskTimeout defaults to 10s.
	WorkflowTaskTimeout time.Duration
	// WaitForCancellation is accepted for compatibility. As with
	// Temporal's worker, a canceled child's Future always waits for the
	// child to close, which it reports as a ChildWorkflowExecutionError
	// wrapping a CanceledError when the child accepts the cancellation.
	WaitForCancellation bool
	// WorkflowIDReusePolicy defaults to AllowDuplicate.
	WorkflowIDReusePolicy wfsim.WorkflowIDReusePolicy
	// RetryPolicy makes the server retry a failed or timed-out child;
	// nil means no retries.
	RetryPolicy *wfsim.RetryPolicy
	// CronSchedule makes the child a cron chain, which the simulated
	// server runs as a server does: a run at each fire time (the first
	// run too waits for one), each seeing the last completed run's result
	// (GetLastCompletionResult) and a failed run's error (GetLastError).
	// The parent's Future becomes ready only when the chain ends.
	CronSchedule string
	// Memo is attached to the child.
	Memo map[string]any
	// TypedSearchAttributes are attached to the child.
	TypedSearchAttributes wfsim.SearchAttributes
	// SearchAttributes are attached to the child from untyped values,
	// encoded as UpsertSearchAttributes encodes them. Setting both this
	// and TypedSearchAttributes fails the child, as in Temporal.
	//
	// Deprecated: use TypedSearchAttributes, as Temporal advises.
	SearchAttributes map[string]any
	// ParentClosePolicy defaults to Terminate.
	ParentClosePolicy wfsim.ParentClosePolicy
	// StaticSummary and StaticDetails describe the child for people (in
	// Temporal's UI). They are recorded, encoded with the run's converter,
	// as the user metadata of the child's StartChildWorkflowExecutionInitiated
	// and WorkflowExecutionStarted events, where a server records them.
	StaticSummary string
	StaticDetails string
	// Priority is the priority of the child's tasks; it orders nothing in
	// a simulation (see wfsim.Priority). It is recorded in the
	// StartChildWorkflowExecutionInitiated event, as a server records it.
	Priority wfsim.Priority
	// EventGroups are the groups of the start-child command, added to those of the
	// Context (WithEventGroups), as in Temporal's SDK. Accepted and not
	// recorded (see EventGroup).
	EventGroups []EventGroup
}

// WithWorkflowPriority returns a copy of ctx whose child workflows have the
// given priority, the rest of their options unchanged. A zero Priority
// clears it: the children then take their parent's, as on a server.
func WithWorkflowPriority(ctx Context, priority wfsim.Priority) Context {
	o := GetChildWorkflowOptions(ctx)
	o.Priority = priority
	return withOptions(ctx, childOptionsKey, o)
}

// WithChildOptions returns a copy of ctx whose child workflows use options.
// An empty Namespace or TaskQueue keeps the one ctx already has.
func WithChildOptions(ctx Context, options ChildWorkflowOptions) Context {
	o := GetChildWorkflowOptions(ctx)
	ns, queue := o.Namespace, o.TaskQueue
	o = options
	if o.Namespace == "" {
		o.Namespace = ns
	}
	if o.TaskQueue == "" {
		o.TaskQueue = queue
	}
	return withOptions(ctx, childOptionsKey, o)
}

// GetChildWorkflowOptions returns the child workflow options of ctx: those
// set with WithChildOptions, or those derived from the running workflow.
func GetChildWorkflowOptions(ctx Context) ChildWorkflowOptions {
	if o, ok := ctx.Value(childOptionsKey).(*ChildWorkflowOptions); ok {
		return *o
	}
	info := getState(ctx).info
	return ChildWorkflowOptions{
		Namespace:                info.Namespace,
		TaskQueue:                info.TaskQueueName,
		WorkflowExecutionTimeout: info.WorkflowExecutionTimeout,
		WorkflowRunTimeout:       info.WorkflowRunTimeout,
		WorkflowTaskTimeout:      info.WorkflowTaskTimeout,
	}
}

// ChildWorkflowFuture is the Future of a child workflow's result.
type ChildWorkflowFuture interface {
	Future
	// GetChildWorkflowExecution returns a Future of the child's
	// WorkflowExecution, ready once the child started (or failed to).
	GetChildWorkflowExecution() Future
	// SignalChildWorkflow sends a signal to the child once it started.
	SignalChildWorkflow(ctx Context, signalName string, data any) Future
	// SignalChildWorkflowWithOptions is SignalChildWorkflow with options
	// (with_options.go).
	SignalChildWorkflowWithOptions(ctx Context, signalName string, data any, options SignalChildWorkflowOptions) Future
}

type childFuture struct {
	*futureImpl
	execution *futureImpl
}

func (f *childFuture) GetChildWorkflowExecution() Future { return f.execution }

// impl lets a Selector wait on the child's result.
func (f *childFuture) impl() *futureImpl { return f.futureImpl }

func (f *childFuture) SignalChildWorkflow(ctx Context, signalName string, data any) Future {
	var we WorkflowExecution
	if err := f.execution.Get(ctx, &we); err != nil {
		return f.execution
	}
	return signalExternal(ctx, we.ID, "", signalName, data, true)
}

func (f *childFuture) fail(err error) *childFuture {
	f.execution.SetError(err)
	f.SetError(err)
	return f
}

// ExecuteChildWorkflow starts a child workflow, given as a function or a
// registered name, and returns a Future of its result. args must fit the
// function's parameters as ExecuteActivity's do (a T may be passed for a
// *T: the child only sees what they encode to; a child started by name
// whose input its function cannot decode fails its first workflow task, as
// in Temporal). A function registered under a custom name starts
// the child of that name, as in Temporal (registration aliasing; see
// RegisterOptions.Name).
//
// The Future fails with a *wfsim.ChildWorkflowExecutionError when the child
// fails, times out, is canceled or terminated, or could not start; the
// error wraps the reason (the child's error, a *wfsim.TimeoutError, a
// *wfsim.CanceledError, a *wfsim.TerminatedError, or a
// *wfsim.ChildWorkflowExecutionAlreadyStartedError). Cancelling ctx after
// the child started requests its cancellation.
func ExecuteChildWorkflow(ctx Context, childWorkflow any, args ...any) ChildWorkflowFuture {
	s := getState(ctx)
	f := &childFuture{futureImpl: newFuture(s), execution: newFuture(s)}
	if err := ctx.Err(); err != nil {
		return f.fail(err)
	}
	name := s.funcName(childWorkflow, workflowFunc)
	if name == "" {
		panic(fmt.Sprintf("workflow: ExecuteChildWorkflow of %T: want a workflow function or its registered name", childWorkflow))
	}
	dc := s.dcOf(ctx)
	if t := reflect.TypeOf(childWorkflow); t.Kind() == reflect.Func {
		fn.Check("workflow", "workflow", childWorkflow, contextType)
		// As for an activity: the child sees only what the arguments
		// encode to.
		if err := fn.CheckArgsDecodable(dc, "workflow", name, t, 1, args); err != nil {
			return f.fail(err)
		}
	}
	opts := GetChildWorkflowOptions(ctx)
	id := opts.WorkflowID
	if id == "" {
		id = s.currentRunID() + "_" + strconv.FormatInt(s.book.nextID(), 10)
	}
	input, err := fn.EncodeArgs(s.encoder(dc), args)
	if err != nil {
		return f.fail(fmt.Errorf("child workflow %q: encoding its arguments: %w", name, err))
	}
	s.useFlag(flagMemoUserDCEncode)
	memo, err := encodeMemo(dc, opts.Memo)
	if err != nil {
		return f.fail(err)
	}
	sa, err := childSearchAttributes(opts)
	if err != nil {
		return f.fail(err)
	}
	header, err := s.injectHeader(ctx)
	if err != nil {
		return f.fail(err)
	}
	if s.book.get(run.CommandStartChildWorkflow, id) != nil {
		// The SDK refuses a second pending child with one ID itself. Its
		// execution Future fails too only under SDK flag 2: replaying a
		// history recorded without it, that Future never becomes ready.
		err := &wfsim.ChildWorkflowExecutionAlreadyStartedError{}
		if s.tryFlag(flagChildWorkflowErrorExecution) {
			f.execution.SetError(err)
		}
		f.SetError(err)
		return f
	}
	c := s.book.add(newCommand(run.Command{Kind: run.CommandStartChildWorkflow, ID: id, Child: &run.StartChild{
		Namespace:                opts.Namespace,
		WorkflowID:               id,
		WorkflowType:             name,
		TaskQueue:                opts.TaskQueue,
		Input:                    input,
		Header:                   header,
		WorkflowExecutionTimeout: opts.WorkflowExecutionTimeout,
		WorkflowRunTimeout:       opts.WorkflowRunTimeout,
		WorkflowTaskTimeout:      opts.WorkflowTaskTimeout,
		ParentClosePolicy:        int32(opts.ParentClosePolicy),
		WorkflowIDReusePolicy:    int32(opts.WorkflowIDReusePolicy),
		RetryPolicy:              opts.RetryPolicy,
		CronSchedule:             opts.CronSchedule,
		Memo:                     memo,
		SearchAttributes:         nonEmpty(sa),
		StaticSummary:            s.metadataPayload(opts.StaticSummary),
		StaticDetails:            s.metadataPayload(opts.StaticDetails),
		Priority:                 priorityOf(opts.Priority),
	}}))
	s.trackChild(ctx, c, f, dc)
	return f
}

func nonEmpty[M ~map[K]V, K comparable, V any](m M) M {
	if len(m) == 0 {
		return nil
	}
	return m
}

// trackChild follows a child's events: started, then closed.
func (s *runState) trackChild(ctx Context, c *command, f *childFuture, dc converter.DataConverter) {
	a := c.full.Child
	var initiatedID, startedID int64
	var runID string
	var remove func()
	childError := func(retry wfsim.RetryState, cause error) error {
		return wfsim.NewChildWorkflowExecutionError(a.Namespace, a.WorkflowID, runID, a.WorkflowType, initiatedID, startedID, retry, cause)
	}
	fc := s.failureConverter()
	c.handler = resolveFunc(func(ev *run.Event) {
		switch ev.Kind {
		case run.EventChildInitiated:
			initiatedID = ev.EventID
			return
		case run.EventChildStartFailed:
			var cause error = &wfsim.ChildWorkflowExecutionAlreadyStartedError{}
			if ev.Name == run.CauseNamespaceNotFound {
				cause = &wfsim.NamespaceNotFoundError{}
			}
			f.fail(childError(wfsim.RetryStateNonRetryableFailure, cause))
			return
		case run.EventChildStarted:
			runID, startedID = ev.RunID, ev.EventID
			f.execution.Set(WorkflowExecution{ID: a.WorkflowID, RunID: runID}, nil)
			// Cancellation is hooked only now, as in Temporal's SDK: a
			// context canceled earlier cancels the child at this point.
			remove = onCancel(ctx, func() {
				if !f.ready {
					s.cancelChild(c)
				}
			})
			return
		}
		if remove != nil {
			remove()
		}
		switch ev.Kind {
		case run.EventChildCompleted:
			f.Set(convertedWith(dc, s.dc, ev.Payloads), nil)
		case run.EventChildFailed:
			f.SetError(childError(ev.RetryState, fc.FailureToError(ev.Failure)))
		case run.EventChildCanceled:
			f.SetError(childError(wfsim.RetryStateNonRetryableFailure,
				fc.FailureToError(&wfsim.Failure{Message: "canceled", CanceledFailureInfo: &wfsim.CanceledFailureInfo{Details: ev.Payloads}})))
		case run.EventChildTimedOut:
			f.SetError(childError(ev.RetryState,
				fc.FailureToError(&wfsim.Failure{Message: "Child workflow timeout", TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeStartToClose}})))
		case run.EventChildTerminated:
			f.SetError(childError(wfsim.RetryStateNonRetryableFailure, &wfsim.TerminatedError{}))
		}
	})
}

// cancelChild asks the server to cancel a started child: a
// RequestCancelExternalWorkflowExecution command limited to the child.
func (s *runState) cancelChild(c *command) {
	if c.canceled || c.state == commandDone {
		return
	}
	c.canceled = true
	s.book.add(newCommand(run.Command{Kind: run.CommandRequestCancelExternalWorkflow, ID: childCancelID(c.ID),
		External: &run.External{Namespace: c.full.Child.Namespace, WorkflowID: c.full.Child.WorkflowID, ChildWorkflowOnly: true}}))
}

// childCancelID names the cancellation command of a child; external
// cancellations are named by number, so the two never collide.
func childCancelID(workflowID string) string { return "child/" + workflowID }

// applyChildEvent moves a child workflow's command by one event.
func (s *runState) applyChildEvent(ev *run.Event) {
	if ev.Kind == run.EventChildInitiated {
		c := s.book.lookup(run.CommandStartChildWorkflow, ev.ID, "ChildWorkflow")
		c.state = commandInitiated
		if s.book.children == nil {
			s.book.children = make(map[int64]string)
		}
		s.book.children[ev.EventID] = ev.ID
		c.deliver(ev)
		return
	}
	id, ok := s.book.children[ev.InitiatedEventID]
	if !ok {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] unable to find child workflow for the initiatedEventID: %d", ev.InitiatedEventID)})
	}
	c := s.book.lookup(run.CommandStartChildWorkflow, id, "ChildWorkflow")
	if ev.Kind != run.EventChildStarted {
		delete(s.book.children, ev.InitiatedEventID)
		s.book.done(c)
		// A cancellation not sent yet is moot once the child closed: it
		// was made by the start event of the same task (the context was
		// canceled before the child started). Temporal's SDK drops it too.
		if c.canceled {
			s.book.dropCancelOfResolved(run.CommandRequestCancelExternalWorkflow, childCancelID(id))
		}
	}
	c.deliver(ev)
}

// childSearchAttributes encodes the child's search attributes from its
// typed or (deprecated) untyped ones, as Temporal's SDK does: not both.
func childSearchAttributes(opts ChildWorkflowOptions) (map[string]*converter.Payload, error) {
	untyped := opts.SearchAttributes
	if untyped == nil {
		return wfsim.EncodeSearchAttributes(opts.TypedSearchAttributes)
	}
	if opts.TypedSearchAttributes.Size() != 0 {
		return nil, errors.New("cannot specify both SearchAttributes and TypedSearchAttributes")
	}
	return wfsim.EncodeUntypedSearchAttributes(untyped)
}

// metadataPayload encodes a user metadata text (a summary, details), nil
// when empty.
func (s *runState) metadataPayload(text string) *converter.Payload {
	if text == "" {
		return nil
	}
	return s.summaryPayload(text)
}

// priorityOf is a task priority for a command, nil when p is unset.
func priorityOf(p wfsim.Priority) *wfsim.Priority {
	if p == (wfsim.Priority{}) {
		return nil
	}
	// A copy made here, not p itself: p escaping would cost an
	// allocation on every call, set or not.
	q := new(wfsim.Priority)
	*q = p
	return q
}
