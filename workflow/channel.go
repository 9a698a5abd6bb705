package workflow

import (
	"fmt"
	"time"
)

// ReceiveChannel is the receiving side of a Channel.
type ReceiveChannel interface {
	Name() string
	// Receive blocks until a value is received into valuePtr (which may be
	// nil to drop it). more is false once the channel is closed and drained.
	Receive(ctx Context, valuePtr any) (more bool)
	// ReceiveWithTimeout is Receive that gives up after timeout (of
	// virtual time): ok is false when it timed out or ctx was canceled.
	// As in Temporal's SDK it waits with AwaitWithTimeout (whose timer
	// runs on after a value came), and a closed, drained channel has no
	// value to offer: it waits for the timeout.
	ReceiveWithTimeout(ctx Context, timeout time.Duration, valuePtr any) (ok, more bool)
	// ReceiveAsync receives a value if one is ready, without blocking.
	ReceiveAsync(valuePtr any) (ok bool)
	// ReceiveAsyncWithMoreFlag is ReceiveAsync that also reports whether
	// the channel is still open.
	ReceiveAsyncWithMoreFlag(valuePtr any) (ok bool, more bool)
	// Len returns the number of values a receive would take without
	// waiting: the buffered ones, those of blocked senders, and one a
	// Selector's branch took, as Temporal's SDK counts them.
	Len() int
}

// SendChannel is the sending side of a Channel.
type SendChannel interface {
	Name() string
	// Send blocks until the value is received or buffered.
	Send(ctx Context, v any)
	// SendAsync sends without blocking when a receiver waits or the
	// buffer has room, and reports whether it did.
	SendAsync(v any) (ok bool)
	// Close closes the channel. Sending on a closed channel panics.
	Close()
}

// Channel is a deterministic replacement for a Go channel in workflow code.
// Blocked receivers are served in the order they started waiting.
type Channel interface {
	SendChannel
	ReceiveChannel
}

// NewChannel returns an unbuffered Channel.
func NewChannel(ctx Context) Channel { return NewNamedChannel(ctx, "") }

// NewNamedChannel returns an unbuffered Channel whose name appears in
// deadlock reports.
func NewNamedChannel(ctx Context, name string) Channel {
	return newChannel(getState(ctx), name, 0)
}

// NewBufferedChannel returns a Channel that buffers up to size values.
func NewBufferedChannel(ctx Context, size int) Channel {
	return NewNamedBufferedChannel(ctx, "", size)
}

// NewNamedBufferedChannel returns a named Channel that buffers up to size
// values.
func NewNamedBufferedChannel(ctx Context, name string, size int) Channel {
	return newChannel(getState(ctx), name, size)
}

type channelImpl struct {
	state           *runState
	name            string
	size            int
	buffer          []any
	blockedSends    []*sendCallback
	blockedReceives []*receiveCallback
	// firstReceive holds blockedReceives while one waits, as on most
	// channels (a context's Done channel with one timer or activity).
	firstReceive [1]*receiveCallback
	// deadSends and deadReceives count the withdrawn callbacks still in
	// the lists above: withdrawing one is O(1), and the lists are swept
	// when half of them is dead, so that many timers sharing one context
	// (each with a cancellation callback on its Done channel) stay cheap.
	// They are int32 so that the workflow instance, which embeds its root
	// Done channel, stays in the 1792-byte size class.
	deadSends, deadReceives int32
	closed                  bool
	// received holds a value a Selector's receive branch took off the
	// channel for the branch's own Receive call to return.
	received *any
	// What Receive and Send report while blocked, built on first use.
	receiveWaiting, sendWaiting string
	// spareReceive and spareSend are waits no Receive or Send uses.
	spareReceive *receiveWait
	spareSend    *sendWait
}

func newChannel(s *runState, name string, size int) *channelImpl {
	if name == "" {
		name = fmt.Sprintf("chan-%d", s.nextChannelID())
	}
	return &channelImpl{state: s, name: name, size: size}
}

func (c *channelImpl) Name() string { return c.name }

func (c *channelImpl) Len() int {
	n := len(c.buffer) + len(c.blockedSends) - int(c.deadSends)
	if c.received != nil {
		n++
	}
	return n
}

func (c *channelImpl) Receive(ctx Context, valuePtr any) (more bool) {
	c.state.mustRun("Channel.Receive")
	w := c.takeReceiveWait()
	for {
		w.got = false
		v, ok, m := c.receiveAsync(&w.cb)
		if !ok && !m {
			c.spareReceive = w
			return false
		}
		if ok {
			if c.assign(v, valuePtr) {
				c.spareReceive = w
				return m
			}
			continue
		}
		if c.receiveWaiting == "" {
			c.receiveWaiting = c.name + ".Receive"
		}
		blockOn(ctx, c.receiveWaiting, w)
		// The value was handed over by taking w off the list: w is free.
		v, m = w.result, w.more
		w.result = nil
		if !m {
			c.spareReceive = w
			return false
		}
		if c.assign(v, valuePtr) {
			c.spareReceive = w
			return true
		}
	}
}

