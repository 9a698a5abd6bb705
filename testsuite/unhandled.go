package testsuite

import (
	"fmt"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
)

// Events that arrive while the task that closes the run is under way
//
// A signal or a cancellation request that reaches a Temporal server while a
// run's workflow task is under way is buffered until the task completes
// (afterCommands). When the task's completion carries a command that
// closes the run (CompleteWorkflowExecution, FailWorkflowExecution,
// CancelWorkflowExecution, ContinueAsNewWorkflowExecution), the server
// refuses it: the workflow has not seen those events yet. It drops the
// whole completion (WorkflowTaskCompleted and every command's event), records
// WorkflowTaskFailed with cause UnhandledCommand, then the buffered events,
// and schedules a new task (attempt 1). The worker, whose completion was
// refused, drops the run from its cache; the new task rebuilds it by
// replaying its history up to the failed task, and then runs the code again
// from there, now with the buffered events: a workflow that drains its
// signals before returning receives them, one that checks ctx.Err() sees the
// cancellation. (Temporal server: RespondWorkflowTaskCompleted's handler
// fails such a task when the run has buffered events; an update admitted
// meanwhile does not block the completion and is aborted when the run
// closes.)

// closesRun reports whether cmds close the run.
func closesRun(cmds []run.Command) bool {
	for i := range cmds {
		switch cmds[i].Kind {
		case run.CommandCompleteWorkflow, run.CommandFailWorkflow, run.CommandCancelWorkflow, run.CommandContinueAsNew:
			return true
		}
	}
	return false
}

// unhandledCommandFailure is the failure the server records with a task it
// failed for UnhandledCommand: a server failure named for the cause.
func unhandledCommandFailure() *wfsim.Failure {
	return &wfsim.Failure{Message: "UnhandledCommand", ServerFailureInfo: &wfsim.ServerFailureInfo{}}
}

// unhandledCommand does what the server and the worker do when the task
// scheduled and started by the given events closes the run while events
// wait in the buffer: the task fails, the buffered events are recorded,
// a new task is scheduled, and the run's instance is rebuilt from the
// history before the task (its first event was history index first), so
// that the new task delivers the failed task's events again, with the
// buffered ones.
//
// It reports false, having done nothing but tell the test, when r's state
// cannot be rebuilt from its history alone: the close then stands and the
// buffered events are lost.
func (r *workflowRun) unhandledCommand(scheduled, started int64, first int) (bool, error) {
	e := r.env
	if !e.rebuildable(r) {
		err := &UnhandledEventsError{WorkflowID: r.id, RunID: r.runID, WorkflowType: r.wfType}
		if e.t != nil {
			e.report(err)
		} else {
			// An unbound environment has no test to fail.
			e.logger.Warn("signals or cancellation requests dropped: the closing workflow task cannot run again",
				"WorkflowID", r.id, "RunID", r.runID, "WorkflowType", r.wfType, "error", err)
		}
		return false, nil
	}
	if n := unhandledInARow(r.history.Events); n >= maxUnhandledInARow {
		// Each run of the task brings new events (a local activity that
		// signals its own workflow, say): a server would go on failing it
		// until the history outgrows its limits.
		return true, r.taskFailed(&UnhandledEventsError{WorkflowID: r.id, RunID: r.runID, WorkflowType: r.wfType, Failures: n})
	}
	r.rec.add(replay.EventTypeWorkflowTaskFailed, func(ev *replay.Event) {
		ev.Attributes = &replay.WorkflowTaskFailedEventAttributes{
			ScheduledEventID: scheduled,
			StartedEventID:   started,
			Cause:            replay.WorkflowTaskFailedCauseUnhandledCommand,
			Failure:          unhandledCommandFailure(),
			Identity:         e.workerIdentity(),
		}
	})
	// The worker dropped the run: local activities it was running for the
	// task are gone, and the new task starts them again.
	r.abandonLocalActivities()
	r.handleCommands(nil, 0) // the buffered events
	r.scheduleTask()         // even for signals that skip one
	r.inst.Close()
	inst, err := e.rebuildBefore(r, first)
	if err != nil {
		return true, r.taskFailed(&UnhandledRebuildError{WorkflowID: r.id, RunID: r.runID, WorkflowType: r.wfType, EventID: started, Err: err})
	}
	r.inst = inst
	r.delivered = first
	return true, nil
}

