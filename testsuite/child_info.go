package testsuite

import (
	"errors"
	"reflect"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// childInfo describes a child run the way workflow.GetInfo does inside it,
// for the listeners.
func (e *environment) childInfo(r *workflowRun) *workflow.Info {
	s := r.link.spec
	info := &workflow.Info{
		WorkflowExecution:        workflow.WorkflowExecution{ID: r.id, RunID: r.runID},
		OriginalRunID:            r.runID,
		FirstRunID:               s.firstRunID,
		WorkflowType:             workflow.WorkflowType{Name: r.wfType},
		TaskQueueName:            r.queue,
		WorkflowExecutionTimeout: s.executionTimeout,
		WorkflowRunTimeout:       s.runTimeout,
		WorkflowTaskTimeout:      s.taskTimeout,
		Namespace:                r.link.namespace,
		Attempt:                  s.attempt,
		ContinuedExecutionRunID:  s.continuedRunID,
		Memo:                     memoOf(r.link.memo),
		SearchAttributes:         searchAttributesOf(r.link.sa),
		RetryPolicy:              s.retryPolicy,
	}
	if p := r.link.parent; p != nil {
		info.ParentWorkflowNamespace = r.link.namespace
		info.ParentWorkflowExecution = &workflow.WorkflowExecution{ID: p.id, RunID: p.runID}
		root := p.root()
		info.RootWorkflowExecution = &workflow.WorkflowExecution{ID: root.id, RunID: root.runID}
	}
	if !r.history.Events[0].EventTime.IsZero() {
		info.WorkflowStartTime = r.history.Events[0].EventTime
	}
	return info
}

func (e *environment) childCompletedListener(r *workflowRun) {
	l := e.comp.listeners.completed
	if l == nil {
		return
	}
	var err error
	if r.err != nil {
		err = errors.Unwrap(r.err)
	}
	l(e.childInfo(r), converter.NewEncodedValue(r.result, e.dc), err)
}

// childFunction returns the function the run spec starts (a child, or
// the next run of a chain) runs: the registered function of its workflow
// type, or a stand-in that plays a mock, wrapped to call the started
// listener first. startFailed reports a mock that makes the child fail to
// start; err, a type that is neither registered nor mocked.
func (e *environment) childFunction(spec runSpec) (wf any, startFailed bool, err error) {
	name, input := spec.wfType, spec.input
	registered := e.workflowOfType(name)
	if registered == nil && e.reg.dynamicWorkflow() != nil && !e.comp.mocked(name) {
		return e.dynamicChild(input), false, nil
	}
	var body func(ctx workflow.Context, in []reflect.Value) []reflect.Value
	var ft reflect.Type
	if registered != nil {
		ft = reflect.TypeOf(registered)
		fv := reflect.ValueOf(registered)
		body = func(_ workflow.Context, in []reflect.Value) []reflect.Value { return fv.Call(in) }
	}
	if e.comp.mocked(name) {
		plan, failed := e.planWorkflowMock(ft, spec)
		if failed {
			return nil, true, nil
		}
		ft, body = plan.ft, plan.body
	}
	if body == nil {
		return nil, false, &UnknownWorkflowError{WorkflowType: name, Registered: e.reg.workflowNames()}
	}
	started := e.comp.listeners.started
	if registered != nil && started == nil && !e.comp.mocked(name) {
		return registered, false, nil
	}
	var once bool
	wrapper := reflect.MakeFunc(ft, func(in []reflect.Value) []reflect.Value {
		ctx := in[0].Interface().(workflow.Context)
		if started != nil {
			e.childStarted(started, ctx, input, &once)
		}
		return body(ctx, in)
	})
	return wrapper.Interface(), false, nil
}

// childStarted calls the child-started listener from the child's code, in
// its first task. What the listener sends the child is applied at once,
// as from a callback on the simulation goroutine (which waits for the
// coroutine meanwhile): buffered until the task's commands are recorded
// (midTask). The child started once: when its code runs again, rebuilt
// from its history (unhandled.go), the listener is not called again (once
// is set after the first call).
func (e *environment) childStarted(started func(*workflow.Info, workflow.Context, converter.EncodedValues), ctx workflow.Context, input *converter.Payloads, once *bool) {
	if *once || workflow.IsReplaying(ctx) {
		return
	}
	*once = true
	e.msgs.callouts.Add(1)
	defer e.msgs.callouts.Add(-1)
	started(workflow.GetInfo(ctx), ctx, converter.NewEncodedValues(input, e.dc))
}

// childMetadata is the user metadata a StartChildWorkflowExecution command
// carries, nil for none.
func childMetadata(a *run.StartChild) *replay.UserMetadata {
	if a.StaticSummary == nil && a.StaticDetails == nil {
		return nil
	}
	return &replay.UserMetadata{Summary: a.StaticSummary, Details: a.StaticDetails}
}

// childStartMetadata is the user metadata of a child's first run's
// WorkflowExecutionStarted event: its parent's initiated event's, as a
// server copies it; nil for any other run.
func childStartMetadata(l *runLink) *replay.UserMetadata {
	if l == nil || l.parent == nil || l.runs > 1 || l.initiatedID == 0 {
		return nil
	}
	return l.parent.history.Events[l.initiatedID-1].GetUserMetadata()
}

// recordedPriority is a command's task priority as its event records it,
// nil for none.
func recordedPriority(p *wfsim.Priority) *replay.Priority {
	if p == nil {
		return nil
	}
	return &replay.Priority{PriorityKey: int32(p.PriorityKey), FairnessKey: p.FairnessKey, FairnessWeight: p.FairnessWeight}
}
