package workflow

import (
	"errors"
	"fmt"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
)

var errWorkflowIDNotSet = errors.New("workflowId is not set")

// SignalExternalWorkflow sends a signal to another workflow, given by its
// workflow ID and, optionally, the run ID of one of its runs (empty means
// the current run). The Future is ready when the signal was delivered; it
// fails with a *wfsim.UnknownExternalWorkflowExecutionError when no such
// workflow is running.
func SignalExternalWorkflow(ctx Context, workflowID, runID, signalName string, arg any) Future {
	return signalExternal(ctx, workflowID, runID, signalName, arg, false)
}

func signalExternal(ctx Context, workflowID, runID, signalName string, arg any, childOnly bool) Future {
	s := getState(ctx)
	f := newFuture(s)
	if workflowID == "" {
		f.SetError(errWorkflowIDNotSet)
		return f
	}
	input, err := s.encoder(s.dcOf(ctx)).ToPayloads(arg)
	if err != nil {
		f.SetError(fmt.Errorf("signal %q: encoding its argument: %w", signalName, err))
		return f
	}
	header, err := s.injectHeader(ctx)
	if err != nil {
		f.SetError(err)
		return f
	}
	seq := s.nextIDText()
	c := s.book.add(newCommand(run.Command{Kind: run.CommandSignalExternalWorkflow, ID: seq, External: &run.External{
		Namespace:         GetChildWorkflowOptions(ctx).Namespace,
		WorkflowID:        workflowID,
		RunID:             runID,
		SignalName:        signalName,
		Input:             input,
		Header:            header,
		ChildWorkflowOnly: childOnly,
		Arg:               arg,
	}}))
	c.handler = externalResult(f)
	return f
}

// RequestCancelExternalWorkflow asks another workflow, given by its
// workflow ID and optionally a run ID, to cancel. The Future is ready when
// the request was delivered; it fails with a
// *wfsim.UnknownExternalWorkflowExecutionError when no such workflow is
// running. The target decides what cancellation means to it.
func RequestCancelExternalWorkflow(ctx Context, workflowID, runID string) Future {
	s := getState(ctx)
	f := newFuture(s)
	if workflowID == "" {
		f.SetError(errWorkflowIDNotSet)
		return f
	}
	seq := s.nextIDText()
	c := s.book.add(newCommand(run.Command{Kind: run.CommandRequestCancelExternalWorkflow, ID: seq, External: &run.External{
		Namespace:  GetChildWorkflowOptions(ctx).Namespace,
		WorkflowID: workflowID,
		RunID:      runID,
	}}))
	c.handler = externalResult(f)
	return f
}

func externalResult(f *futureImpl) resolveFunc {
	return func(ev *run.Event) {
		switch ev.Kind {
		case run.EventExternalSignaled, run.EventExternalCancelRequested:
			f.Set(nil, nil)
		case run.EventSignalExternalFailed, run.EventCancelExternalFailed:
			// The simulator fails these only for an unknown target; a
			// server's history may name a missing namespace instead.
			if ev.Name == run.CauseNamespaceNotFound {
				f.SetError(&wfsim.NamespaceNotFoundError{})
				return
			}
			f.SetError(&wfsim.UnknownExternalWorkflowExecutionError{})
		}
	}
}

// applyExternalEvent moves an external signal or cancellation request by
// one event. A cancellation request without a sequence number (Control) is
// the one that cancels a child.
func (s *runState) applyExternalEvent(ev *run.Event) {
	comp := &s.rareForWrite().comp
	if comp.external == nil {
		comp.external = make(map[int64]string)
	}
	switch ev.Kind {
	case run.EventSignalExternalInitiated:
		c := s.book.lookup(run.CommandSignalExternalWorkflow, ev.Control, "Signal")
		c.state = commandInitiated
		comp.external[ev.EventID] = ev.Control
	case run.EventCancelExternalInitiated:
		id, what := ev.Control, "Cancellation"
		if id == "" {
			id, what = childCancelID(ev.ID), "ChildWorkflow"
		}
		c := s.book.lookup(run.CommandRequestCancelExternalWorkflow, id, what)
		c.state = commandInitiated
		comp.external[ev.EventID] = id
	case run.EventExternalSignaled, run.EventSignalExternalFailed:
		s.closeExternal(run.CommandSignalExternalWorkflow, ev, "Signal")
	case run.EventExternalCancelRequested, run.EventCancelExternalFailed:
		s.closeExternal(run.CommandRequestCancelExternalWorkflow, ev, "Cancellation")
	}
}

func (s *runState) closeExternal(kind run.CommandKind, ev *run.Event, what string) {
	comp := &s.rareForWrite().comp
	id, ok := comp.external[ev.InitiatedEventID]
	if !ok {
		panic(&run.IllegalStateError{Message: fmt.Sprintf("[TMPRL1100] unable to find %s command for initiatedEventID: %v", what, ev.InitiatedEventID)})
	}
	delete(comp.external, ev.InitiatedEventID)
	c := s.book.lookup(kind, id, what)
	s.book.done(c)
	c.deliver(ev)
}
