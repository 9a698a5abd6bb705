package testsuite

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// OnSignalExternalWorkflow mocks workflow.SignalExternalWorkflow to
// workflows the simulation does not run, for calls whose arguments match
// (mock.Anything matches anything; the signal's argument is decoded as a
// generic value, so JSON numbers arrive as float64). Return takes an error
// (nil: delivered), or a func(namespace, workflowID, runID, signalName
// string, arg any) error. Signals to workflows of the simulation are
// delivered without a mock; to others, without a mock, they fail with
// *wfsim.UnknownExternalWorkflowExecutionError, as on the server.
func (env *TestWorkflowEnvironment) OnSignalExternalWorkflow(namespace, workflowID, runID, signalName, arg any) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodSignalExternal, nil, namespace, workflowID, runID, signalName, arg)
}

// OnRequestCancelExternalWorkflow mocks
// workflow.RequestCancelExternalWorkflow to workflows the simulation does
// not run. Return takes an error (nil: delivered), or a func(namespace,
// workflowID, runID string) error.
func (env *TestWorkflowEnvironment) OnRequestCancelExternalWorkflow(namespace, workflowID, runID string) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodRequestCancelExternal, nil, namespace, workflowID, runID)
}

// external records a SignalExternalWorkflowExecution or
// RequestCancelExternalWorkflowExecution command and delivers it once the
// task's commands are recorded.
func (e *environment) external(r *workflowRun, c *run.Command, completedID int64) {
	x := *c.External
	if x.Namespace == "" {
		x.Namespace = defaultNamespace
	}
	target := replay.WorkflowExecution{WorkflowID: x.WorkflowID, RunID: x.RunID}
	if c.Kind == run.CommandSignalExternalWorkflow {
		initiated := r.rec.add(replay.EventTypeSignalExternalWorkflowExecutionInitiated, func(ev *replay.Event) {
			ev.Attributes = &replay.SignalExternalWorkflowExecutionInitiatedEventAttributes{
				WorkflowTaskCompletedEventID: completedID, Namespace: x.Namespace, WorkflowExecution: target,
				SignalName: x.SignalName, Input: x.Input, Control: c.ID, ChildWorkflowOnly: x.ChildWorkflowOnly,
				Header: headerOf(x.Header),
			}
		})
		d := delivery{signal: true, sender: r, x: x, control: c.ID, initiatedID: initiated.EventID}
		e.soon(func() { e.deliverSignal(d) })
		return
	}
	control := c.ID
	if x.ChildWorkflowOnly {
		control = "" // a child's cancellation is known by the child's ID
	}
	initiated := r.rec.add(replay.EventTypeRequestCancelExternalWorkflowExecutionInitiated, func(ev *replay.Event) {
		ev.Attributes = &replay.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes{
			WorkflowTaskCompletedEventID: completedID, Namespace: x.Namespace, WorkflowExecution: target,
			Control: control, ChildWorkflowOnly: x.ChildWorkflowOnly,
		}
	})
	d := delivery{sender: r, x: x, control: control, initiatedID: initiated.EventID}
	e.soon(func() { e.deliverCancel(d) })
}

// delivery is an external signal or cancellation request on its way.
type delivery struct {
	signal      bool
	sender      *workflowRun
	x           run.External
	control     string
	initiatedID int64
}

// target returns the open run a delivery is for, or nil: the current run
// of the workflow ID (the given run, if a run ID is set), which must be the
// sender's child when the request is limited to children.
func (e *environment) target(d delivery) *workflowRun {
	r := e.runs.get(d.x.WorkflowID)
	switch {
	case r == nil, r.closed, r.inst == nil:
		return nil
	case d.x.RunID != "" && r.runID != d.x.RunID:
		return nil
	case d.x.ChildWorkflowOnly && r.link.parent != d.sender:
		return nil
	}
	return r
}

func (e *environment) deliverSignal(d delivery) {
	if d.sender.closed {
		return // the server drops the requests of a closed workflow
	}
	if t := e.target(d); t != nil {
		e.signalRun(t, replay.WorkflowExecutionSignaledEventAttributes{SignalName: d.x.SignalName, Input: d.x.Input, Identity: defaultIdentity,
			ExternalWorkflowExecution: &replay.WorkflowExecution{WorkflowID: d.sender.id, RunID: d.sender.runID},
			Header:                    headerOf(d.x.Header)})
		e.externalDone(d, true)
		return
	}
	if d.x.ChildWorkflowOnly || !e.comp.mocked(mockMethodSignalExternal) {
		e.externalDone(d, false)
		return
	}
	// The mock gets the argument the workflow passed, not a decoded copy
	// (a struct would come back as a map), as in Temporal's environment.
	arg := d.x.Arg
	args := []any{d.x.Namespace, d.x.WorkflowID, d.x.RunID, d.x.SignalName, arg}
	ret, err := e.callWorkflowMock(mockMethodSignalExternal, args...)
	if err == nil {
		err = mockError(ret, func(f any) (error, bool) {
			g, ok := f.(func(string, string, string, string, any) error)
			if !ok {
				return nil, false
			}
			return g(d.x.Namespace, d.x.WorkflowID, d.x.RunID, d.x.SignalName, arg), true
		})
	}
	e.afterMock(mockMethodSignalExternal, args, func() { e.externalDone(d, err == nil) })
}

