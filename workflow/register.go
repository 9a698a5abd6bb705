package workflow

// RegisterOptions configure how a workflow function is registered.
type RegisterOptions struct {
	// Name registers the function under this name instead of the
	// function's own. As in Temporal (registration aliasing), the name is
	// then also what passing the function means: ExecuteChildWorkflow,
	// NewContinueAsNewError, the test environment's ExecuteWorkflow and
	// OnWorkflow use it, and a workflow type that is the function's own
	// name runs it — unless DisableRegistrationAliasing is set
	// (worker.Options, WorkflowTestSuite.SetDisableRegistrationAliasing,
	// the replayer's options), when the function goes by its own name and
	// must be started by this name.
	Name string
	// DisableAlreadyRegisteredCheck allows registering a name twice, the
	// last registration winning.
	DisableAlreadyRegisteredCheck bool
	// VersioningBehavior is the worker deployment versioning behavior of
	// the workflow type (Temporal's worker sends it with each workflow
	// task completion when the worker uses deployment versioning). A
	// simulation has one worker and no deployments: it is accepted and
	// changes nothing.
	VersioningBehavior VersioningBehavior
}
