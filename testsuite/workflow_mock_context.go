package testsuite

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/workflow"
)

// workflowMockContext returns the workflow.Context a mock of the workflow
// that spec starts is consulted with. The mock is consulted as the
// simulated server starts the run, before the run has a Context of its
// own; so that a mock's Run function and argument matchers see what
// Temporal's environment shows them (a copy of the child's context), the
// Context is the run's as it will start: workflow.GetInfo gives the run's
// Info (its workflow ID, the run ID it will get, its parent), and the
// context propagators have extracted the run's header into it. It belongs
// to no running coroutine: it is never canceled, and workflow APIs that
// block or issue commands panic on it. A propagator that fails leaves the
// values the others extracted; the run reports the failure when it starts.
func (e *environment) workflowMockContext(spec runSpec) workflow.Context {
	return run.NewDetachedContext(e.mockStart(spec)).(workflow.Context)
}

// mockStart is the run.Start the run spec starts will have, without
// taking its run ID (or anything else) from the environment: the mock is
// consulted just before the run is created.
func (e *environment) mockStart(s runSpec) run.Start {
	if s.runID == "" {
		s.runID = e.peekRunID()
	}
	if s.firstRunID == "" {
		s.firstRunID = s.runID
	}
	if s.attempt == 0 {
		s.attempt = 1
	}
	if s.taskTimeout == 0 {
		s.taskTimeout = workflowTaskTimeout
	}
	if s.link == nil {
		s.link = &runLink{namespace: defaultNamespace}
	}
	st := e.runStart(&workflowRun{id: s.id, runID: s.runID}, s)
	st.Driver = nil // the context runs no code
	return st
}
