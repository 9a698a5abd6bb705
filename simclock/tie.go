package simclock

import "slices"

// SetTieBreaker lets choose decide the order of timers due at the same
// instant. Whenever two or more timers are due at the instant the clock is
// about to fire, choose is called with their number n and returns the index,
// in creation order, of the one to fire next (0 keeps the default order).
// It is asked again before each further timer of that instant, so the
// timers a func creates for the current instant take part too.
//
// A nil choose, the default, restores creation order. An index outside
// [0, n) panics. SetTieBreaker must not be called from a timer's func.
//
// A simulator uses it to explore the orders in which simultaneous events
// could happen; the clock itself stays deterministic, as long as choose is.
func (c *Clock) SetTieBreaker(choose func(n int) int) {
	c.checkNotFiring()
	c.choose = choose
}

// pickTie returns the queue index of the timer to fire next among those
// due at the instant of the earliest one, as the tie breaker chooses.
//
// Every entry due at the root's instant is connected to the root through
// entries due at that instant too (a parent is never later than its
// child), so a walk down from the root finds them all.
func (c *Clock) pickTie() int {
	root := &c.queue[0]
	ties := append(c.ties[:0], 0)
	for k := 0; k < len(ties); k++ {
		first := arity*ties[k] + 1
		for child := first; child < first+arity && child < len(c.queue); child++ {
			if e := &c.queue[child]; e.sec == root.sec && e.nsec == root.nsec {
				ties = append(ties, child)
			}
		}
	}
	c.ties = ties
	if len(ties) == 1 {
		return 0
	}
	slices.SortFunc(ties, func(a, b int) int {
		if c.queue[a].seq < c.queue[b].seq {
			return -1
		}
		return 1
	})
	k := c.choose(len(ties))
	if k < 0 || k >= len(ties) {
		panic("simclock: the tie breaker chose an index out of range")
	}
	return ties[k]
}
