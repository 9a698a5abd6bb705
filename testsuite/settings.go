package testsuite

import "time"

// settings holds the environment's settings that few tests use: timer
// listeners, the worker's identity, what the workflow under test is told
// of its history, and so on. The first setter allocates it, so an
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
}

// set returns the environment's settings, allocating them.
func (e *environment) set() *settings {
	if e.more == nil {
		e.more = new(settings)
	}
	return e.more
}

// rootSpec applies the settings that shape the start of the workflow under
// test to its spec.
func (e *environment) rootSpec(s *runSpec) {
	m := e.more
	if m == nil {
		return
	}
	if m.continuedRunID != "" {
		s.continuedRunID = m.continuedRunID
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
