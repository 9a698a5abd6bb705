package testsuite

import "github.com/wfsim/wfsim/replay"

// CancelWorkflow requests the cancellation of the workflow under test, as a
// client's CancelWorkflow does: WorkflowExecutionCancelRequested is recorded
// at the current virtual instant and a workflow task scheduled. In it, the
// workflow's root Context is canceled: its Done channel closes, timers and
// activities started with it are canceled (an activity whose options say
// WaitForCancellation reports only once it has stopped), and code on a
// workflow.NewDisconnectedContext goes on, so cleanup can still run
// activities. A workflow that then returns the cancellation (ctx.Err(), or
// an error wrapping a *wfsim.CanceledError) is recorded as
// WorkflowExecutionCanceled and GetWorkflowError wraps a
// *wfsim.CanceledError; a workflow that ignores it completes as usual.
//
// Call it from a delayed callback (or a mock, an activity, a listener: see
// SignalWorkflow for when it takes effect); a second request, or one for a
// closed workflow, does nothing, as on the server. Before ExecuteWorkflow it fails a bound test: use a delayed
// callback at 0 to cancel a workflow before its first task.
func (env *TestWorkflowEnvironment) CancelWorkflow() {
	if err := env.e.cancel("", ""); err != nil {
		env.e.report(err)
	}
}

// CancelWorkflowByID is CancelWorkflow for the workflow with workflowID (and
// runID, if not ""), which may be any workflow of the simulation. It returns
// a *WorkflowNotFoundError for an unknown workflow. (Temporal's returns
// nothing; ignoring the result compiles the same.)
func (env *TestWorkflowEnvironment) CancelWorkflowByID(workflowID, runID string) error {
	if workflowID == "" {
		return &WorkflowNotFoundError{RunID: runID, Known: env.e.runs.keys()}
	}
	return env.e.cancel(workflowID, runID)
}

func (e *environment) cancel(workflowID, runID string) error {
	return e.deliver(func() error {
		r, err := e.findRun(workflowID, runID)
		if err != nil {
			return err
		}
		e.requestCancel(r, replay.WorkflowExecutionCancelRequestedEventAttributes{Identity: defaultIdentity})
		return nil
	})
}

// requestCancel records a cancellation request for r and schedules a
// workflow task, unless r has closed or a request is already recorded
// (the server treats requests as idempotent). It reports whether it
// recorded one. Requests from other workflows of the simulation come this
// way too.
func (e *environment) requestCancel(r *workflowRun, attrs replay.WorkflowExecutionCancelRequestedEventAttributes) bool {
	if r.closed || r.inst == nil || r.msgs.cancelRequested {
		return false
	}
	r.msgs.cancelRequested = true
	if r.taskHoldsEvents() {
		r.holdForTask(func() { recordCancelRequest(r, attrs) })
		return true
	}
	recordCancelRequest(r, attrs)
	return true
}

func recordCancelRequest(r *workflowRun, attrs replay.WorkflowExecutionCancelRequestedEventAttributes) {
	r.rec.add(replay.EventTypeWorkflowExecutionCancelRequested, func(ev *replay.Event) { ev.Attributes = &attrs })
	r.scheduleTask()
}
