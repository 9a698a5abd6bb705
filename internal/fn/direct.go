package fn

import (
	"context"
	"errors"
	"github.com/wfsim/wfsim/internal/stack"
	"reflect"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/sharedmeta"
)

// Result is what a function called by a Direct call returned, or how it
// panicked.
type Result struct {
	// Value is the function's result value; HasValue is false when the
	// function returns only error.
	Value    any
	HasValue bool
	// Err is the function's error.
	Err error
	// Panicked says the function panicked, with PanicValue and the
	// panicking goroutine's Stack.
	Panicked   bool
	PanicValue any
	Stack      string
}

// Prepared is a call Direct prepared: Run calls the function.
type Prepared interface {
	Run() Result
	// RunEncoded calls the function and encodes its value as EncodeValue
	// does; the Result's Value is then left unset. With the default data
	// converter the value is encoded without being boxed in an interface
	// first: one allocation less per call.
	RunEncoded(dc converter.DataConverter) (r Result, p *converter.Payloads, encodeErr error)
}

// Direct prepares a call of the activity function f with ctx and the
// arguments decoded from in, without reflection, when f has one of the
// signatures activities have most often: a context.Context and at most one
// string or int, returning error or (string or int, error). ok is false for
// any other f, which DecodeArgs and Call handle. Decoding fails as
// DecodeArgs does (same *wfsim.ArgumentError); Run recovers a panic as Call
// does.
//
// Calling through reflect.Value.Call costs an allocation per argument and
// result, and a good share of an activity's CPU; these signatures cover the
// activities of most tests.
func Direct(dc converter.DataConverter, kind, name string, f any, ctx context.Context, in *converter.Payloads) (call Prepared, ok bool, err error) {
	return DirectReusing(nil, dc, kind, name, f, ctx, in)
}

// DirectReusing is Direct, preparing the call in spare's memory when spare
// is a call Direct prepared for a function of f's signature, whose Run or
// RunEncoded has returned (nothing else may hold it): a simulation that
// runs one activity after another on one goroutine needs one allocation
// for all its calls instead of one per call. spare may be nil.
func DirectReusing(spare Prepared, dc converter.DataConverter, kind, name string, f any, ctx context.Context, in *converter.Payloads) (call Prepared, ok bool, err error) {
	switch f.(type) {
	case func(context.Context) error:
		return prepare(dc, kind, name, in, reuse[none, none](spare, ctx, f))
	case func(context.Context) (string, error):
		return prepare(dc, kind, name, in, reuse[none, string](spare, ctx, f))
	case func(context.Context, string) error:
		return prepare(dc, kind, name, in, reuse[string, none](spare, ctx, f))
	case func(context.Context, string) (string, error):
		return prepare(dc, kind, name, in, reuse[string, string](spare, ctx, f))
	case func(context.Context, int) error:
		return prepare(dc, kind, name, in, reuse[int, none](spare, ctx, f))
	case func(context.Context, int) (int, error):
		return prepare(dc, kind, name, in, reuse[int, int](spare, ctx, f))
	case func(context.Context, string) (int, error):
		return prepare(dc, kind, name, in, reuse[string, int](spare, ctx, f))
	case func(context.Context, int) (string, error):
		return prepare(dc, kind, name, in, reuse[int, string](spare, ctx, f))
	}
	return nil, false, nil
}

// reuse returns a call of f with ctx, in spare's memory when spare is of
// its type, else in new memory.
func reuse[A, R any](spare Prepared, ctx context.Context, f any) *direct[A, R] {
	d, ok := spare.(*direct[A, R])
	if !ok {
		d = new(direct[A, R])
	}
	// Field by field: assigning a whole struct zeroes every pointer slot
	// first, each a write barrier while the GC runs. prepare sets a; the
	// call sets r before anything reads it.
	d.ctx, d.f = ctx, f
	return d
}

// none stands for a parameter or result a signature does not have.
type none struct{}

// direct is a prepared call of a function of one of Direct's signatures,
// with its decoded argument and room for its result value: one allocation
// per call.
type direct[A, R any] struct {
	ctx context.Context
	// f is the function: func(context.Context[, A]) (R, error) or, when R
	// is none, func(context.Context[, A]) error.
	f any
	a A
	r R
}

