package coro

import (
	"sync/atomic"
	"time"
)

// runTiming notes a coroutine that ran longer than a limit of real time
// without yielding. A watchdog that looks at intervals (Interrupt) misses
// code that overruns and yields between two looks when its looks come
// late, on a loaded machine; a clock read around each switch does not.
type runTiming struct {
	limit   time.Duration
	overran atomic.Pointer[Coroutine]
}

// TimeRuns makes the dispatcher time each run of a coroutine (each switch
// into it, and each look at its wait condition) against limit, for
// Overran. Called before the dispatcher runs; a dispatcher never timed
// reads no clock.
func (d *Dispatcher) TimeRuns(limit time.Duration) {
	d.timing = &runTiming{limit: limit}
}

// Overran returns the first coroutine whose run lasted longer than the
// limit TimeRuns set, or nil. Safe from any goroutine.
func (d *Dispatcher) Overran() *Coroutine {
	if d.timing == nil {
		return nil
	}
	return d.timing.overran.Load()
}

// done notes c if its run, begun at start, overran.
func (t *runTiming) done(c *Coroutine, start time.Time) {
	if time.Since(start) > t.limit {
		t.overran.CompareAndSwap(nil, c)
	}
}
