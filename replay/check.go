package replay

import (
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/workflow"
)

// The test environment's replay check (run.CheckReplay) replays every run
// it simulated once the run closes. It used to build a WorkflowReplayer
// per run, register the code and replay through it; checkReplay goes the
// same way without the replayer (a registration, the reflective check of
// the function, an allocation), and keeps the replay's state on its stack:
// every execution of a property test ends with it.

func init() { run.CheckReplay = checkReplay }

// checkReplay implements run.CheckReplay: each step below is the one the
// replayer it stands for would take, with the same errors.
func checkReplay(c run.ReplayCheck) error {
	h, _ := c.History.(*History)
	started, err := precheck(h)
	if err != nil {
		return err
	}
	wfType := started.WorkflowType.Name
	wf := c.Workflow
	if _, dynamic := wf.(run.DynamicWorkflow); !dynamic && wfType != c.WorkflowType {
		return &UnknownWorkflowTypeError{WorkflowType: wfType, Registered: []string{c.WorkflowType}}
	}
	ropts := WorkflowReplayerOptions{
		DataConverter:               c.DataConverter,
		FailureConverter:            c.FailureConverter,
		DisableRegistrationAliasing: true,
		DisableDeadlockDetection:    true,
	}
	if ropts.DataConverter == nil {
		ropts.DataConverter = converter.GetDefaultDataConverter()
	}
	ropts.ContextPropagators, _ = c.ContextPropagators.([]workflow.ContextPropagator)
	opts := ReplayWorkflowHistoryOptions{OriginalExecution: workflow.WorkflowExecution{ID: c.WorkflowID, RunID: c.RunID}}
	var rs replayRun
	if err := rs.begin(&ropts, c.Aliases, nil, h, wf, opts, c.Scratch, c.Carrier); err != nil {
		return err
	}
	defer rs.inst.Close()
	if err := rs.runTasks(); err != nil {
		return err
	}
	return rs.conclude()
}