func (d *direct[A, R]) Run() Result {
	r := d.call()
	if r.HasValue {
		r.Value = d.r
	}
	return r
}

func (d *direct[A, R]) RunEncoded(dc converter.DataConverter) (Result, *converter.Payloads, error) {
	r := d.call()
	if r.Panicked || r.Err != nil || !r.HasValue {
		return r, nil, nil
	}
	if encodesLikeDefault(dc) {
		// A pointer to the value encodes as the value does with the
		// default converter, and fits in an interface as it is.
		p, err := EncodeValue(dc, Result{Value: &d.r, HasValue: true})
		return r, p, err
	}
	p, err := EncodeValue(dc, Result{Value: d.r, HasValue: true})
	return r, p, err
}

// encodesLikeDefault reports whether dc is the default converter, or its
// twin with shared metadata (internal/sharedmeta), which encodes alike.
func encodesLikeDefault(dc converter.DataConverter) bool {
	def := converter.GetDefaultDataConverter()
	return dc == nil || dc == def || dc == sharedmeta.Twin(def)
}

// call calls the function, keeping its value in d.r, and recovers a panic
// as Call does.
func (d *direct[A, R]) call() (r Result) {
	done := false
	defer func() {
		if done {
			return
		}
		// recover gives nil under runtime.Goexit: see Call.
		r = Result{Panicked: true, PanicValue: recover(), Stack: stack.Trace()}
	}()
	switch f := d.f.(type) {
	case func(context.Context) error:
		r.Err = f(d.ctx)
	case func(context.Context, A) error:
		r.Err = f(d.ctx, d.a)
	case func(context.Context) (R, error):
		d.r, r.Err = f(d.ctx)
		r.HasValue = true
	case func(context.Context, A) (R, error):
		d.r, r.Err = f(d.ctx, d.a)
		r.HasValue = true
	}
	done = true
	return r
}

// prepare decodes d's argument, when its signature has one, as DecodeArgs
// does: more payloads than parameters is an error, a missing one is the
// zero value.
func prepare[A, R any](dc converter.DataConverter, kind, name string, payloads *converter.Payloads, d *direct[A, R]) (Prepared, bool, error) {
	in := payloads.GetPayloads()
	want := 1
	switch d.f.(type) {
	case func(context.Context) error, func(context.Context) (R, error):
		want = 0
	}
	if len(in) > want {
		return nil, true, &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: want, GotCount: len(in)}
	}
	// Zeroed first also for a payload: a JSON null leaves its target
	// unchanged, and d may hold the last call's argument.
	var zero A
	d.a = zero
	if len(in) == 0 {
		return d, true, nil
	}
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	if err := dc.FromPayload(in[0], &d.a); err != nil {
		return nil, true, &wfsim.ArgumentError{
			Kind: kind, Name: name, Position: 1,
			Expected: reflect.TypeFor[A]().String(), Got: describe(dc, in[0], err), Err: err,
		}
	}
	return d, true, nil
}

// EncodeValue is EncodeResult for a Result's value.
func EncodeValue(dc converter.DataConverter, r Result) (*converter.Payloads, error) {
	if !r.HasValue {
		return nil, nil
	}
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	if c, ok := dc.(*converter.CompositeDataConverter); ok {
		// Its ToPayloads of one value builds the Payloads with the
		// payload; its error wraps ToPayload's as "values[0]: %w".
		p, err := c.ToPayloads(r.Value)
		if err != nil {
			return nil, errors.Unwrap(err)
		}
		return p, nil
	}
	p, err := dc.ToPayload(r.Value)
	if err != nil {
		return nil, err
	}
	return onePayload(p), nil
}

// onePayload returns a Payloads of p alone, in one allocation.
func onePayload(p *converter.Payload) *converter.Payloads {
	box := &struct {
		ps  converter.Payloads
		one [1]*converter.Payload
	}{one: [1]*converter.Payload{p}}
	box.ps.Payloads = box.one[:1:1]
	return &box.ps
}
