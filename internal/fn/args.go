package fn

import (
	"errors"
	"fmt"
	"reflect"
	"unicode/utf8"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// CheckArgs checks Go values that a caller passes to a function of type t
// (an activity, a child workflow, …) before they are encoded: their number
// must be the number of parameters after the first skip (which the
// framework supplies, such as a context), and each must be assignable to
// its parameter, nil being allowed for parameters that can be nil. The
// error is a *wfsim.ArgumentError. t must be a function type with at least
// skip parameters.
func CheckArgs(kind, name string, t reflect.Type, skip int, args []any) error {
	return checkArgs(nil, kind, name, t, skip, args)
}

// CheckArgsDecodable is CheckArgs for the calls Temporal's SDK makes by
// name (workflow.ExecuteActivity, workflow.ExecuteChildWorkflow): there the
// function only ever sees what the arguments encode to, so an argument that
// is not assignable to its parameter still fits when dc's payload of it
// decodes into the parameter's type — a T for a *T, a *T for a T, nil for
// a string. One that does not decode fails as in CheckArgs, and so does a
// wrong count. Only such arguments are encoded here, so a call whose
// arguments are assignable costs what CheckArgs costs. A nil dc means the
// default data converter.
func CheckArgsDecodable(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, args []any) error {
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	return checkArgs(dc, kind, name, t, skip, args)
}

// checkArgs is CheckArgs, or CheckArgsDecodable when dc is not nil.
func checkArgs(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, args []any) error {
	n := paramCount("CheckArgs", t, skip)
	if len(args) != n {
		return &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: n, GotCount: len(args)}
	}
	for i, arg := range args {
		want := t.In(skip + i)
		if arg == nil {
			if nilable(want) || decodes(dc, arg, want) {
				continue
			}
			return &wfsim.ArgumentError{Kind: kind, Name: name, Position: i + 1, Expected: want.String(), Got: "nil"}
		}
		if got := reflect.TypeOf(arg); !got.AssignableTo(want) && !decodes(dc, arg, want) {
			return &wfsim.ArgumentError{Kind: kind, Name: name, Position: i + 1, Expected: want.String(), Got: got.String()}
		}
	}
	return nil
}

// decodes reports whether dc (when not nil) encodes arg into a payload
// that decodes into a value of type want.
func decodes(dc converter.DataConverter, arg any, want reflect.Type) bool {
	if dc == nil {
		return false
	}
	p, err := dc.ToPayload(arg)
	if err != nil {
		return false
	}
	return dc.FromPayload(p, reflect.New(want).Interface()) == nil
}

// Extra says what decoding does with payloads beyond a function's
// parameters.
type Extra int

const (
	// RejectExtra fails with a *wfsim.ArgumentError: for arguments a
	// caller passes in-process, where too many is a mistake to report.
	RejectExtra Extra = iota
	// IgnoreExtra drops them, as Temporal's SDK does when it decodes a
	// function's input from a history or a task, so that a recorded run
	// whose input has more values than the code now takes still replays.
	IgnoreExtra
)

// DecodeArgs decodes the payloads a function of type t receives into
// values for its parameters after the first skip. Missing trailing payloads
// give zero values (as in Temporal); more payloads than parameters, or a
// payload that does not decode into its parameter's type, give a
// *wfsim.ArgumentError (wrapping the *converter.DecodeError in the second
// case). A nil dc means the default data converter. t must be a function
// type with at least skip parameters.
func DecodeArgs(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, in *converter.Payloads) ([]reflect.Value, error) {
	return DecodeArgsExtra(dc, kind, name, t, skip, in, RejectExtra)
}

// DecodeArgsExtra is DecodeArgs with a choice of what payloads beyond the
// parameters do.
func DecodeArgsExtra(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, in *converter.Payloads, extra Extra) ([]reflect.Value, error) {
	out, err := decodeArgs(dc, kind, name, t, skip, in, extra)
	if err != nil {
		return nil, err
	}
	return out[skip:], nil
}

// DecodeArgsAfterLead is DecodeArgsExtra, but the values it returns start
// with a place for each of the first skip parameters, left invalid for the
// caller to fill (with the context it passes, say): a caller that calls
// the function with all of them needs no second slice.
func DecodeArgsAfterLead(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, in *converter.Payloads, extra Extra) ([]reflect.Value, error) {
	return decodeArgs(dc, kind, name, t, skip, in, extra)
}

// decodeArgs is DecodeArgsAfterLead.
func decodeArgs(dc converter.DataConverter, kind, name string, t reflect.Type, skip int, payloads *converter.Payloads, extra Extra) ([]reflect.Value, error) {
	in := payloads.GetPayloads()
	n := paramCount("DecodeArgs", t, skip)
	if len(in) > n {
		if extra != IgnoreExtra {
			return nil, &wfsim.ArgumentError{Kind: kind, Name: name, WantCount: n, GotCount: len(in)}
		}
		in = in[:n]
	}
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	all := make([]reflect.Value, skip+n)
	out := all[skip:]
	for i := range out {
		pt := t.In(skip + i)
		ptr := reflect.New(pt)
		if i < len(in) {
			if err := dc.FromPayload(in[i], ptr.Interface()); err != nil {
				return nil, &wfsim.ArgumentError{
					Kind: kind, Name: name, Position: i + 1,
					Expected: pt.String(), Got: describe(dc, in[i], err), Err: err,
				}
			}
		}
		out[i] = ptr.Elem()
	}
	return all, nil
}

// paramCount returns the number of parameters of t after the first skip,
// or panics on a programming error of the caller (not on bad input).
func paramCount(fn string, t reflect.Type, skip int) int {
	if t == nil || t.Kind() != reflect.Func {
		panic(fmt.Sprintf("fn: %s: %v is not a function type", fn, t))
	}
	if skip < 0 || skip > t.NumIn() {
		panic(fmt.Sprintf("fn: %s: cannot skip %d parameters of %v", fn, skip, t))
	}
	return t.NumIn() - skip
}

func nilable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return true
	}
	return false
}

// describe renders a payload that failed to decode for an error message:
// its encoding and, when the data converter can render it, its text, cut
// short if long.
func describe(dc converter.DataConverter, p *converter.Payload, err error) string {
	enc := p.Encoding()
	if enc == "" {
		enc = "unknown-encoding"
	}
	if errors.Is(err, converter.ErrEncodingIsNotSupported) || errors.Is(err, converter.ErrMetadataIsNotSet) ||
		errors.Is(err, converter.ErrEncodingIsNotSet) {
		return enc + " payload"
	}
	const max = 64
	s := dc.ToString(p)
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return enc + " " + s
}
