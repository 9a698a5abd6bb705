package workflow

import "fmt"

// Selector waits on several channels and futures at once, like Go's select
// statement, deterministically.
//
// Select runs exactly one branch. When branches are ready at the time Select
// is called, the first ready one in the order they were added wins (a
// default branch only when none is ready). Otherwise Select blocks, and the
// branch whose channel or future becomes ready first wins. A future branch
// fires at most once per Selector, so calling Select again on the same
// Selector waits for the other branches.
type Selector interface {
	AddReceive(c ReceiveChannel, f func(c ReceiveChannel, more bool)) Selector
	AddSend(c SendChannel, v any, f func()) Selector
	AddFuture(future Future, f func(f Future)) Selector
	AddDefault(f func())
	Select(ctx Context)
	// HasPending reports whether a branch is ready, so Select would not
	// block.
	HasPending() bool
}

// NewSelector returns an empty Selector.
func NewSelector(ctx Context) Selector { return NewNamedSelector(ctx, "selector") }

// NewNamedSelector returns an empty Selector whose name appears in deadlock
// reports.
func NewNamedSelector(ctx Context, name string) Selector {
	return &selectorImpl{state: getState(ctx), name: name, waiting: name + ".Select"}
}

type selectCase struct {
	channel   *channelImpl
	receiveFn func(c ReceiveChannel, more bool)
	sendFn    func()
	sendValue any
	future    *futureImpl
	futureFn  func(f Future)
}

type selectorImpl struct {
	state     *runState
	name      string
	waiting   string // what a blocked Select reports
	cases     []*selectCase
	defaultFn func()
}

func channelOf(c any) *channelImpl {
	ch, ok := c.(*channelImpl)
	if !ok {
		panic(fmt.Sprintf("workflow: Selector needs a channel made by workflow.NewChannel, got %T", c))
	}
	return ch
}

func (s *selectorImpl) AddReceive(c ReceiveChannel, f func(c ReceiveChannel, more bool)) Selector {
	s.cases = append(s.cases, &selectCase{channel: channelOf(c), receiveFn: f})
	return s
}

func (s *selectorImpl) AddSend(c SendChannel, v any, f func()) Selector {
	s.cases = append(s.cases, &selectCase{channel: channelOf(c), sendFn: f, sendValue: v})
	return s
}

func (s *selectorImpl) AddFuture(future Future, f func(f Future)) Selector {
	fi, ok := future.(*futureImpl)
	if !ok {
		if cf, ok2 := future.(interface{ impl() *futureImpl }); ok2 {
			fi = cf.impl()
		} else {
			panic(fmt.Sprintf("workflow: Selector.AddFuture needs a future made by workflow, got %T", future))
		}
	}
	s.cases = append(s.cases, &selectCase{future: fi, futureFn: func(Future) { f(future) }})
	return s
}

func (s *selectorImpl) AddDefault(f func()) { s.defaultFn = f }

func (s *selectorImpl) HasPending() bool {
	for _, c := range s.cases {
		switch {
		case c.receiveFn != nil && c.channel.canReceive():
			return true
		case c.sendFn != nil && c.channel.canSend():
			return true
		case c.futureFn != nil && c.future.IsReady():
			return true
		}
	}
	return false
}

func (s *selectorImpl) Select(ctx Context) {
	s.state.mustRun("Selector.Select")
	var ready func()
	var cleanups []func()
	defer func() {
		for _, c := range cleanups {
			c()
		}
	}()
	for _, sc := range s.cases {
		switch {
		case sc.receiveFn != nil:
			sc, ch, fn := sc, sc.channel, sc.receiveFn
			hasDefault := s.defaultFn != nil
			cb := &receiveCallback{to: receiverFunc(func(v any, more bool) bool {
				if ready != nil {
					return false
				}
				// Where the value waits until the branch runs depends on
				// SDK flags, as in Temporal's SDK (flags.go): under flag 5
				// it goes to the channel's received slot at once, so that
				// it is not lost while a default branch blocks; flag 8
				// limits that to selectors with a default branch, as a
				// second value offered to another Selector would
				// overwrite the slot. Without flag 5 it waits in the
				// branch.
				keep := s.state.tryFlag(flagBlockedSelectorSignalReceive)
				own := s.state.tryFlag(flagWorkflowNewChannelLostMessages)
				storeNow := keep && (!own || hasDefault)
				if storeNow {
					ch.received = &v
				}
				ready = func() {
					if !storeNow {
						ch.received = &v
					}
					fn(ch, more)
				}
				return true
			})}
			v, ok, more := ch.receiveAsync(cb)
			if ok || !more {
				ready = func() {}
				if more {
					ch.received = &v
				} else {
					// A closed channel's branch fires once, as in
					// Temporal's SDK; later Selects wait for the others.
					sc.receiveFn = nil
				}
				fn(ch, more)
				return
			}
			cleanups = append(cleanups, func() { ch.removeReceiveCallback(cb) })
		case sc.sendFn != nil:
			ch, fn := sc.channel, sc.sendFn
			cb := &sendCallback{value: sc.sendValue, to: senderFunc(func() bool {
				if ready != nil {
					return false
				}
				ready = fn
				return true
			})}
			if ch.sendAsync(sc.sendValue, cb) {
				ready = func() {}
				fn()
				return
			}
			cleanups = append(cleanups, func() { ch.removeSendCallback(cb) })
		case sc.futureFn != nil:
			sc := sc
			if sc.future.IsReady() {
				ready = func() {}
				fn := sc.futureFn
				sc.futureFn = nil
				fn(nil)
				return
			}
			remove := sc.future.onReady(func() {
				if ready != nil || sc.futureFn == nil {
					return
				}
				ready = func() {
					fn := sc.futureFn
					sc.futureFn = nil
					fn(nil)
				}
			})
			cleanups = append(cleanups, remove)
		}
	}
	if s.defaultFn != nil {
		s.defaultFn()
		return
	}
	block(ctx, s.waiting, func() bool { return ready != nil })
	ready()
}
