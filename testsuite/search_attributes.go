package testsuite

import "github.com/wfsim/wfsim/internal/run"

// upsert is not implemented yet.
func (e *environment) upsert(r *workflowRun, c *run.Command, completedID int64) {
	e.unsupportedCommand(r, c)
}
