package testsuite

import (
	wfsim "github.com/wfsim/wfsim"
)

// SetFailureConverter sets the converter between errors and the Failures
// recorded in history: the workflow's own failure, activity, child
// workflow and update failures, in both directions (Temporal's
// TestWorkflowEnvironment.SetFailureConverter; a worker takes it from its
// client's options). By default it is the default failure converter over
// the environment's data converter. Call it before ExecuteWorkflow; a nil
// fc restores the default.
func (env *TestWorkflowEnvironment) SetFailureConverter(fc wfsim.FailureConverter) *TestWorkflowEnvironment {
	env.e.fc = fc
	return env
}

// SetFailureConverter sets the converter an activity's error goes through
// before ExecuteActivity returns it, as it would cross to the workflow
// (Temporal's TestActivityEnvironment.SetFailureConverter). By default it
// is the default failure converter over the environment's data converter;
// a nil fc restores that.
func (env *TestActivityEnvironment) SetFailureConverter(fc wfsim.FailureConverter) *TestActivityEnvironment {
	env.fc = fc
	return env
}

func (env *TestActivityEnvironment) failureConverter() wfsim.FailureConverter {
	if env.fc != nil {
		return env.fc
	}
	return wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: env.dc})
}
