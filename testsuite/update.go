package testsuite

import "github.com/wfsim/wfsim/internal/run"

// protocolMessage is not implemented yet.
func (e *environment) protocolMessage(r *workflowRun, c *run.Command, completedID int64) {
	e.unsupportedCommand(r, c)
}
