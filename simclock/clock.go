package simclock

import (
	"slices"
	"time"
)

// Clock is a virtual clock with a queue of pending timers.
//
// The zero Clock is ready to use and starts at the zero time; [New] starts
// it elsewhere. A Clock must not be copied after first use.
type Clock struct {
	now    time.Time
	seq    uint64  // creation order handed to the next armed timer
	queue  []entry // binary min-heap by (when, seq); see heap.go
	firing bool    // inside Advance/AdvanceTo/Step: guards against re-entry
	// choose, when set, orders timers due at one instant (tie.go); ties is
	// its scratch list of their queue indices.
	choose func(n int) int
	ties   []int
	// timers is the current chunk of Timers, handed out from index next
	// on (newTimer).
	timers []Timer
	next   int
	// first is the first chunk, in the clock's own memory: a short
	// simulation arms a timer or two. firstEntry is the queue's first
	// room, as a short simulation has one timer pending at a time. (A
	// Clock is not copied once used: timers and queue point into it.)
	first      [1]Timer
	firstEntry [1]entry
}

// New returns a clock whose Now is start, with no pending timers.
// Any monotonic clock reading in start is dropped: the clock's times carry
// only the wall reading, so they compare and print the same on every run.
func New(start time.Time) *Clock {
	return &Clock{now: start.Round(0)}
}

// Now returns the clock's current virtual time. Inside a timer's func it is
// that timer's due time.
func (c *Clock) Now() time.Time { return c.now }

// AfterFunc arranges for f to be called, on the goroutine that advances the
// clock, once the clock reaches Now()+d. A negative d counts as zero. The
// returned Timer can stop or re-arm the call.
func (c *Clock) AfterFunc(d time.Duration, f func()) *Timer {
	if f == nil {
		panic("simclock: AfterFunc called with a nil func")
	}
	return c.afterFirer(d, funcFirer(f))
}

// AfterFirer is [Clock.AfterFunc] with a Firer, whose Fire method the timer
// calls, in place of a func. A simulator that arms a timer per object (a
// pending task, a lease) can pass the object itself, which implements Fire,
// instead of a closure or method value bound to it: that saves an
// allocation per timer. x must not be nil.
func (c *Clock) AfterFirer(d time.Duration, x Firer) *Timer {
	if x == nil {
		panic("simclock: AfterFirer called with a nil Firer")
	}
	return c.afterFirer(d, x)
}

func (c *Clock) afterFirer(d time.Duration, x Firer) *Timer {
	t := c.newTimer()
	t.clock, t.fire, t.index = c, x, -1
	c.arm(t, d)
	return t
}

// newTimer returns a zeroed Timer from the clock's current chunk of them,
// allocating the next chunk when it is used up. A simulation arms timers by
// the hundred; one allocation per chunk instead of per timer is less work
// for the allocator and the GC. Chunks start small (a short run allocates
// little) and double up to maxTimerChunk. A Timer the caller keeps keeps
// its chunk alive, which is at most maxTimerChunk Timers.
func (c *Clock) newTimer() *Timer {
	if c.next == len(c.timers) {
		// An index rather than reslicing: taking a Timer then writes no
		// pointer, which would cost a write barrier while the GC runs.
		if c.timers == nil {
			c.timers = c.first[:]
		} else {
			c.timers = make([]Timer, min(max(2*len(c.timers), minTimerChunk), maxTimerChunk))
		}
		c.next = 0
	}
	c.next++
	return &c.timers[c.next-1]
}

const (
	minTimerChunk = 1
	maxTimerChunk = 64
)

// Grow makes room in the queue for n more pending timers, so that arming
// them does not reallocate it; a simulator that knows how many timers it
// is about to create calls it first. A negative n panics.
func (c *Clock) Grow(n int) {
	if n < 0 {
		panic("simclock: Grow with a negative count")
	}
	if c.queue == nil {
		c.queue = c.firstEntry[:0]
	}
	c.queue = slices.Grow(c.queue, n)
}

// Len reports the number of pending timers: those created or reset and
// neither fired nor stopped since.
func (c *Clock) Len() int { return len(c.queue) }

// Next reports the due time of the earliest pending timer, and false when no
// timer is pending.
func (c *Clock) Next() (time.Time, bool) {
	if len(c.queue) == 0 {
		return time.Time{}, false
	}
	return c.queue[0].timer.when(), true
}

// Advance moves the clock forward by d, firing every timer due up to and
// including Now()+d; see [Clock.AdvanceTo]. A negative d counts as zero, so
// Advance(0) fires the timers due at Now and nothing else.
func (c *Clock) Advance(d time.Duration) {
	c.AdvanceTo(c.now.Add(max(d, 0)))
}

// AdvanceTo moves the clock forward to t, firing every timer due up to and
// including t in (due time, creation order). Before each func runs, Now is
// set to its timer's due time; timers the func creates or resets fire in this
// same call if they are due by t. Afterwards Now is t.
//
// If t is before Now, AdvanceTo does nothing: virtual time never goes
// backwards. Now keeps the location of the clock's start time whatever the
// location of t.
//
// AdvanceTo must not be called from a timer's func (nor Advance or Step); it
// panics if it is. If a func panics, the panic propagates with Now at that
// timer's due time and the remaining timers still queued; the clock stays
// usable.
func (c *Clock) AdvanceTo(t time.Time) {
	c.checkNotFiring()
	if t.Before(c.now) {
		return
	}
	t = t.Round(0).In(c.now.Location())
	c.firing = true
	defer func() { c.firing = false }()
	sec, nsec := keyOf(t)
	due := entry{sec: sec, nsec: int64(nsec), seq: ^uint64(0)} // after every timer due at t
	for len(c.queue) > 0 && c.queue[0].before(&due) {
		i := 0
		if c.choose != nil {
			i = c.pickTie()
		}
		timer := c.remove(i)
		c.now = timer.when()
		timer.fire.Fire()
	}
	// Step's t is the instant just fired: storing it again would cost a
	// write barrier (Now's location) while the GC runs.
	if c.now != t {
		c.now = t
	}
}

// Step moves the clock to the due time of the earliest pending timer and
// fires every timer due at that instant, including ones the funcs create for
// it. It reports false, and does nothing, when no timer is pending. A
// simulator that owns the clock can run to quiescence with
//
//	for clock.Step() {
//	}
func (c *Clock) Step() bool {
	c.checkNotFiring()
	next, ok := c.Next()
	if !ok {
		return false
	}
	c.AdvanceTo(next)
	return true
}

// checkNotFiring panics if a timer func is running: a nested advance would
// move Now past the outer advance's target and then back.
func (c *Clock) checkNotFiring() {
	if c.firing {
		panic("simclock: Advance, AdvanceTo or Step called from a timer func")
	}
}

// arm gives t a due time d from now and the next creation order, and puts it
// in the queue (or moves it there, if it is already pending).
func (c *Clock) arm(t *Timer, d time.Duration) {
	t.sec, t.nsec = keyOf(c.now.Add(max(d, 0)))
	seq := c.seq
	c.seq++
	if t.index >= 0 {
		c.rekey(t, seq)
		return
	}
	c.push(t, seq)
}
