package testsuite

import "fmt"

// SetLastCompletionResult sets the result of an earlier run that the
// workflow under test starts with, as Temporal's
// TestWorkflowEnvironment.SetLastCompletionResult: workflow.
// HasLastCompletionResult and GetLastCompletionResult then return it. It is
// recorded as the LastCompletionResult of the run's
// WorkflowExecutionStarted event, where a server puts the result of a cron
// chain's last completed run. Call it before ExecuteWorkflow. A result the
// data converter cannot encode panics, as in Temporal.
func (env *TestWorkflowEnvironment) SetLastCompletionResult(result any) {
	p, err := env.e.dc.ToPayloads(result)
	if err != nil {
		panic(fmt.Sprintf("testsuite: SetLastCompletionResult: %v", err))
	}
	env.e.comp.lastResult = p
}

// SetLastError sets the failure of an earlier run that the workflow under
// test starts with, as Temporal's TestWorkflowEnvironment.SetLastError:
// workflow.GetLastError then returns it. It is recorded as the
// ContinuedFailure of the run's WorkflowExecutionStarted event, where a
// server puts the failure of the run that a retry or a cron run follows.
// Call it before ExecuteWorkflow; nil clears it.
func (env *TestWorkflowEnvironment) SetLastError(err error) {
	if err == nil {
		env.e.comp.lastFailure = nil
		return
	}
	env.e.comp.lastFailure = env.e.failureConverter().ErrorToFailure(err)
}
