package run

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// ReplayCheck is the test environment's replay check of one run it
// simulated: its history replayed against the code that recorded it.
type ReplayCheck struct {
	// Workflow is the run's workflow function, or a DynamicWorkflow, and
	// WorkflowType the type it ran as (its history's).
	Workflow     any
	WorkflowType string
	// History is the run's *replay.History (which this package cannot
	// name).
	History any
	// WorkflowID and RunID are the IDs the code saw when it ran.
	WorkflowID, RunID string

	DataConverter    converter.DataConverter
	FailureConverter wfsim.FailureConverter
	// ContextPropagators holds the environment's
	// []workflow.ContextPropagator, nil for none.
	ContextPropagators any
	// Aliases are those the run was simulated with.
	Aliases *Aliases
	// Carrier, when set, is the environment's: the replay's instance is
	// built with it (Start.Carrier).
	Carrier *Carrier
	// Scratch, when it has room, is memory the replay may overwrite with
	// its events and keeps nothing in: the run's own buffer of events,
	// which the closed run no longer reads.
	Scratch []Event
}

// CheckReplay returns what a *replay.WorkflowReplayer returns for the
// replay of c.History with c's IDs as its OriginalExecution, when its
// options hold c's converters and propagators, DisableRegistrationAliasing
// and DisableDeadlockDetection, c.Workflow is registered under
// c.WorkflowType (or as the dynamic workflow), and its runs name functions
// with c.Aliases — without building that replayer, which the check would
// make afresh for every run. Package replay sets it when it is
// initialised, and nothing else writes it.
var CheckReplay func(c ReplayCheck) error
