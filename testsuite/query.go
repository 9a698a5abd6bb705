package testsuite

import (
	"fmt"

	"github.com/wfsim/wfsim/converter"
)

// QueryWorkflow asks the workflow under test the query queryType with args
// and returns the handler's result. It answers from the workflow's state
// after everything that happened so far: a query made in a callback right
// after a signal (or an update) sees the signal handled, because a workflow
// task that is scheduled and not run yet runs first, as a Temporal server
// hands a query to the worker only with or after that task. (Temporal's
// test environment would answer before handling the signal.) A workflow
// that has completed still answers.
//
// An unknown query type gives a *workflow.UnknownQueryError listing the
// known ones; arguments that do not fit the handler a *wfsim.ArgumentError;
// a handler that blocks or issues a command a *workflow.ReadOnlyError; a
// handler that panics a *wfsim.PanicError; before ExecuteWorkflow, a
// *WorkflowNotFoundError. An error the handler returns is returned as is.
func (env *TestWorkflowEnvironment) QueryWorkflow(queryType string, args ...any) (converter.EncodedValue, error) {
	return env.e.query("", queryType, args)
}

// QueryWorkflowByID is QueryWorkflow for the workflow with workflowID, which
// may be any workflow of the simulation, such as a child.
func (env *TestWorkflowEnvironment) QueryWorkflowByID(workflowID, queryType string, args ...any) (converter.EncodedValue, error) {
	if workflowID == "" {
		return nil, &WorkflowNotFoundError{Known: env.e.runs.keys()}
	}
	return env.e.query(workflowID, queryType, args)
}

func (e *environment) query(workflowID, queryType string, args []any) (converter.EncodedValue, error) {
	input, err := e.dc.ToPayloads(args...)
	if err != nil {
		return nil, fmt.Errorf("testsuite: query %q: encoding its arguments: %w", queryType, err)
	}
	r, err := e.findRun(workflowID, "")
	if err != nil {
		return nil, err
	}
	if r.inst == nil {
		return nil, fmt.Errorf("testsuite: query %q: workflow %q did not start: %w", queryType, r.id, r.startErr)
	}
	if err := e.rebuildFailure(r); err != nil && !r.closed {
		// The worker the query reaches cannot rebuild the run
		// (restart_failed.go).
		return nil, err
	}
	if !r.closed && !r.inTask && r.taskScheduled != 0 {
		r.runTask()
		e.flushCallbacks()
	}
	p, err := r.inst.Query(queryType, input)
	if err != nil {
		return nil, err
	}
	return converter.NewEncodedValue(p, e.dc), nil
}
