package workflow

// onCancel calls fn when ctx is canceled (at once if it already is), the way
// Temporal's SDK hooks cancellation: a callback on the context's Done
// channel, so cancellation callbacks run in the order they were registered.
// The returned func unregisters fn.
func onCancel(ctx Context, fn func()) (remove func()) {
	done, ok := ctx.Done().(*channelImpl)
	if !ok {
		return func() {}
	}
	h := &cancelHook{fn: fn, done: done}
	h.cb.to = h
	_, ok, more := done.receiveAsync(&h.cb)
	if ok || !more {
		fn()
		return func() {}
	}
	return h.remove
}

// cancelHook is onCancel's callback on a Done channel, in one allocation.
type cancelHook struct {
	cb   receiveCallback
	fn   func()
	done *channelImpl
}

// offer runs fn when the Done channel closes; it never takes a value.
func (h *cancelHook) offer(any, bool) bool {
	h.fn()
	return false
}

func (h *cancelHook) remove() { h.done.removeReceiveCallback(&h.cb) }
