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
	// VersioningBehavior is the workflow type's behavior under worker
	// deployment versioning (Pinned or AutoUpgrade). It is accepted, so
	// that registration code written for a versioned worker compiles, and
	// has no effect: the simulation has a single worker and no
	// deployments, as with DynamicRuntimeOptions.VersioningBehavior.
	VersioningBehavior VersioningBehavior
}
