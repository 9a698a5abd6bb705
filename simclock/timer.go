package simclock

import "time"

// Timer is a pending call to a func at a virtual instant, made by
// [Clock.AfterFunc] or [Clock.AfterFirer]. Like a time.Timer made by
// time.AfterFunc, it can be stopped and re-armed, including from inside any
// timer's func.
type Timer struct {
	clock *Clock
	fire  Firer // a funcFirer for AfterFunc
	// The due time as Unix seconds and nanoseconds: its location is the
	// clock's (see when). Smaller than a time.Time, with the index in the
	// nanoseconds' padding.
	sec   int64
	nsec  int32
	index int32 // position in the clock's queue; -1 when not pending
}

// A Firer is what a timer made by [Clock.AfterFirer] calls when it fires.
type Firer interface {
	Fire()
}

// funcFirer is the Firer of a timer made by [Clock.AfterFunc]. A func value
// is one pointer: it goes in an interface without an allocation.
type funcFirer func()

func (f funcFirer) Fire() { f() }

// when returns the timer's due time.
func (t *Timer) when() time.Time {
	return time.Unix(t.sec, int64(t.nsec)).In(t.clock.now.Location())
}

// Stop prevents the timer from firing. It reports whether it stopped a
// pending timer; false means the timer had already fired or been stopped.
// Stopping a timer from its own func returns false: it has fired.
func (t *Timer) Stop() bool {
	if t.clock == nil || t.index < 0 {
		return false
	}
	t.clock.remove(int(t.index))
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
func (t *Timer) When() time.Time {
	if t.clock == nil {
		return time.Time{}
	}
	return t.when()
}
