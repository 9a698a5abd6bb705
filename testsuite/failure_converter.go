package testsuite

import (
	wfsim "github.com/wfsim/wfsim"
)

// SetFailureConverter sets the converter between errors and the Failures
// recorded in history: the workflow's own failure, activity, child
// workflow and update failures, in both directions (Temporal's
// TestWorkflowEnvironment.SetFailureConverter; a worker takes it from its
// client's options). By default it is the default failure converter, over
// the default data converter whatever SetDataConverter set, as in
// Temporal: error details are encoded by the default data converter
// unless a failure converter over another one is set here. Call it before
// ExecuteWorkflow; a nil fc restores the default.
func (env *TestWorkflowEnvironment) SetFailureConverter(fc wfsim.FailureConverter) *TestWorkflowEnvironment {
	env.e.fc = fc
	return env
}

// SetFailureConverter sets the converter an activity's error goes through
// before ExecuteActivity returns it, as it would cross to the workflow
// (Temporal's TestActivityEnvironment.SetFailureConverter). By default it
// is the default failure converter, over the default data converter as in
// Temporal; a nil fc restores that.
func (env *TestActivityEnvironment) SetFailureConverter(fc wfsim.FailureConverter) *TestActivityEnvironment {
	env.fc = fc
	return env
}

func (env *TestActivityEnvironment) failureConverter() wfsim.FailureConverter {
	if env.fc != nil {
		return env.fc
	}
	return wfsim.GetDefaultFailureConverter()
}
