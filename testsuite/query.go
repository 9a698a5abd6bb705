package testsuite

import (
	"errors"
	"fmt"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
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
// *WorkflowNotFoundError; from a goroutine outside a bound run's bubble
// while the run goes on, an error wrapping ErrQueryFromOutsideBubble. An
// error the handler returns is returned as is.
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

// ErrQueryFromOutsideBubble is the cause of the error a query gets when a
// goroutine outside a bound run's synctest bubble (one the test started
// before ExecuteWorkflow) makes it while the run is under way: the
// handler runs on a coroutine of the bubble, which such a goroutine may
// not enter (the Go runtime ends the program). Virtual time does not wait
// for that goroutine either, so the state it would see is whatever instant
// the run has reached.
var ErrQueryFromOutsideBubble = errors.New("testsuite: query from a goroutine outside the run's synctest bubble while the run is under way")

func (e *environment) query(workflowID, queryType string, args []any) (converter.EncodedValue, error) {
	// Checked during callbacks too: a callback that waits for such a
	// goroutine does not make it the simulation's (its query ran the
	// handler from outside the bubble; the runtime then took the bubble
	// for deadlocked).
	if e.msgs.live.Load() && !e.inSimsBubble() {
		return nil, fmt.Errorf("%w: query %q: ask it from a delayed callback, a listener or a mock, or once ExecuteWorkflow has returned", ErrQueryFromOutsideBubble, queryType)
	}
	input, err := fn.EncodeArgs(e.dc, args)
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
