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
}

// set returns the environment's settings, allocating them.
func (e *environment) set() *settings {
	if e.more == nil {
		e.more = new(settings)
	}
	return e.more
}
