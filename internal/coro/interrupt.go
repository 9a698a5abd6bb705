package coro

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

// Interrupt arranges for the coroutine running now to panic with value(c)
// at its next Check, and reports which coroutine that is: nil when none is
// running (every coroutine is blocked, or the run is outside workflow
// code), in which case nothing changes. It is safe to call from any
// goroutine. A later Interrupt that finds another coroutine running
// replaces the earlier one, whose coroutine has stopped running without
// a check (it ended, stuck in native code until then): a watchdog may try
// again. A coroutine that makes no more checked calls cannot be stopped
// this way.
func (d *Dispatcher) Interrupt(value func(c *Coroutine) any) *Coroutine {
	c := d.current.Load()
	if c == nil {
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
// conditions. So does a coroutine being unwound by Close, whose deferred
// calls must run to their end.
func (d *Dispatcher) stop(i *interrupt) {
	if d.current.Load() != i.c || d.closing {
		return
	}
	panic(i.value)
}
