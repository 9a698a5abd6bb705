package testsuite

import (
	"fmt"

	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// ReplayCheckError reports that a run recorded by the simulator did not
// replay cleanly against the same workflow code: the code is not
// deterministic (it reads the wall clock, ranges over a map to issue
// commands, keeps state in global variables, …). It wraps the replayer's
// error, usually a *replay.NondeterminismError.
type ReplayCheckError struct {
	WorkflowID   string
	RunID        string
	WorkflowType string
	Err          error
}

func (e *ReplayCheckError) Error() string {
	return fmt.Sprintf("testsuite: workflow %q (workflowID %s, runID %s) is not deterministic: replaying its own history failed: %v",
		e.WorkflowType, e.WorkflowID, e.RunID, e.Err)
}

func (e *ReplayCheckError) Unwrap() error { return e.Err }

// DisableReplayCheck turns off the replay check that ends every
// ExecuteWorkflow. By default each run the simulator records is replayed
// against the same workflow code once the workflow closes; a mismatch is a
// *ReplayCheckError, which fails the bound test and is what
// GetWorkflowError returns.
func (env *TestWorkflowEnvironment) DisableReplayCheck() { env.e.skipReplayCheck = true }

// replayCheck replays the history of every closed run whose workflow code
// ran in the simulation (mocked children have none), in the order the runs
// started: children and every run of a continue-as-new chain included.
func (e *environment) replayCheck() {
	if e.skipReplayCheck || e.root == nil || e.startErr != nil {
		return
	}
	for _, r := range e.comp.runs {
		// A mocked child ran a stand-in, not workflow code: nothing to
		// replay (and replaying would call the mock again).
		if r.inst == nil || !closedByEvent(r.history) || (r != e.root && e.comp.mocked(r.wfType)) || e.lengthOverridden(r) {
			continue
		}
		// The history may have lazy task attributes (lazy_task_attrs.go):
		// the replayer reads nothing of them that settle would change.
		wf := e.workflowOfType(r.wfType)
		if r == e.root || (wf == nil && r.wfType == e.root.wfType) {
			wf = e.rootFn
		}
		if wf == nil {
			wf = e.reg.workflowFor(r.wfType)
		}
		if wf == nil {
			continue
		}
		// The code sees the run's own IDs, as it did when it ran: a child
		// ID derived from the workflow ID must replay as recorded. The
		// names its code passes go by the environment's aliases, never by
		// a registration of the run's type. The deadlock detection of a
		// replayer is off: the code just ran these tasks under the
		// environment's own watchdog.
		c := run.ReplayCheck{Workflow: wf, WorkflowType: r.wfType, History: r.history, WorkflowID: r.id, RunID: r.runID,
			DataConverter: e.dc, FailureConverter: e.failureConverter(), ContextPropagators: e.reg.propagators(), Aliases: e.aliases(),
			Scratch: r.taskEvents, Carrier: e.carrier} // carrier.go: on the goroutine the run ran on
		if err := run.CheckReplay(c); err != nil && !failedOnPanic(r.history, err) {
			e.replayFailed(r, err)
			return
		}
	}
}

func (e *environment) replayFailed(r *workflowRun, err error) {
	rc := &ReplayCheckError{WorkflowID: r.id, RunID: r.runID, WorkflowType: r.wfType, Err: err}
	e.replayErr = rc
	e.report(rc)
}

// closedByEvent reports whether the history ends with the event that closes
// a run (completed, failed, canceled, timed out, continued as new).
func closedByEvent(h *replay.History) bool {
	if len(h.Events) == 0 {
		return false
	}
	switch h.Events[len(h.Events)-1].EventType {
	case replay.EventTypeWorkflowExecutionCompleted, replay.EventTypeWorkflowExecutionFailed,
		replay.EventTypeWorkflowExecutionCanceled, replay.EventTypeWorkflowExecutionTimedOut,
		replay.EventTypeWorkflowExecutionContinuedAsNew:
		return true
	}
	return false
}
