package workflow

// The waiters of a channel: a blocked Receive, Send or Selector branch is
// a callback in the channel's receiver or sender list, offered a value or
// asked to hand one over in the order it started waiting.

type receiveCallback struct {
	// to is offered a value; it returns false to decline (its waiter is
	// gone). A receiver type costs no allocation where a method value
	// would; a function is a receiverFunc.
	to receiver
	listed
}

// receiver waits for a value offered to a receiveCallback.
type receiver interface {
	offer(v any, more bool) bool
}

// receiverFunc is a function as a receiver.
type receiverFunc func(v any, more bool) bool

func (f receiverFunc) offer(v any, more bool) bool { return f(v, more) }

// offer offers v to r's waiter.
func (r *receiveCallback) offer(v any, more bool) bool { return r.to.offer(v, more) }

type sendCallback struct {
	value any
	// to reports whether the waiting sender takes the hand-off.
	to sender
	listed
}

// sender waits to hand its value over to a receiver.
type sender interface {
	take() bool
}

// senderFunc is a function as a sender.
type senderFunc func() bool

func (f senderFunc) take() bool { return f() }

// listed is a callback's place in a channel's waiter list: queued is set
// while it is in the list; removed marks it withdrawn but not yet dropped
// (see withdraw).
type listed struct{ queued, removed bool }

func (l *listed) entry() *listed { return l }

// withdraw marks cb withdrawn from list, where dead counts the withdrawn
// entries, and sweeps them out once they are many and half the list, so a
// withdrawal costs O(1) amortised. The last entry, as a timer's on a Done
// channel that only it waits on, is dropped at once.
func withdraw[C interface{ entry() *listed }](list []C, dead *int32, cb C) []C {
	l := cb.entry()
	if !l.queued || l.removed {
		return list
	}
	if n := len(list); list[n-1].entry() == l {
		var zero C
		list[n-1] = zero
		l.queued = false
		return list[:n-1]
	}
	l.removed = true
	*dead++
	if *dead < sweepAt || 2*int(*dead) < len(list) {
		return list
	}
	live := list[:0]
	for _, c := range list {
		if c.entry().removed {
			c.entry().queued = false
			continue
		}
		live = append(live, c)
	}
	clear(list[len(live):])
	*dead = 0
	return live
}

// sweepAt is how many withdrawn callbacks a list may hold before it is
// swept (and only once they are half of it).
const sweepAt = 16
