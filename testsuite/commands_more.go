package testsuite

import "github.com/wfsim/wfsim/internal/run"

// handleMoreCommand routes the commands of the features that live in their
// own files.
func (e *environment) handleMoreCommand(r *workflowRun, c *run.Command, completedID int64) {
	switch c.Kind {
	case run.CommandStartChildWorkflow:
		e.startChild(r, c, completedID)
	case run.CommandSignalExternalWorkflow, run.CommandRequestCancelExternalWorkflow:
		e.external(r, c, completedID)
	case run.CommandUpsertSearchAttributes, run.CommandModifyProperties:
		e.upsert(r, c, completedID)
	case run.CommandProtocolMessage:
		e.protocolMessage(r, c, completedID)
	default:
		e.unsupportedCommand(r, c)
	}
}
