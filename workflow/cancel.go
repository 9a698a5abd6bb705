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
	cb := &receiveCallback{fn: func(any, bool) bool {
		fn()
		return false
	}}
	_, ok, more := done.receiveAsync(cb)
	if ok || !more {
		fn()
		return func() {}
	}
	return func() { done.removeReceiveCallback(cb) }
}
