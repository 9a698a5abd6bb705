package testsuite

import "github.com/wfsim/wfsim/internal/run"

// external is not implemented yet.
func (e *environment) external(r *workflowRun, c *run.Command, completedID int64) {
	e.unsupportedCommand(r, c)
}
