package fn

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
)

var (
	errorType   = reflect.TypeFor[error]()
	contextType = reflect.TypeFor[context.Context]()
)

// Package workflow imports this package, so its Context type is known here
// by name only.
const (
	workflowPkgPath     = "github.com/wfsim/wfsim/workflow"
	workflowContextName = "Context"
)

func isWorkflowContext(t reflect.Type) bool {
	return t.PkgPath() == workflowPkgPath && t.Name() == workflowContextName
}

// Check panics unless f is a function that can be a workflow (or handler)
// of the given kind: when first is not nil its first parameter must be of
// that type (workflow.Context for workflows), and it must return error or
// (result, error). pkg and kind start the message: "testsuite: workflow
// function Order must take workflow.Context as its first parameter, got
// string".
func Check(pkg, kind string, f any, first reflect.Type) {
	t := funcType(pkg, kind, f)
	if err := Validate(t, first); err != nil {
		panic(fmt.Sprintf("%s: %s function %s %v", pkg, kind, Name(f), err))
	}
}

// CheckActivity panics unless f is a function that can be an activity: it
// may take a context.Context first (not a workflow.Context), and must
// return error or (result, error).
func CheckActivity(pkg string, f any) {
	t := funcType(pkg, "activity", f)
	if err := ValidateActivity(t); err != nil {
		panic(fmt.Sprintf("%s: activity function %s %v", pkg, Name(f), err))
	}
}

func funcType(pkg, kind string, f any) reflect.Type {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func {
		panic(fmt.Sprintf("%s: %s function must be a func, got %T", pkg, kind, f))
	}
	if v.IsNil() {
		panic(fmt.Sprintf("%s: %s function is a nil func", pkg, kind))
	}
	return v.Type()
}

// Validate returns why t cannot be a workflow (or handler) function whose
// first parameter must be of type first (none when first is nil), or nil.
// The message reads after the function's name: "must return error or
// (result, error), but returns 3 results".
func Validate(t, first reflect.Type) error {
	if t == nil || t.Kind() != reflect.Func {
		return fmt.Errorf("must be a func, got %v", t)
	}
	if first != nil {
		if t.NumIn() == 0 {
			return fmt.Errorf("must take %v as its first parameter, but takes no parameters", first)
		}
		if t.In(0) != first {
			return fmt.Errorf("must take %v as its first parameter, got %v", first, t.In(0))
		}
	}
	return validateResults(t)
}

// ValidateActivity returns why t cannot be an activity function, or nil.
// An activity may take a context.Context first; it must not take a
// workflow.Context (a mistake Temporal also rejects).
func ValidateActivity(t reflect.Type) error {
	if t == nil || t.Kind() != reflect.Func {
		return fmt.Errorf("must be a func, got %v", t)
	}
	for i := 0; i < t.NumIn() && i < 2; i++ {
		if isWorkflowContext(t.In(i)) {
			return errors.New("must not take a workflow.Context: activities take a context.Context")
		}
	}
	return validateResults(t)
}

func validateResults(t reflect.Type) error {
	n := t.NumOut()
	if n == 0 || n > 2 {
		return fmt.Errorf("must return error or (result, error), but returns %d results", n)
	}
	if last := t.Out(n - 1); !last.Implements(errorType) {
		return fmt.Errorf("must return error as its last result, got %v", last)
	}
	if n == 2 {
		switch r := t.Out(0); r.Kind() {
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			return fmt.Errorf("cannot return a %v: results must be encodable", r)
		}
	}
	return nil
}

// ActivitySkip returns how many leading parameters of the activity function
// type t are supplied by the framework rather than the caller: 1 when the
// first is a context.Context, else 0.
func ActivitySkip(t reflect.Type) int {
	if t == nil || t.Kind() != reflect.Func || t.NumIn() == 0 {
		return 0
	}
	if isContext(t.In(0)) {
		return 1
	}
	return 0
}

// ScheduleSkip returns how many leading parameters of the activity
// function f a caller of workflow.ExecuteActivity does not pass:
// ActivitySkip's, or for a method expression ((*Activities).Charge,
// Activities.Charge, or an interface's, Charger.Charge), whose first
// parameter is the receiver, 1 plus ActivitySkip's of the rest. Temporal
// schedules such a call by the method's name, and the worker runs the
// method value registered under it. What a function is goes by its
// runtime name (isMethodExpression), not by its parameters: a plain
// func(string, context.Context) is not taken for a method.
func ScheduleSkip(f any) int {
	t := reflect.TypeOf(f)
	if t == nil || t.Kind() != reflect.Func || t.NumIn() == 0 {
		return 0
	}
	if t.In(0) == contextType {
		// Most activities: 1 either way, which spares the runtime's
		// function-name look-up. A method expression's first parameter
		// is its receiver, so this one could only be one of
		// context.Context's own (Deadline, Done, Err, Value), whose
		// receiver is skipped and whose next parameter, if any, is not
		// a context.
		return 1
	}
	if !isMethodExpression(f) {
		return ActivitySkip(t)
	}
	if t.NumIn() > 1 && isContext(t.In(1)) {
		return 2
	}
	return 1
}

// isContext reports whether a parameter of type t is an activity's
// context.Context.
func isContext(t reflect.Type) bool {
	// context.Context itself is the common case; Implements walks method
	// sets, which costs more than the rest of a call's checks.
	return t == contextType || !isWorkflowContext(t) && t.Implements(contextType)
}

// isMethodExpression reports whether f is a method expression, a function
// whose first parameter is the receiver: (*T).M, T.M, or an interface's
// I.M. The runtime names it "pkg.(*T).M", "pkg.T.M" or "pkg.I.M" (generic
// types as "T[...]"): two names after the package's, the second not a
// closure's. A plain function is "pkg.F", a method value (a.M, receiver
// bound) "pkg.(*T).M-fm", a function literal "pkg.F.func1" or
// "pkg.init.func1" for one at package level, and deeper nestings have more
// dots. (The dots of the import path's last element are escaped as %2e.)
func isMethodExpression(f any) bool {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func || v.IsNil() {
		return false
	}
	rf := runtime.FuncForPC(v.Pointer())
	if rf == nil {
		return false
	}
	name := rf.Name()
	if strings.HasSuffix(name, "-fm") {
		return false
	}
	name = name[strings.LastIndexByte(name, '/')+1:] // the import path's last element and the rest
	_, sym, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	sym = strings.ReplaceAll(sym, "[...]", "")
	typ, method, ok := strings.Cut(sym, ".")
	return ok && typ != "" && method != "" && !strings.Contains(method, ".") && !isClosureName(method)
}

// isClosureName reports whether the last part of a runtime function name
// is a function literal's: "func" and a number, or a number alone (a
// literal nested in another).
func isClosureName(s string) bool {
	s = strings.TrimPrefix(s, "func")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
