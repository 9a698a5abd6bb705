package testsuite

import "github.com/wfsim/wfsim/internal/run"

// startChild is not implemented yet.
func (e *environment) startChild(r *workflowRun, c *run.Command, completedID int64) {
	e.unsupportedCommand(r, c)
}
