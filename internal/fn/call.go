package fn

import (
	"fmt"
	stackpkg "github.com/wfsim/wfsim/internal/stack"
	"reflect"

	"github.com/wfsim/wfsim/converter"
)

// Call calls fn with args and recovers a panic of the function: panicked
// says whether it panicked, with the panic value and the stack trace of the
// panicking goroutine. A variadic fn receives its last argument as the
// slice of variadic values. fn and args must fit (CheckArgs and DecodeArgs
// make sure of it): a mismatch is a programming error of the caller and
// panics before fn runs.
func Call(fn reflect.Value, args []reflect.Value) (out []reflect.Value, panicValue any, stack string, panicked bool) {
	checkCall(fn, args)
	done := false
	defer func() {
		if done {
			return
		}
		// recover gives nil under runtime.Goexit (t.FailNow in the
		// function): the goroutine ends anyway, so the result is moot.
		panicValue = recover()
		stack = stackpkg.Trace()
		panicked = true
	}()
	if fn.Type().IsVariadic() {
		out = fn.CallSlice(args)
	} else {
		out = fn.Call(args)
	}
	done = true
	return out, nil, "", false
}

func checkCall(fn reflect.Value, args []reflect.Value) {
	if fn.Kind() != reflect.Func || fn.IsNil() {
		panic(fmt.Sprintf("fn: Call: %v is not a function", fn))
	}
	t := fn.Type()
	if len(args) != t.NumIn() {
		panic(fmt.Sprintf("fn: Call: %v takes %d arguments, got %d", t, t.NumIn(), len(args)))
	}
	for i, a := range args {
		if !a.IsValid() || !a.Type().AssignableTo(t.In(i)) {
			panic(fmt.Sprintf("fn: Call: argument %d of %v: cannot use %v", i+1, t, a))
		}
	}
}

// SplitResults splits the results of a workflow or activity function (error,
// or (result, error)) into the result value, invalid when the function
// returns only error, and the error. A nil pointer of a concrete error type
// counts as no error.
func SplitResults(out []reflect.Value) (value reflect.Value, err error) {
	if len(out) == 0 {
		return reflect.Value{}, nil
	}
	last := out[len(out)-1]
	if !isNil(last) {
		err, _ = last.Interface().(error)
	}
	if len(out) > 1 {
		value = out[0]
	}
	return value, err
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return v.IsNil()
	}
	return false
}

// Recorded returns the result value of a workflow or activity function as
// Temporal records it: invalid (no result at all) when it is a nil pointer
// or a nil interface, as Temporal's executeFunction drops those, so that the
// completion event carries no payload and a Get of it leaves the caller's
// variable as it was (GetWorkflowResult says ErrNoData). A nil map or slice,
// or an interface holding a nil pointer, is still a value (encoded as
// null). Query handlers' results are encoded whatever they are, as
// Temporal's are: they do not come here.
func Recorded(value reflect.Value) reflect.Value {
	if k := value.Kind(); (k == reflect.Pointer || k == reflect.Interface) && value.IsNil() {
		return reflect.Value{}
	}
	return value
}

// EncodeResult encodes a function's result value as the payloads Temporal
// records for it: one payload, or nil when the function returns only error
// (value invalid). A nil dc means the default data converter.
func EncodeResult(dc converter.DataConverter, value reflect.Value) (*converter.Payloads, error) {
	if !value.IsValid() {
		return nil, nil
	}
	return EncodeValue(dc, Result{Value: value.Interface(), HasValue: true})
}
