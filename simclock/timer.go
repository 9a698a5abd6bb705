package simclock

import "time"

// Timer is a pending call to a func at a virtual instant, made by
// [Clock.AfterFunc]. Like a time.Timer made by time.AfterFunc, it can be
// stopped and re-armed, including from inside any timer's func.
type Timer struct {
	clock *Clock
	f     func()
	when  time.Time
	index int // position in the clock's queue; -1 when not pending
}

// Stop prevents the timer from firing. It reports whether it stopped a
// pending timer; false means the timer had already fired or been stopped.
// Stopping a timer from its own func returns false: it has fired.
func (t *Timer) Stop() bool {
	if t.clock == nil || t.index < 0 {
		return false
	}
	t.clock.remove(t.index)
	return true
}

// Reset re-arms the timer to fire d after the clock's Now (a negative d
// counts as zero), whether it is pending, stopped or has fired. It reports
// whether the timer was pending. The timer takes a new place in creation
// order, behind every timer created before the Reset.
func (t *Timer) Reset(d time.Duration) bool {
	if t.clock == nil {
		panic("simclock: Reset of a Timer not made by Clock.AfterFunc")
	}
	pending := t.index >= 0
	t.clock.arm(t, d)
	return pending
}

// When reports the instant the timer is (or was last) due to fire.
func (t *Timer) When() time.Time { return t.when }
