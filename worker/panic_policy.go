package worker

// WorkflowPanicPolicy says how a worker treats a panic in workflow code or a
// nondeterminism it detects, as Temporal's worker.WorkflowPanicPolicy does.
//
// In a simulation a panic in workflow code ends the run with its
// *wfsim.PanicError under either policy, and the history records what a
// Temporal worker's answer makes the server record: the task's failure
// (WorkflowTaskFailed) under BlockWorkflow, the workflow's under
// FailWorkflow (see Options.WorkflowPanicPolicy). Under FailWorkflow a
// nondeterminism the simulated worker finds (a duplicate command, a run
// whose rebuild after a restart fails) is recorded as the task's failure,
// where Temporal's worker fails the workflow. Replay reports
// nondeterminism as an error.
type WorkflowPanicPolicy int

const (
	// BlockWorkflow is Temporal's default: the failing workflow task is
	// retried until fixed code is deployed, and the workflow stays open.
	BlockWorkflow WorkflowPanicPolicy = iota
	// FailWorkflow fails the workflow execution at once on a panic or a
	// detected nondeterminism.
	FailWorkflow
)
