package run

import "github.com/wfsim/wfsim/internal/coro"

// Carrier is what a driver keeps for the instances it builds one after
// another, so that each takes over what the one before no longer needs
// rather than making its own: a goroutine for their root coroutines (the
// next instance's workflow function runs on the goroutine, and stack, the
// previous one's ran on once that one has ended: coro.Carrier tells how),
// and the memory of an instance the driver is done with (Retire).
//
// A driver that builds instances with Start.Carrier set owns the Carrier:
// it calls Stop when it builds no more of them, or the goroutine outlives
// it. The zero Carrier is ready to use.
type Carrier struct {
	goroutine coro.Carrier
	spare     Instance
}

// Goroutine returns k's goroutine for root coroutines; nil for a nil k.
// Package workflow calls it.
func (k *Carrier) Goroutine() *coro.Carrier {
	if k == nil {
		return nil
	}
	return &k.goroutine
}

// Retire gives k an instance the driver has closed and that nothing will
// read again (no query, no report, no other goroutine): the next instance
// built with k may take its memory. It replaces one retired before, which
// the garbage collector then takes.
func (k *Carrier) Retire(in Instance) { k.spare = in }

// Spare returns the instance last retired and forgets it, or nil; nil for
// a nil k. Package workflow calls it.
func (k *Carrier) Spare() Instance {
	if k == nil {
		return nil
	}
	in := k.spare
	k.spare = nil
	return in
}

// Stop ends k's goroutine (coro.Carrier.Stop); a later instance starts
// another. A nil k has none.
func (k *Carrier) Stop() {
	if k != nil {
		k.goroutine.Stop()
	}
}
