package workflow

import "github.com/wfsim/wfsim"

// ContinueAsNewVersioningBehavior says which worker deployment version the
// first workflow task of the run a continue-as-new starts goes to, as
// Temporal's workflow.ContinueAsNewVersioningBehavior (experimental there).
// Set it with ContinueAsNewErrorOptions.InitialVersioningBehavior. A
// simulation has no worker deployments: the value is recorded in the
// WorkflowExecutionContinuedAsNew event, as a server records it, and changes
// nothing else. A value that is none of the constants fails the workflow
// task (recorded as WorkflowTaskFailed, or the run failed under
// FailWorkflow); Temporal's worker leaves such a task unanswered, to time
// out and be retried for ever.
type ContinueAsNewVersioningBehavior = wfsim.ContinueAsNewVersioningBehavior

// The values of ContinueAsNewVersioningBehavior. They are untyped
// constants, as Temporal's are.
const (
	// ContinueAsNewVersioningBehaviorUnspecified: the new run keeps the
	// versioning of the run it continues (the server's default).
	ContinueAsNewVersioningBehaviorUnspecified = iota
	// ContinueAsNewVersioningBehaviorAutoUpgrade: the new run starts on
	// its task queue's current target version, as an AutoUpgrade workflow.
	ContinueAsNewVersioningBehaviorAutoUpgrade
	// ContinueAsNewVersioningBehaviorUseRampingVersion: the new run's
	// first task goes to its task queue's ramping version.
	ContinueAsNewVersioningBehaviorUseRampingVersion
)

// canVersioningBehavior is b as the command records it, panicking for a
// value that is none of the constants (see the continue-as-new in
// instance.go for how that differs from Temporal's SDK).
func canVersioningBehavior(b ContinueAsNewVersioningBehavior) int32 {
	switch b {
	case ContinueAsNewVersioningBehaviorUnspecified, ContinueAsNewVersioningBehaviorAutoUpgrade, ContinueAsNewVersioningBehaviorUseRampingVersion:
		return int32(b)
	}
	panic("unknown continue-as-new versioning behavior type")
}
