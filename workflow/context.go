package workflow

import (
	"fmt"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/coro"
)

// Context carries deadlines, cancellation and values across workflow code,
// like context.Context does for ordinary Go code. Its Done channel is a
// workflow Channel, so it can be used in a Selector.
//
// Workflow code must use the Context it is given (or one derived from it),
// never a context.Context.
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() Channel
	Err() error
	Value(key any) any
}

// CancelFunc cancels a Context and everything derived from it.
type CancelFunc func()

// ErrCanceled is the error of a Context that was canceled.
var ErrCanceled error = wfsim.NewCanceledError()

type contextKey int

const (
	stateKey contextKey = iota
	activityOptionsKey
	localActivityOptionsKey
	childOptionsKey
	// coroKey finds the coroutine a Context was handed to (see owner.go).
	coroKey
)

// rootContext is the ancestor of every Context of a run: it holds the run's
// state and is never canceled itself.
type rootContext struct {
	state *runState
	coro  *coro.Coroutine // the root coroutine
}

func (*rootContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (*rootContext) Done() Channel               { return nil }
func (*rootContext) Err() error                  { return nil }
func (r *rootContext) Value(key any) any {
	switch key {
	case stateKey:
		return r.state
	case coroKey:
		return r.coro
	}
	return nil
}
func (*rootContext) String() string { return "workflow.Context" }

type valueContext struct {
	Context
	key, val any
}

// WithValue returns a copy of parent in which the value associated with key
// is val.
func WithValue(parent Context, key any, val any) Context {
	if parent == nil {
		panic("workflow: WithValue of a nil parent Context")
	}
	if key == nil {
		panic("workflow: WithValue with a nil key")
	}
	return &valueContext{Context: parent, key: key, val: val}
}

func (c *valueContext) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return c.Context.Value(key)
}

func (c *valueContext) String() string {
	return fmt.Sprintf("%v.WithValue(%v, %v)", c.Context, c.key, c.val)
}

func (c *valueContext) parent() Context { return c.Context }

// optionsContext is WithValue(parent, key, &val) with val, the options a
// With*Options call copies, in the context's own allocation.
type optionsContext[T any] struct {
	Context
	key contextKey
	val T
}

func withOptions[T any](parent Context, key contextKey, val T) Context {
	if parent == nil {
		panic("workflow: WithValue of a nil parent Context")
	}
	return &optionsContext[T]{Context: parent, key: key, val: val}
}

func (c *optionsContext[T]) Value(key any) any {
	if key == any(c.key) {
		return &c.val
	}
	return c.Context.Value(key)
}

func (c *optionsContext[T]) String() string {
	return fmt.Sprintf("%v.WithValue(%v, %v)", c.Context, c.key, &c.val)
}

func (c *optionsContext[T]) parent() Context { return c.Context }

// derived is a Context made from a parent without a cancellation of its
// own.
type derived interface{ parent() Context }

type cancelContext struct {
	Context
	state    *runState
	done     *channelImpl
	err      error
	children []*cancelContext
	canceled bool
}

// WithCancel returns a copy of parent with a new Done channel, closed when
// the returned cancel function is called or when the parent's Done channel is
// closed, whichever happens first. Cancelling a context cancels the
// activities, timers and child workflows started with it.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	if parent == nil {
		panic("workflow: WithCancel of a nil parent Context")
	}
	c := newCancelContext(parent)
	propagateCancel(parent, c)
	return c, func() { c.cancel(true, ErrCanceled) }
}

// NewDisconnectedContext returns a context that is not canceled when parent
// is. Use it for cleanup that must run after the workflow was canceled, such
// as compensating activities.
func NewDisconnectedContext(parent Context) (ctx Context, cancel CancelFunc) {
	if parent == nil {
		panic("workflow: NewDisconnectedContext of a nil parent Context")
	}
	c := newCancelContext(parent)
	return c, func() { c.cancel(true, ErrCanceled) }
}

func newCancelContext(parent Context) *cancelContext {
	return &cancelContext{Context: parent, state: getState(parent)}
}

// parentCancelContext finds the nearest cancelContext above ctx.
func parentCancelContext(ctx Context) *cancelContext {
	for {
		switch c := ctx.(type) {
		case *cancelContext:
			return c
		case derived:
			ctx = c.parent()
		case *timeoutContext:
			return c.cancelContext
		default:
			return nil
		}
	}
}

