package fn

import (
	"context"
	"reflect"
	"runtime/debug"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
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

// Direct prepares a call of the activity function f with ctx and the
// arguments decoded from in, without reflection, when f has one of the
// signatures activities have most often: a context.Context and at most one
// string or int, returning error or (string or int, error). ok is false for
// any other f, which DecodeArgs and Call handle. Decoding fails as
// DecodeArgs does (same *wfsim.ArgumentError); the call recovers a panic as
// Call does.
//
// Calling through reflect.Value.Call costs an allocation per argument and
// result and most of an activity's CPU; these signatures cover the
// activities of most tests.
func Direct(dc converter.DataConverter, kind, name string, f any, ctx context.Context, in converter.Payloads) (call func() Result, ok bool, err error) {
	switch f := f.(type) {
	case func(context.Context) error:
		return directErr0(dc, kind, name, f, ctx, in)
	case func(context.Context) (string, error):
		return direct0(dc, kind, name, f, ctx, in)
	case func(context.Context, string) error:
		return directErr1(dc, kind, name, f, ctx, in)
	case func(context.Context, string) (string, error):
		return direct1(dc, kind, name, f, ctx, in)
	case func(context.Context, int) error:
		return directErr1(dc, kind, name, f, ctx, in)
	case func(context.Context, int) (int, error):
		return direct1(dc, kind, name, f, ctx, in)
	case func(context.Context, string) (int, error):
		return direct1(dc, kind, name, f, ctx, in)
	case func(context.Context, int) (string, error):
		return direct1(dc, kind, name, f, ctx, in)
	}
	return nil, false, nil
}

func directErr0(dc converter.DataConverter, kind, name string, f func(context.Context) error, ctx context.Context, in converter.Payloads) (func() Result, bool, error) {
	if len(in) > 0 {
		return nil, true, &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: 0, GotCount: len(in)}
	}
	return func() Result { return protect(func(r *Result) { r.Err = f(ctx) }) }, true, nil
}

func direct0[R any](dc converter.DataConverter, kind, name string, f func(context.Context) (R, error), ctx context.Context, in converter.Payloads) (func() Result, bool, error) {
	if len(in) > 0 {
		return nil, true, &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: 0, GotCount: len(in)}
	}
	return func() Result { return protect(func(r *Result) { r.Value, r.HasValue, r.Err = value(f(ctx)) }) }, true, nil
}

func directErr1[A any](dc converter.DataConverter, kind, name string, f func(context.Context, A) error, ctx context.Context, in converter.Payloads) (func() Result, bool, error) {
	a, err := decodeOne[A](dc, kind, name, in)
	if err != nil {
		return nil, true, err
	}
	return func() Result { return protect(func(r *Result) { r.Err = f(ctx, *a) }) }, true, nil
}

func direct1[A, R any](dc converter.DataConverter, kind, name string, f func(context.Context, A) (R, error), ctx context.Context, in converter.Payloads) (func() Result, bool, error) {
	a, err := decodeOne[A](dc, kind, name, in)
	if err != nil {
		return nil, true, err
	}
	return func() Result { return protect(func(r *Result) { r.Value, r.HasValue, r.Err = value(f(ctx, *a)) }) }, true, nil
}

// value boxes a (result, error) pair as SplitResults and EncodeResult see
// it.
func value[R any](v R, err error) (any, bool, error) { return v, true, err }

// decodeOne decodes the single parameter of type A as DecodeArgs does:
// missing, it is A's zero value.
func decodeOne[A any](dc converter.DataConverter, kind, name string, in converter.Payloads) (*A, error) {
	if len(in) > 1 {
		return nil, &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: 1, GotCount: len(in)}
	}
	a := new(A)
	if len(in) == 0 {
		return a, nil
	}
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	if err := dc.FromPayload(in[0], a); err != nil {
		return nil, &wfsim.ArgumentError{
			Kind: kind, Name: name, Position: 1,
			Expected: reflect.TypeFor[A]().String(), Got: describe(dc, in[0], err), Err: err,
		}
	}
	return a, nil
}

// protect runs call, recovering a panic as Call does.
func protect(call func(r *Result)) (r Result) {
	done := false
	defer func() {
		if done {
			return
		}
		// recover gives nil under runtime.Goexit: see Call.
		r = Result{Panicked: true, PanicValue: recover(), Stack: string(debug.Stack())}
	}()
	call(&r)
	done = true
	return r
}

// EncodeValue is EncodeResult for a Result's value.
func EncodeValue(dc converter.DataConverter, r Result) (converter.Payloads, error) {
	if !r.HasValue {
		return nil, nil
	}
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	p, err := dc.ToPayload(r.Value)
	if err != nil {
		return nil, err
	}
	return converter.Payloads{p}, nil
}
