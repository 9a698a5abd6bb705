package replay

import (
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/workflow"
)

// RegisterDynamicWorkflow registers the dynamic workflow, which replays
// every history whose workflow type no registered function has, as
// Temporal's WorkflowReplayer.RegisterDynamicWorkflow does. w takes a
// workflow.Context and a converter.EncodedValues holding the run's whole
// input, and returns error or (result, error);
// workflow.GetInfo(ctx).WorkflowType.Name is the history's type. It panics
// if w has another shape or a dynamic workflow is registered already.
// options.LoadDynamicRuntimeOptions is never called (see
// workflow.DynamicRegisterOptions).
func (r *WorkflowReplayer) RegisterDynamicWorkflow(w any, options workflow.DynamicRegisterOptions) {
	fn.CheckDynamic("replay", "workflow", w, workflowContextType)
	if r.dynamic != nil {
		panic("replay: dynamic workflow already registered")
	}
	r.dynamic = w
}
