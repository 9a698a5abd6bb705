package worker

import "github.com/wfsim/wfsim/workflow"

// PreferredVersionProvider chooses the version workflow.GetVersion records
// for a change when a run reaches it for the first time; without a
// provider, or when it returns nil, GetVersion records maxSupported. It is
// not asked while replaying, nor for a change the run already recorded, nor
// when a test's OnGetVersion mock answers. What it returns is recorded in
// the history, so it may read anything (a configuration file, a flag).
//
// A version outside [MinSupported, MaxSupported] fails the workflow task
// with Temporal's [TMPRL1100] error, unless ClampToSupportedRange asks for
// the nearest supported version. A panic in the provider fails the task
// too. Experimental in Temporal.
type PreferredVersionProvider func(PreferredVersionProviderInput) *VersionPreference

// PreferredVersionProviderInput is what a PreferredVersionProvider is asked
// about: the run, and the GetVersion call.
type PreferredVersionProviderInput struct {
	// WorkflowInfo is the run's workflow.Info.
	WorkflowInfo *workflow.Info
	// ChangeID, MinSupported and MaxSupported are GetVersion's arguments.
	ChangeID     string
	MinSupported workflow.Version
	MaxSupported workflow.Version
}

// VersionPreference is a PreferredVersionProvider's answer.
type VersionPreference struct {
	// Version is the version to record.
	Version workflow.Version
	// ClampToSupportedRange records the nearest supported version when
	// Version is outside the range, instead of failing the task.
	ClampToSupportedRange bool
}