// takeReceiveWait returns the channel's spare receiveWait, or a new one. A
// Receive hands its wait back once it is off the waiter list (a Receive
// unwound by the run's end keeps it), so receives that take turns on a
// channel share one.
func (c *channelImpl) takeReceiveWait() *receiveWait {
	w := c.spareReceive
	if w == nil {
		w = &receiveWait{}
		w.cb.to = w
	}
	c.spareReceive = nil
	return w
}

// receiveWait is a Receive waiting for a value: its callback and what the
// callback was offered, in one allocation.
type receiveWait struct {
	cb        receiveCallback
	got, more bool
	result    any
}

func (w *receiveWait) offer(v any, more bool) bool {
	if w.got {
		return false
	}
	w.got, w.result, w.more = true, v, more
	return true
}

// Ready reports whether w got a value; w is the coro.Cond Receive blocks
// on, where a method value would cost an allocation per Receive.
func (w *receiveWait) Ready() bool { return w.got }

// ReceiveWithTimeout waits, as AwaitWithTimeout does (a timer started at
// once and left running), until the channel has a value, and then takes
// it, as Temporal's SDK does. A closed channel with nothing left has no
// value to wait for: it times out.
func (c *channelImpl) ReceiveWithTimeout(ctx Context, timeout time.Duration, valuePtr any) (ok, more bool) {
	c.state.mustRun("Channel.ReceiveWithTimeout")
	got, err := c.state.awaitWithTimer(ctx, AwaitOptions{Timeout: timeout, TimerOptions: TimerOptions{Summary: awaitSummary}}, func() bool { return c.Len() > 0 }, c.name+".ReceiveWithTimeout")
	if err != nil || !got {
		return false, true
	}
	ok, more = c.ReceiveAsyncWithMoreFlag(valuePtr)
	if !ok {
		// Every value there was dropped as not fitting valuePtr.
		panic("workflow: ReceiveWithTimeout: unexpected empty channel " + c.name)
	}
	return true, more
}

func (c *channelImpl) ReceiveAsync(valuePtr any) (ok bool) {
	ok, _ = c.ReceiveAsyncWithMoreFlag(valuePtr)
	return ok
}

func (c *channelImpl) ReceiveAsyncWithMoreFlag(valuePtr any) (ok bool, more bool) {
	c.state.d.Check() // a poll loop that never blocks stops here (deadlock.go)
	for {
		v, ok, more := c.receiveAsync(nil)
		if !ok {
			return false, more
		}
		if c.assign(v, valuePtr) {
			return true, more
		}
	}
}

// receiveAsync takes a value if one is ready. Otherwise, with cb non-nil and
// the channel open, it registers cb to be offered the next value sent.
func (c *channelImpl) receiveAsync(cb *receiveCallback) (v any, ok bool, more bool) {
	if c.received != nil {
		v = *c.received
		c.received = nil
		return v, true, true
	}
	if len(c.buffer) > 0 {
		v = c.buffer[0]
		c.buffer[0] = nil
		c.buffer = c.buffer[1:]
		// A blocked sender moves into the freed slot.
		for s := c.popSender(); s != nil; s = c.popSender() {
			if s.to.take() {
				c.buffer = append(c.buffer, s.value)
				break
			}
		}
		return v, true, true
	}
	// A closed channel hands over no blocked sender's value: its senders
	// panic.
	if c.closed {
		return nil, false, false
	}
	for s := c.popSender(); s != nil; s = c.popSender() {
		if s.to.take() {
			return s.value, true, true
		}
	}
	if cb != nil {
		cb.queued, cb.removed = true, false
		if c.blockedReceives == nil {
			c.blockedReceives = c.firstReceive[:0]
		}
		c.blockedReceives = append(c.blockedReceives, cb)
	}
	return nil, false, true
}

// popReceiver takes the first blocked receiver that was not withdrawn off
// the list, or returns nil.
func (c *channelImpl) popReceiver() *receiveCallback {
	for len(c.blockedReceives) > 0 {
		r := c.blockedReceives[0]
		c.blockedReceives[0] = nil
		if len(c.blockedReceives) == 1 {
			// Keep the capacity for the next waiter.
			c.blockedReceives = c.blockedReceives[:0]
		} else {
			c.blockedReceives = c.blockedReceives[1:]
		}
		r.queued = false
		if r.removed {
			c.deadReceives--
			continue
		}
		return r
	}
	return nil
}