// maxUnhandledInARow is how many times in a row the simulator lets a run's
// closing task fail for events that arrived meanwhile before it ends the
// run.
const maxUnhandledInARow = 100

// unhandledInARow counts the tasks that failed with UnhandledCommand at the
// end of events, since the last completed one.
func unhandledInARow(events []*replay.Event) int {
	n := 0
	for i := len(events) - 1; i >= 0; i-- {
		switch a := events[i].Attributes.(type) {
		case *replay.WorkflowTaskCompletedEventAttributes:
			return n
		case *replay.WorkflowTaskFailedEventAttributes:
			if a.Cause != replay.WorkflowTaskFailedCauseUnhandledCommand {
				return n
			}
			n++
		}
	}
	return n
}

// rebuildable reports whether r's instance can be rebuilt from its history
// alone (see restartable): it runs workflow code, not a mock's stand-in,
// and no update was sent to it (updates reach a task as messages beside
// its events).
func (e *environment) rebuildable(r *workflowRun) bool {
	if r.link.spec.wf == nil || (r != e.root && e.comp.mocked(r.wfType)) || len(r.msgs.updates) > 0 {
		return false
	}
	if r == e.root && len(e.msgs.startUpdates) > 0 {
		return false
	}
	for _, u := range e.msgs.list {
		if u.run == r {
			return false
		}
	}
	return true
}

// rebuildBefore returns a new instance of r's code that has replayed the
// tasks of its history's first delivered events.
func (e *environment) rebuildBefore(r *workflowRun, delivered int) (run.Instance, error) {
	inst, err := e.freshInstance(r)
	if err != nil {
		return nil, err
	}
	r.rec.settle()
	err = replayTasks(new(historySource), r.history.Events, delivered, func(_ int, t run.Task) error {
		_, err := inst.ProcessTask(t)
		return err
	})
	if err != nil {
		inst.Close()
		return nil, e.rebuildError(r, err)
	}
	return inst, nil
}

// UnhandledEventsError reports signals or a cancellation request that
// arrived while the workflow task that closes a run was under way, which a
// Temporal server answers by failing the task (UnhandledCommand) so that
// the workflow runs again with them, when the simulator cannot follow:
//
//   - Failures is 0: the run cannot be run again from its history (it
//     received updates, or it is a mocked workflow). The close stands, the
//     events are dropped, and the test is told (a bound test fails).
//   - Failures is not 0: the task failed so Failures times in a row, new
//     events arriving each time it ran (a local activity that signals its
//     own workflow, say). A server would go on failing it; the simulator
//     ends the run with this error.
type UnhandledEventsError struct {
	WorkflowID   string
	RunID        string
	WorkflowType string
	Failures     int
}

func (e *UnhandledEventsError) Error() string {
	if e.Failures > 0 {
		return fmt.Sprintf("testsuite: workflow %q (workflowID %s, runID %s): its closing workflow task failed %d times in a row (UnhandledCommand), "+
			"new signals or cancellation requests arriving each time it ran; a Temporal server would go on failing it",
			e.WorkflowType, e.WorkflowID, e.RunID, e.Failures)
	}
	return fmt.Sprintf("testsuite: workflow %q (workflowID %s, runID %s) received a signal or a cancellation request while its closing workflow task ran; "+
		"a Temporal server would fail that task (UnhandledCommand) and run it again, which the simulator cannot do for a run that received updates or is mocked: the events are dropped",
		e.WorkflowType, e.WorkflowID, e.RunID)
}

// UnhandledRebuildError reports that a run could not be rebuilt from its
// history after the server failed its closing workflow task for events
// that arrived meanwhile (UnhandledCommand): replaying the history up to
// that task against the code failed. Err is replay's error, usually a
// *replay.NondeterminismError.
type UnhandledRebuildError struct {
	WorkflowID   string
	RunID        string
	WorkflowType string
	// EventID is the WorkflowTaskStarted event of the failed task.
	EventID int64
	Err     error
}

func (e *UnhandledRebuildError) Error() string {
	return fmt.Sprintf("testsuite: workflow %q (workflowID %s, runID %s) could not be rebuilt from its history after the server failed its workflow task started at event %d (UnhandledCommand): %v",
		e.WorkflowType, e.WorkflowID, e.RunID, e.EventID, e.Err)
}

func (e *UnhandledRebuildError) Unwrap() error { return e.Err }
