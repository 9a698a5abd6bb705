package coro

import "time"

// A coroutine that never blocks keeps the dispatcher, and so the whole run,
// from ever getting control back: Temporal's SDK fails the workflow task
// when one runs for too long without yielding. A switch cannot be taken
// from a running coroutine, so a watchdog on another goroutine can only
// leave word for it: Interrupt names the coroutine running now and what it
// is to panic with, and the workflow calls it makes check for that word
// (Check) and panic there, unwinding it. The word is one pointer that a
// healthy run never sets, so the check costs one load.

// interrupt is the word a watchdog leaves for the coroutine it interrupts.
type interrupt struct {
	c     *Coroutine
	value any
}

// sighting is a coroutine a watchdog found running, and how many times the
// dispatcher had switched to a coroutine by then.
type sighting struct {
	c        *Coroutine
	switches uint64
}

// Interrupt is called by a watchdog at intervals. It arranges for a
// coroutine that has not yielded since the previous call to panic with
// value(c) at its next Check, and reports which coroutine that is. A
// coroutine running now but not at the previous call (or switched out and
// back in since) is only noted, and Interrupt returns nil: a healthy
// coroutine that happens to be running when a call comes is left alone, as
// Temporal's deadlock detector leaves one that yields within its limit.
// It is safe to call from any goroutine, one at a time. A later Interrupt
// that finds another coroutine stuck replaces the earlier one, whose
// coroutine has stopped running without a check (it ended, stuck in native
// code until then). A coroutine that makes no more checked calls cannot be
// stopped this way.
func (d *Dispatcher) Interrupt(value func(c *Coroutine) any) *Coroutine {
	c := d.current.Load()
	if c == nil {
		// A coroutine's Await condition running on the dispatcher is that
		// coroutine's code (EvaluateCondition): in Temporal's SDK it runs
		// in the coroutine.
		c = d.evaluating.Load()
	}
	now := sighting{c: c, switches: d.switches.Load()}
	last := d.seen
	d.seen = now
	if c == nil || last != now {
		return nil
	}
	if i := d.interrupted.Load(); i != nil && i.c == c {
		return c
	}
	// c's name is fixed when it is created, before it ever runs: value may
	// read it here.
	d.interrupted.Store(&interrupt{c: c, value: value(c)})
	return c
}

// Switches counts the switches to a coroutine so far, and the calls of a
// coroutine's wait condition (EvaluateCondition). A watchdog on
// another goroutine may read it: a count unchanged between two of its looks
// says no coroutine ran in between, or one ran throughout.
func (d *Dispatcher) Switches() uint64 { return d.switches.Load() }

// Check panics with the value of an Interrupt if the calling coroutine is
// the one interrupted. Workflow calls check on their way in, so that a
// coroutine that loops without blocking stops at its next call. While no
// interrupt was made it costs one atomic load.
func (d *Dispatcher) Check() {
	if i := d.interrupted.Load(); i != nil {
		d.stop(i)
	}
}

// stop is Check's slow path. Calls from anything but the interrupted
// coroutine pass: another coroutine, which runs only once the interrupted
// one blocked or ended, and the dispatcher's own goroutine checking wait
// conditions, but for the interrupted coroutine's own Await condition
// (EvaluateCondition). So does a coroutine being unwound by Close, whose
// deferred calls must run to their end.
func (d *Dispatcher) stop(i *interrupt) {
	if d.closing {
		return
	}
	if c := d.current.Load(); c != i.c && (c != nil || d.evaluating.Load() != i.c) {
		return
	}
	panic(i.value)
}

// EvaluateCondition calls cond, the wait condition of the blocked
// coroutine c that is workflow code (an Await's), on the dispatcher, and
// returns what it returns. Meanwhile the condition counts as c's code:
// Blocked reports c as running it, with the dispatcher goroutine's stack,
// and Interrupt may interrupt c, whose condition then panics at its next
// Check. A panic of cond goes through. Each call counts as a switch to c
// (Switches): in Temporal's SDK the coroutine yields after each look at
// its condition, so two looks of a watchdog that find c's condition
// running at two different calls, with no switch in between, must not
// take it for one call that never returned.
func (c *Coroutine) EvaluateCondition(cond func() bool) bool {
	d := c.d
	d.switches.Add(1)
	d.evaluating.Store(c)
	defer d.evaluating.Store(nil)
	if t := d.timing; t != nil {
		start := time.Now()
		ok := cond() // an interrupted condition's panic goes through: the watch saw it
		t.done(c, start)
		return ok
	}
	return cond()
}
