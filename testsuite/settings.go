package testsuite

import (
	"time"

	"github.com/wfsim/wfsim/client"
)

// settings holds the environment's settings that few tests use: timer
// listeners, detached-child waiting, what the workflow under test is told
// of its history, its start options. The first setter allocates it, so an
// environment that uses none carries one nil pointer, and the hot paths
// test that pointer alone.
type settings struct {
	// Timer listeners (timer_listeners.go).
	timerScheduled func(timerID string, duration time.Duration)
	timerFired     func(timerID string)
	timerCanceled  func(timerID string)
	// noDetachedChildWait: SetDetachedChildWait(false).
	noDetachedChildWait bool
	// What the workflow under test is told of its history
	// (history_view.go).
	history historyView
	// continuedRunID: SetContinuedExecutionRunID.
	continuedRunID string
	// startOptions: SetStartWorkflowOptions (start_workflow_options.go).
	startOptions *client.StartWorkflowOptions
	// activityQueues maps an activity's name to the task queues
	// SetActivityTaskQueue restricted it to.
	activityQueues map[string][]string
	// runTimeout: SetWorkflowRunTimeout.
	runTimeout time.Duration
}

// set returns the environment's settings, allocating them.
func (e *environment) set() *settings {
	if e.more == nil {
		e.more = new(settings)
	}
	return e.more
}

// rootRunTimeout is the run timeout of the workflow under test, 0 for
// none.
func (e *environment) rootRunTimeout() time.Duration {
	if e.more == nil {
		return 0
	}
	return e.more.runTimeout
}

// rootSpec applies the settings that shape the start of the workflow under
// test to its spec.
func (e *environment) rootSpec(s *runSpec) error {
	m := e.more
	if m == nil {
		return nil
	}
	if m.continuedRunID != "" {
		s.continuedRunID = m.continuedRunID
	}
	if m.startOptions != nil {
		return e.applyStartOptions(s, m.startOptions)
	}
	return nil
}

// rootStarted completes what the settings record in the workflow under
// test's WorkflowExecutionStarted event.
func (e *environment) rootStarted(r *workflowRun) {
	if m := e.more; m != nil && m.startOptions != nil && len(r.history.Events) > 0 {
		e.startMetadata(r.history.Events[0], m.startOptions)
	}
}

// SetContinuedExecutionRunID sets the run ID the workflow under test
// continued from: GetInfo(ctx).ContinuedExecutionRunID, as in Temporal's
// test environment. The simulation records it where the server does, in the
// continuedExecutionRunId of the first run's WorkflowExecutionStarted, so
// a replay of the history sees it too. Set it before ExecuteWorkflow.
func (env *TestWorkflowEnvironment) SetContinuedExecutionRunID(rid string) {
	env.e.set().continuedRunID = rid
}
