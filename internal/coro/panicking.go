package coro

import "runtime"

// BlockedUnwinding returns a live coroutine that is blocked inside a
// deferred function run by a panic, or nil if none is. Such a coroutine
// would keep its panic forever: Temporal's SDK refuses the block ("yield
// during panic unwinding") when it happens; checking every block would
// cost a stack walk per wait, so wfsim asks once, when a run completes
// (before its coroutines are unwound and the panic lost). It locates the
// blocked coroutines first (see Locate).
func (d *Dispatcher) BlockedUnwinding() *Coroutine {
	d.Locate()
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.all {
		if !c.suspended() || c.where == nil {
			continue
		}
		for _, pc := range c.where.pcs[:c.where.n] {
			// pc is a return address: pc-1 is inside the calling function.
			if f := runtime.FuncForPC(pc - 1); f != nil && f.Name() == "runtime.gopanic" {
				return c
			}
		}
	}
	return nil
}