func propagateCancel(parent Context, child *cancelContext) {
	p := parentCancelContext(parent)
	if p == nil {
		return
	}
	if p.canceled {
		child.cancel(false, p.err)
		return
	}
	p.children = append(p.children, child)
}

func (c *cancelContext) Done() Channel {
	if c.done == nil {
		c.done = newChannel(c.state, "Done", 0)
		if c.canceled {
			c.done.Close()
		}
	}
	return c.done
}

func (c *cancelContext) Err() error { return c.err }

func (c *cancelContext) String() string { return fmt.Sprintf("%v.WithCancel", c.Context) }

func (c *cancelContext) cancel(removeFromParent bool, err error) {
	if c.canceled {
		return
	}
	c.canceled = true
	c.err = err
	if c.done != nil {
		c.done.Close()
	}
	// Children are canceled in the order they were created, so the cancel
	// commands they issue come out in a deterministic order.
	children := c.children
	c.children = nil
	for _, child := range children {
		child.cancel(false, err)
	}
	if removeFromParent {
		if p := parentCancelContext(c.Context); p != nil {
			for i, ch := range p.children {
				if ch == c {
					p.children = append(p.children[:i], p.children[i+1:]...)
					break
				}
			}
		}
	}
}

// timeoutContext is a cancelContext with a deadline; it is canceled by a
// timer (see AwaitWithTimeout and ReceiveWithTimeout).
type timeoutContext struct {
	*cancelContext
	deadline time.Time
}

func (c *timeoutContext) Deadline() (time.Time, bool) { return c.deadline, true }

// getState returns the run a Context belongs to, panicking with a clear
// message for a Context that is not a workflow context.
func getState(ctx Context) *runState {
	if ctx == nil {
		panic("workflow: nil Context")
	}
	// Fast path: a run's root context and its cancelable contexts hold
	// the state themselves, and wfsim's value and options contexts lead
	// to them without the interface calls and key comparisons of Value
	// (a Get in a loop with WithActivityOptions' ctx asks for it twice per
	// activity). Others ask up the chain.
	var s *runState
	for c := ctx; s == nil; {
		switch x := c.(type) {
		case *cancelContext:
			s = x.state
		case *rootContext:
			s = x.state
		case derived:
			c = x.parent()
			continue
		}
		break
	}
	if s == nil {
		if s, _ = ctx.Value(stateKey).(*runState); s == nil {
			panic("workflow: Context is not a workflow context (it holds no workflow run)")
		}
	}
	s.d.Check() // a coroutine that does not yield stops here (deadlock.go)
	return s
}

// mustRun panics unless one of the run's coroutines is running now.
// Workflow APIs that block, start coroutines or issue commands call it
// before they touch the run, so that a call from a goroutine that is not a
// workflow coroutine (a native go statement, or a goroutine that outlived
// the run) fails with a clear message instead of corrupting the run.
//
// It cannot tell a native goroutine apart from the coroutine that started
// it while that coroutine is running too; the race detector reports that
// case.
func (s *runState) mustRun(api string) *coro.Coroutine {
	s.d.Check() // see deadlock.go
	// A query handler or update validator may only read the run (query.go).
	s.checkReadOnly(api)
	c := s.d.Current()
	if c == nil {
		panic("workflow: " + api + " called from a goroutine that is not a workflow coroutine " +
			"(a native go statement, or after the run ended); workflow code must start goroutines with workflow.Go")
	}
	return c
}

// block suspends the calling coroutine until cond holds. ctx must be the
// running coroutine's (see checkOwner).
func block(ctx Context, waiting string, cond func() bool) {
	c := getState(ctx).mustRun(waiting)
	checkOwner(ctx, c, coro.CondFunc(cond))
	c.BlockOn(waiting, coro.CondFunc(cond))
}

// blockOn is block waiting for a coro.Cond, which costs no closure.
func blockOn(ctx Context, waiting string, cond coro.Cond) {
	c := getState(ctx).mustRun(waiting)
	checkOwner(ctx, c, cond)
	c.BlockOn(waiting, cond)
}
