package coro

import "iter"

// Carrying coroutines
//
// Every coroutine runs on a goroutine of its own (iter.Pull's), which the
// workflow grows to an 8 KB stack as it starts. Making the goroutine and
// growing its stack cost several allocations and a stack copy: a fair
// share of a short run, and a driver that runs one workflow again and
// again pays them for every instance it builds (the simulator, when a
// worker restart rebuilds a run; the replay check that replays it after).
// A Carrier keeps one goroutine for such a driver: it runs a coroutine,
// and when that coroutine ends, its goroutine waits, stack and all, for
// the next one instead of exiting.
//
// Who owns what:
//   - The driver owns the Carrier. It hands it to each dispatcher's
//     coroutine that may ride on it (GoOn), and calls Stop when it is
//     done, which ends the goroutine. A Carrier never stopped leaves a
//     goroutine parked for as long as the program runs.
//   - The coroutine given a Carrier runs on it from GoOn until it ends:
//     its function returns or panics, or its dispatcher's Close unwinds
//     it. Then the Carrier is free for the next GoOn. If it is busy
//     (its coroutine has not ended yet), GoOn gives the new coroutine a
//     goroutine of its own, as Go does.
//   - A coroutine whose function calls runtime.Goexit takes its goroutine
//     with it, as any coroutine's does; the Carrier then stays busy and
//     carries nothing more.
//   - Stop on a busy Carrier lets its coroutine finish and the goroutine
//     exit then (the Carrier is retired meanwhile: it takes no other
//     coroutine). Stop on an idle Carrier ends the goroutine at once.
//     Either way a later GoOn starts a new one.
//
// The goroutine belongs to the synctest bubble it was started in, if any:
// a driver that runs coroutines both inside a bubble and outside it stops
// the Carrier when it leaves the bubble.
//
// A Carrier is used from one goroutine at a time: the one that drives its
// coroutines' dispatchers.

// Carrier is a goroutine that runs coroutines one after another. The zero
// Carrier is ready to use; it starts its goroutine at its first GoOn.
type Carrier struct {
	next func() (struct{}, bool)
	stop func()
	// c is the coroutine the goroutine carries, from GoOn until it ends;
	// nil while the Carrier is idle.
	c       *Coroutine
	retired bool
}

// GoOn is GoIn with c carried by k when k is idle: c then runs on k's
// goroutine, whose stack has grown already, rather than on a new one. A
// nil or busy k leaves c to a goroutine of its own.
func (d *Dispatcher) GoOn(k *Carrier, c *Coroutine, name string, r Runner) *Coroutine {
	if k == nil || !k.carry(c) {
		return d.GoIn(c, name, r)
	}
	d.initFields(c, name, r)
	d.add(c)
	return c
}

// carry makes k's goroutine c's, if k is idle, and reports whether it did.
func (k *Carrier) carry(c *Coroutine) bool {
	if k.c != nil || k.retired {
		return false
	}
	if k.next == nil {
		k.next, k.stop = iter.Pull(k.body)
	}
	k.c = c
	// No stop: Close ends a carried coroutine by switching into it
	// (closeCarried).
	c.next, c.stop = k.next, nil
	return true
}

// body is the goroutine's function: it runs the coroutine it carries, and
// then waits for the next one, or returns when k is stopped.
func (k *Carrier) body(yield func(struct{}) bool) {
	for {
		// A coroutine closed before it started is done already: it
		// runs nothing (closeCarried).
		if c := k.c; !c.done {
			c.body(yield)
		}
		k.c = nil
		// The coroutine's dispatcher sees it done when this switches
		// back: the Carrier is free from then on.
		if k.retired || !yield(struct{}{}) {
			// The goroutine ends: the Carrier is as new.
			k.next, k.stop, k.retired = nil, nil, false
			return
		}
	}
}

// closeCarried is Close's end of c, a coroutine a Carrier carries, whose
// goroutine must live on: iter.Pull's stop would end it. It switches into
// c, which unwinds if it is suspended in Block (it sees its dispatcher
// closing), or runs nothing if it never started (Close marked it done),
// and the goroutine then waits for its next coroutine.
func closeCarried(c *Coroutine) { c.next() }

// Stop ends k's goroutine: at once if k is idle, or when the coroutine it
// carries ends (k is retired until then). A zero or nil Carrier has none to end.
func (k *Carrier) Stop() {
	switch {
	case k == nil:
	case k.c != nil:
		k.retired = true
	case k.stop != nil:
		k.stop()
	}
}