// popSender is popReceiver for blocked senders.
func (c *channelImpl) popSender() *sendCallback {
	for len(c.blockedSends) > 0 {
		s := c.blockedSends[0]
		c.blockedSends[0] = nil
		if len(c.blockedSends) == 1 {
			// Keep the capacity for the next waiter.
			c.blockedSends = c.blockedSends[:0]
		} else {
			c.blockedSends = c.blockedSends[1:]
		}
		s.queued = false
		if s.removed {
			c.deadSends--
			continue
		}
		return s
	}
	return nil
}

func (c *channelImpl) removeReceiveCallback(cb *receiveCallback) {
	c.blockedReceives = withdraw(c.blockedReceives, &c.deadReceives, cb)
}

func (c *channelImpl) removeSendCallback(cb *sendCallback) {
	c.blockedSends = withdraw(c.blockedSends, &c.deadSends, cb)
}

// canReceive reports whether a receive would not block.
func (c *channelImpl) canReceive() bool {
	return c.received != nil || len(c.buffer) > 0 || len(c.blockedSends) > int(c.deadSends) || c.closed
}

// canSend reports whether a send would not block.
func (c *channelImpl) canSend() bool {
	return len(c.blockedReceives) > int(c.deadReceives) || len(c.buffer) < c.size || c.closed
}

func (c *channelImpl) Send(ctx Context, v any) {
	c.state.mustRun("Channel.Send")
	// Most sends find a receiver or room: only a sender that waits
	// needs a sendWait.
	if c.sendAsync(v, nil) {
		return
	}
	// A sender that waited hands its wait back once a receiver took its
	// value (it is off the list then), so sends that take turns on a
	// channel share one.
	w := c.spareSend
	if w != nil {
		c.spareSend = nil
		w.consumed, w.closed = false, false
	} else {
		w = &sendWait{}
		w.cb.to = w
	}
	w.cb.value = v
	if c.sendAsync(v, &w.cb) {
		w.cb.value = nil
		c.spareSend = w
		return
	}
	if c.sendWaiting == "" {
		c.sendWaiting = c.name + ".Send"
	}
	blockOn(ctx, c.sendWaiting, w)
	if !w.consumed {
		// The channel was closed while the value waited: as in Temporal's
		// SDK, the sender panics (a receiver never takes it then).
		c.removeSendCallback(&w.cb)
		panic(fmt.Sprintf("workflow: send on closed channel %q", c.name))
	}
	if !w.cb.queued {
		w.cb.value = nil
		c.spareSend = w
	}
}

// sendWait is a Send waiting for a receiver: its callback and whether its
// value was taken, in one allocation, and the coro.Cond it blocks on.
type sendWait struct {
	cb       sendCallback
	consumed bool
	// closed is set when the channel is closed while the Send waits.
	closed bool
}

func (w *sendWait) take() bool {
	if w.consumed {
		return false
	}
	w.consumed = true
	return true
}

func (w *sendWait) Ready() bool { return w.consumed || w.closed }

func (c *channelImpl) SendAsync(v any) (ok bool) {
	c.state.d.Check() // see deadlock.go
	return c.sendAsync(v, nil)
}

// sendAsync hands v to a waiting receiver or the buffer. Otherwise, with cb
// non-nil, it queues cb as a blocked sender.
func (c *channelImpl) sendAsync(v any, cb *sendCallback) bool {
	if c.closed {
		panic(fmt.Sprintf("workflow: send on closed channel %q", c.name))
	}
	for r := c.popReceiver(); r != nil; r = c.popReceiver() {
		if r.offer(v, true) {
			return true
		}
	}
	if len(c.buffer) < c.size {
		c.buffer = append(c.buffer, v)
		return true
	}
	if cb != nil {
		cb.queued, cb.removed = true, false
		c.blockedSends = append(c.blockedSends, cb)
	}
	return false
}

func (c *channelImpl) Close() {
	c.closed = true
	// Senders blocked in Send wake to panic; a Selector's pending send
	// stays, never taken, as in Temporal's SDK.
	for _, s := range c.blockedSends {
		if w, ok := s.to.(*sendWait); ok && !s.removed {
			w.closed = true
		}
	}
	receives := c.blockedReceives
	c.blockedReceives, c.deadReceives = nil, 0
	for _, r := range receives {
		r.queued = false
		if !r.removed {
			r.offer(nil, false)
		}
	}
}

// assign stores v in valuePtr. A value that cannot be decoded (a corrupt
// signal) is logged, counted (temporal_corrupted_signals) and dropped, as
// Temporal does, and reported false.
func (c *channelImpl) assign(v any, valuePtr any) bool {
	if valuePtr == nil || v == nil {
		return true
	}
	if err := assignValue(c.state.dc, v, valuePtr); err != nil {
		c.state.logger().Error("dropping a value that does not fit the receiver", "channel", c.name, "error", err)
		c.state.metricsHandler().Counter(corruptedSignalsCounter).Inc(1)
		return false
	}
	return true
}
