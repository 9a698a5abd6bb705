package examples_test

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// since is the virtual time elapsed since the workflow started.
func since(ctx workflow.Context) time.Duration {
	return workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
}

// run executes a workflow in a fresh environment, not bound to a test, and
// returns the environment to read the outcome from.
func run(wf any, args ...any) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(wf, args...)
	return env
}

// printEvents prints the history's events other than workflow tasks, each
// with its virtual time since the start: what a Temporal server would have
// recorded for the run.
func printEvents(h *replay.History) {
	start := h.Events[0].EventTime
	for _, ev := range h.Events {
		switch ev.EventType {
		case replay.EventTypeWorkflowTaskScheduled, replay.EventTypeWorkflowTaskStarted, replay.EventTypeWorkflowTaskCompleted:
			continue
		}
		detail := ""
		switch {
		case ev.TimerStarted != nil:
			detail = fmt.Sprintf(" timer %s for %v", ev.TimerStarted.TimerID, ev.TimerStarted.StartToFireTimeout)
		case ev.TimerFired != nil:
			detail = " timer " + ev.TimerFired.TimerID
		case ev.TimerCanceled != nil:
			detail = " timer " + ev.TimerCanceled.TimerID
		}
		fmt.Printf("  %-9v %s%s\n", ev.EventTime.Sub(start), ev.EventType, detail)
	}
}
