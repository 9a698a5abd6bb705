package testsuite

import "github.com/wfsim/wfsim/internal/run"

// The goroutine of the root coroutines
//
// Every instance of a run's workflow code runs its workflow function as a
// coroutine, on a goroutine whose stack grows as the function starts. One
// ExecuteWorkflow builds several instances of the same code, one after
// another: the run's own, a new one after each worker restart (restart.go),
// and the replay check's (replay_check.go). The environment keeps one
// goroutine for them, a run.Carrier: an instance whose root coroutine has
// ended (its function returned or panicked, or the instance was closed)
// leaves it to the next one, stack and all, rather than each instance
// starting its own. While it carries a run that goes on (a parent waiting
// for its child), the next instance starts a goroutine of its own, as
// without a carrier.
//
// The carrier lives from the start of ExecuteWorkflow (startCarrier) to its end, which
// stops it even if the simulation panicked: no goroutine of it outlives
// ExecuteWorkflow. A synctest bubble's goroutines must end in the bubble,
// so the carrier is stopped when the simulation leaves one (inBubble); the
// replay check, outside, then starts another. Instances built after
// ExecuteWorkflow (none are, unless a query runs a pending task that
// restarts a worker) get goroutines of their own.

// startCarrier gives the environment a carrier when its runs are likely to
// have more than one instance: the replay check is on, or a worker may
// restart. (A run rebuilt for another reason, its code's first task
// discarded, say, is rare: it starts a goroutine, as does an environment
// without a carrier.)
func (e *environment) startCarrier() {
	if !e.skipReplayCheck || e.keepsIssued() {
		e.carrier = new(run.Carrier)
	}
}

// stopCarrier ends the carrier at the end of ExecuteWorkflow.
func (e *environment) stopCarrier() {
	e.carrier.Stop()
	e.carrier = nil
}
