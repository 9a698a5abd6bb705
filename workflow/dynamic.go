package workflow

// DynamicRegisterOptions configure the dynamic workflow, which runs every
// workflow type that no registered function has (Temporal's
// workflow.DynamicRegisterOptions, passed to RegisterDynamicWorkflow of
// the test environment and of replay.WorkflowReplayer).
//
// A dynamic workflow function takes a Context and a
// converter.EncodedValues, which holds all the run's arguments, and
// returns error or (result, error); GetInfo(ctx).WorkflowType.Name is the
// type the run was started with.
type DynamicRegisterOptions struct {
	// LoadDynamicRuntimeOptions gives the options of one workflow type.
	// Temporal's worker calls it only for worker deployment versioning,
	// which a simulation has no use for: it is accepted and never called.
	LoadDynamicRuntimeOptions func(details LoadDynamicRuntimeOptionsDetails) (DynamicRuntimeOptions, error)
}

// LoadDynamicRuntimeOptionsDetails is what LoadDynamicRuntimeOptions is
// told: the workflow type the dynamic workflow is to run.
type LoadDynamicRuntimeOptionsDetails struct {
	WorkflowType WorkflowType
}

// DynamicRuntimeOptions are the options of one workflow type run by the
// dynamic workflow (Temporal's workflow.DynamicRuntimeOptions).
type DynamicRuntimeOptions struct {
	// VersioningBehavior is accepted for compatibility: a simulation has
	// no worker deployments.
	VersioningBehavior VersioningBehavior
}

// VersioningBehavior says how a workflow moves between worker deployment
// versions (Temporal's workflow.VersioningBehavior). The simulation has a
// single worker and no deployments, so it has no effect.
type VersioningBehavior int

// The versioning behaviors, with Temporal's values.
const (
	VersioningBehaviorUnspecified VersioningBehavior = iota
	VersioningBehaviorPinned
	VersioningBehaviorAutoUpgrade
)
