package testsuite

import (
	"fmt"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// startLast is what SetLastCompletionResult and SetLastError set for the
// start of the workflow under test.
type startLast struct {
	result  *converter.Payloads
	failure *wfsim.Failure
}

func (c *composition) startLastForWrite() *startLast {
	if c.startLast == nil {
		c.startLast = new(startLast)
	}
	return c.startLast
}

// startChain is the chain the workflow under test starts with.
func (c *composition) startChain() *chainInfo {
	if c.startLast == nil {
		return nil
	}
	return (*chainInfo)(nil).withResult(c.startLast.result)
}

func (c *composition) startLastFailure() *wfsim.Failure {
	if c.startLast == nil {
		return nil
	}
	return c.startLast.failure
}

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
	env.e.comp.startLastForWrite().result = p
}

// SetLastError sets the failure of an earlier run that the workflow under
// test starts with, as Temporal's TestWorkflowEnvironment.SetLastError:
// workflow.GetLastError then returns it. It is recorded as the
// ContinuedFailure of the run's WorkflowExecutionStarted event, where a
// server puts the failure of the run that a retry or a cron run follows.
// Call it before ExecuteWorkflow; nil clears it.
func (env *TestWorkflowEnvironment) SetLastError(err error) {
	var f *wfsim.Failure
	if err != nil {
		f = env.e.failureConverter().ErrorToFailure(err)
	}
	env.e.comp.startLastForWrite().failure = f
}