func (e *environment) deliverCancel(d delivery) {
	if d.sender.closed {
		return
	}
	if t := e.target(d); t != nil {
		if e.requestCancel(t, replay.WorkflowExecutionCancelRequestedEventAttributes{ExternalInitiatedEventID: d.initiatedID,
			ExternalWorkflowExecution: &replay.WorkflowExecution{WorkflowID: d.sender.id, RunID: d.sender.runID}, Identity: defaultIdentity}) {
			e.childCanceledListener(t)
		}
		e.externalDone(d, true)
		return
	}
	if r := e.runs.get(d.x.WorkflowID); r != nil && r.closed && (d.x.RunID == "" || d.x.RunID == r.runID) {
		// The server takes a request to cancel a workflow that has
		// closed as done, and records nothing for it: a child that
		// closed in the task that raced the request, say.
		e.externalDone(d, true)
		return
	}
	if d.x.ChildWorkflowOnly || !e.comp.mocked(mockMethodRequestCancelExternal) {
		e.externalDone(d, false)
		return
	}
	args := []any{d.x.Namespace, d.x.WorkflowID, d.x.RunID}
	ret, err := e.callWorkflowMock(mockMethodRequestCancelExternal, args...)
	if err == nil {
		err = mockError(ret, func(f any) (error, bool) {
			g, ok := f.(func(string, string, string) error)
			if !ok {
				return nil, false
			}
			return g(d.x.Namespace, d.x.WorkflowID, d.x.RunID), true
		})
	}
	e.afterMock(mockMethodRequestCancelExternal, args, func() { e.externalDone(d, err == nil) })
}

// mockError reads the error a mock of an external call returns: an error,
// nil, or a function call's error.
func mockError(ret []any, call func(f any) (error, bool)) error {
	if len(ret) == 0 || ret[0] == nil {
		return nil
	}
	if err, ok := call(ret[0]); ok {
		return err
	}
	if err, ok := ret[0].(error); ok {
		return err
	}
	return nil
}

// afterMock runs f after the delay the mock's After set, at once without.
func (e *environment) afterMock(method string, args []any, f func()) {
	if d := e.workflowMockAfter(method, args); d > 0 {
		e.clock.AfterFunc(d, f)
		return
	}
	f()
}

// externalDone records in the sender's history that the request was
// delivered, or that it failed because no such workflow is running. (The
// server leaves the failed events' WorkflowTaskCompletedEventId unset.)
func (e *environment) externalDone(d delivery, ok bool) {
	r := d.sender
	if r.closed {
		return
	}
	if r.heldOpen() {
		r.bufferEvent(func() { e.externalDone(d, ok) }) // local_task.go
		return
	}
	we := replay.WorkflowExecution{WorkflowID: d.x.WorkflowID, RunID: d.x.RunID}
	switch {
	case d.signal && ok:
		r.rec.add(replay.EventTypeExternalWorkflowExecutionSignaled, func(ev *replay.Event) {
			ev.Attributes = &replay.ExternalWorkflowExecutionSignaledEventAttributes{InitiatedEventID: d.initiatedID,
				Namespace: d.x.Namespace, WorkflowExecution: we, Control: d.control}
		})
	case d.signal:
		r.rec.add(replay.EventTypeSignalExternalWorkflowExecutionFailed, func(ev *replay.Event) {
			ev.Attributes = &replay.SignalExternalWorkflowExecutionFailedEventAttributes{
				Cause:     replay.SignalExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound,
				Namespace: d.x.Namespace, WorkflowExecution: we, InitiatedEventID: d.initiatedID, Control: d.control}
		})
	case ok:
		r.rec.add(replay.EventTypeExternalWorkflowExecutionCancelRequested, func(ev *replay.Event) {
			ev.Attributes = &replay.ExternalWorkflowExecutionCancelRequestedEventAttributes{InitiatedEventID: d.initiatedID,
				Namespace: d.x.Namespace, WorkflowExecution: we}
		})
	default:
		r.rec.add(replay.EventTypeRequestCancelExternalWorkflowExecutionFailed, func(ev *replay.Event) {
			ev.Attributes = &replay.RequestCancelExternalWorkflowExecutionFailedEventAttributes{
				Cause:     replay.CancelExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound,
				Namespace: d.x.Namespace, WorkflowExecution: we, InitiatedEventID: d.initiatedID}
			// No Control: the server copies it to a failed signal's event,
			// not to a failed cancellation's.
		})
	}
	r.scheduleTask()
}

func (e *environment) childCanceledListener(r *workflowRun) {
	if l := e.comp.listeners.canceled; l != nil && r.link.parent != nil {
		l(e.childInfo(r))
	}
}
