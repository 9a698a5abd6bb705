package replay

import "github.com/wfsim/wfsim/internal/run"

// Registration aliasing, as in Temporal's replayer: a workflow registered
// under a custom name (workflow.RegisterOptions.Name) is also found by its
// function's name, and a child workflow or continue-as-new given the
// function is named by the custom name — unless
// WorkflowReplayerOptions.DisableRegistrationAliasing is set. The replayer
// registers no activities, so an activity the code passes as a function
// is named by the function's name, as in Temporal: a history that records
// a custom activity name replays only if the code passes that name.

// addAlias records that the workflow function named goName was registered
// under name, unless aliasing is disabled.
func (r *WorkflowReplayer) addAlias(goName, name string) {
	if r.opts.DisableRegistrationAliasing {
		return
	}
	if r.aliases == nil {
		if goName == name {
			return // aliases nothing (a function registered under its own name)
		}
		r.aliases = new(run.Aliases)
	}
	r.aliases.AddWorkflow(goName, name)
}

// lookupName is the name the workflow of a history's type is registered
// under: as in Temporal, the alias of a function of that name when there
// is one, else the type itself.
func (r *WorkflowReplayer) lookupName(wfType string) string { return r.aliases.Workflow(wfType) }
