package workflow

import (
	"github.com/wfsim/wfsim/converter"
)

// rootCall is a workflow function with its decoded input, ready to run as
// the run's root coroutine.
type rootCall interface {
	// call runs the function. hasValue is false when it returns only an
	// error.
	call(ctx Context) (value any, hasValue bool, err error)
}

// directRoot prepares a call of the workflow function f, without
// reflection, when f has one of the signatures workflows have most often:
// a Context and at most one string or int, returning error or (string or
// int, error). ok is false for any other f, and for an input that does not
// decode: the reflective path (fn.DecodeArgsAfterLead and reflect.Value.Call)
// handles those, and reports a decoding error in its own words.
//
// Decoding is DecodeArgsAfterLead's with IgnoreExtra: payloads beyond the
// parameter are dropped, a missing one is the zero value. Calling through
// reflect.Value.Call costs an allocation per argument and result, and its
// frame grows the coroutine's fresh stack.
func directRoot(dc converter.DataConverter, f any, in *converter.Payloads) (rootCall, bool) {
	switch f := f.(type) {
	case func(Context) error:
		return &direct[none, none]{noValue: f}, true
	case func(Context) (string, error):
		return &direct[none, string]{value: f}, true
	case func(Context, string) error:
		return decodeRoot(dc, in, &direct[string, none]{argNoValue: f})
	case func(Context, string) (string, error):
		return decodeRoot(dc, in, &direct[string, string]{arg: f})
	case func(Context, int) error:
		return decodeRoot(dc, in, &direct[int, none]{argNoValue: f})
	case func(Context, int) (int, error):
		return decodeRoot(dc, in, &direct[int, int]{arg: f})
	case func(Context, string) (int, error):
		return decodeRoot(dc, in, &direct[string, int]{arg: f})
	case func(Context, int) (string, error):
		return decodeRoot(dc, in, &direct[int, string]{arg: f})
	}
	return nil, false
}

// none stands for a parameter or result a signature does not have.
type none struct{}

// direct is a workflow function of one of directRoot's shapes (one of the
// function fields is set) with its decoded argument.
type direct[A, R any] struct {
	noValue    func(Context) error
	value      func(Context) (R, error)
	argNoValue func(Context, A) error
	arg        func(Context, A) (R, error)
	a          A
}

func (d *direct[A, R]) call(ctx Context) (value any, hasValue bool, err error) {
	switch {
	case d.noValue != nil:
		return nil, false, d.noValue(ctx)
	case d.argNoValue != nil:
		return nil, false, d.argNoValue(ctx, d.a)
	case d.value != nil:
		v, err := d.value(ctx)
		return v, true, err
	default:
		v, err := d.arg(ctx, d.a)
		return v, true, err
	}
}

// decodeRoot decodes the first payload of in, if any, into d's argument.
// Only the default data converter comes here (see newInstance): decoding
// again on the reflective path after a failure is then unobservable.
func decodeRoot[A, R any](dc converter.DataConverter, in *converter.Payloads, d *direct[A, R]) (rootCall, bool) {
	if len(in.GetPayloads()) == 0 {
		return d, true
	}
	if err := dc.FromPayload(in.Payloads[0], &d.a); err != nil {
		return nil, false
	}
	return d, true
}
