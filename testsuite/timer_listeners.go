package testsuite

import "time"

// SetOnTimerScheduledListener sets a callback run when a workflow starts a
// timer (workflow.NewTimer, workflow.Sleep, …), with the timer's ID and
// duration, as Temporal's test environment calls it. The ID is the
// TimerStarted event's TimerID, the one Temporal's worker gives the timer;
// the callback runs on the simulation goroutine when the StartTimer
// command's event is recorded, at the virtual instant of the workflow task
// that started the timer. Timers of the test environment itself
// (RegisterDelayedCallback, a mock's After) are not reported. It applies to
// every workflow of the simulation, children included.
func (env *TestWorkflowEnvironment) SetOnTimerScheduledListener(listener func(timerID string, duration time.Duration)) *TestWorkflowEnvironment {
	env.e.set().timerScheduled = listener
	return env
}

// SetOnTimerFiredListener sets a callback run when a workflow's timer fires,
// with the timer's ID: at the virtual instant it fires, once TimerFired is
// recorded (the workflow sees it with its next task).
func (env *TestWorkflowEnvironment) SetOnTimerFiredListener(listener func(timerID string)) *TestWorkflowEnvironment {
	env.e.set().timerFired = listener
	return env
}

// SetOnTimerCanceledListener sets a callback run when a workflow cancels a
// timer (by canceling the context of NewTimer or Sleep), with the timer's
// ID, once TimerCanceled is recorded. A timer canceled in the workflow task
// that started it never reaches the server, and is not reported, as it
// is never scheduled either.
func (env *TestWorkflowEnvironment) SetOnTimerCanceledListener(listener func(timerID string)) *TestWorkflowEnvironment {
	env.e.set().timerCanceled = listener
	return env
}

func (e *environment) timerScheduledListener(id string, d time.Duration) {
	if s := e.more; s != nil && s.timerScheduled != nil {
		s.timerScheduled(id, d)
	}
}

func (e *environment) timerFiredListener(id string) {
	if s := e.more; s != nil && s.timerFired != nil {
		s.timerFired(id)
	}
}

func (e *environment) timerCanceledListener(id string) {
	if s := e.more; s != nil && s.timerCanceled != nil {
		s.timerCanceled(id)
	}
}
