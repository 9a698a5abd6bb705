package workflow

import (
	"fmt"
	"reflect"

	"github.com/wfsim/wfsim/converter"
)

// Future is the result of an asynchronous operation, such as an activity or a
// timer. Get blocks the calling coroutine until the result is ready.
type Future interface {
	// Get blocks until the future is ready, then stores its value in
	// valuePtr (which may be nil to ignore it) and returns its error.
	Get(ctx Context, valuePtr any) error
	// IsReady reports whether Get would return without blocking.
	IsReady() bool
}

// Settable sets the value of a Future created with NewFuture. A Future can be
// set only once; setting it again panics.
type Settable interface {
	Set(value any, err error)
	SetValue(value any)
	SetError(err error)
	// Chain makes this future ready with the value and error of another
	// future when that one becomes ready.
	Chain(future Future)
}

// NewFuture returns a Future and the Settable that completes it.
func NewFuture(ctx Context) (Future, Settable) {
	f := newFuture(getState(ctx))
	return f, f
}

// futureImpl is the one future type of the package. Its value is either a Go
// value (set by workflow code) or *converter.Payloads (set from an event),
// which Get decodes with the run's data converter.
type futureImpl struct {
	state *runState
	ready bool
	value any
	err   error
	// callbacks are called, in the order added, when the future is set:
	// a list, so a future that never gets one (most) pays one pointer.
	callbacks *futureCallback
}

// futureCallback is one callback of a future, linked to the next.
type futureCallback struct {
	fn   func()
	next *futureCallback
}

func newFuture(s *runState) *futureImpl { return &futureImpl{state: s} }

func (f *futureImpl) IsReady() bool { return f.ready }

// futureReady is a future as the coro.Cond its Get blocks on: converting
// the pointer costs nothing, where the method value f.IsReady allocates.
type futureReady futureImpl

func (f *futureReady) Ready() bool { return f.ready }

func (f *futureImpl) Get(ctx Context, valuePtr any) error {
	f.state.d.Check() // a loop of Get on a ready future stops here (deadlock.go)
	if !f.ready {
		blockOn(ctx, "Future.Get", (*futureReady)(f))
	}
	// A failed future leaves valuePtr alone, whatever value was set with
	// the error, as in Temporal's SDK.
	if valuePtr == nil || f.value == nil || f.err != nil {
		return f.err
	}
	return assignValue(f.state.dc, f.value, valuePtr)
}

func (f *futureImpl) Set(value any, err error) {
	if f.ready {
		panic("workflow: Settable.Set of a future that is already set")
	}
	f.ready = true
	// Storing nil over nil (a timer's value, most errors) is skipped: it
	// would still cost a write barrier while the GC runs.
	if value != nil || f.value != nil {
		f.value = value
	}
	if err != nil || f.err != nil {
		f.err = err
	}
	cb := f.callbacks
	f.callbacks = nil
	for ; cb != nil; cb = cb.next {
		cb.fn()
	}
}

func (f *futureImpl) SetValue(value any) { f.Set(value, nil) }
func (f *futureImpl) SetError(err error) { f.Set(nil, err) }

func (f *futureImpl) Chain(future Future) {
	if f.ready {
		panic("workflow: Settable.Chain of a future that is already set")
	}
	other, ok := future.(*futureImpl)
	if !ok {
		panic(fmt.Sprintf("workflow: Settable.Chain of a future that workflow did not create (%T)", future))
	}
	other.onReady(func() { f.Set(other.value, other.err) })
}

// onReady calls cb once the future is ready (at once if it is). The
// returned func unregisters cb, so that a Selector called in a loop does not
// pile up callbacks on a future that stays pending.
func (f *futureImpl) onReady(cb func()) (remove func()) {
	if f.ready {
		cb()
		return func() {}
	}
	p := &futureCallback{fn: cb}
	link := &f.callbacks
	for *link != nil {
		link = &(*link).next
	}
	*link = p
	return func() {
		for link := &f.callbacks; *link != nil; link = &(*link).next {
			if *link == p {
				*link = p.next
				return
			}
		}
	}
}

// assignValue stores value in valuePtr: payloads are decoded, Go values are
// assigned when their types fit. It returns an error, never panics, on a
// mismatch.
func assignValue(dc converter.DataConverter, value any, valuePtr any) error {
	switch v := value.(type) {
	case *converted:
		return assignValue(v.dc, v.value, valuePtr)
	case *converter.Payloads:
		if cdc, ok := dc.(*converter.CompositeDataConverter); ok {
			// What its FromPayloads does for one pointer, without the
			// variadic slice, which would escape through the interface.
			if len(v.GetPayloads()) == 0 {
				return nil
			}
			if err := cdc.FromPayload(v.Payloads[0], valuePtr); err != nil {
				return fmt.Errorf("payload item %d: %w", 0, err)
			}
			return nil
		}
		return dc.FromPayloads(v, valuePtr)
	case *converter.Payload:
		return dc.FromPayload(v, valuePtr)
	}
	rv := reflect.ValueOf(valuePtr)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("workflow: Get needs a non-nil pointer, got %T", valuePtr)
	}
	src := reflect.ValueOf(value)
	dst := rv.Elem()
	// A pointer to what valuePtr points to is stored through, as Temporal's
	// SDK does: a *T value received into a *T.
	if src.Kind() == reflect.Pointer && src.Type().Elem() == dst.Type() {
		if src.IsNil() {
			dst.SetZero()
		} else {
			dst.Set(src.Elem())
		}
		return nil
	}
	if !src.Type().AssignableTo(dst.Type()) {
		return &TypeMismatchError{Expected: dst.Type().String(), Got: src.Type().String()}
	}
	dst.Set(src)
	return nil
}

// TypeMismatchError reports a value that cannot be stored in the pointer
// given to Get or Receive.
type TypeMismatchError struct {
	Expected string // type pointed to by the value pointer
	Got      string // type of the value
}

func (e *TypeMismatchError) Error() string {
	return fmt.Sprintf("workflow: cannot store a value of type %s in a *%s", e.Got, e.Expected)
}
