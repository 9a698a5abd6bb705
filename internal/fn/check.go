package fn

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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
	first := t.In(0)
	// context.Context itself is the common case; Implements walks method
	// sets, which costs more than the rest of a call's checks.
	if first == contextType || !isWorkflowContext(first) && first.Implements(contextType) {
		return 1
	}
	return 0
}

// ScheduleSkip returns how many leading parameters of the activity function
// type t a caller of workflow.ExecuteActivity does not pass: ActivitySkip's,
// or 2 for a method expression of an activity that takes a context
// (Activities.Charge for an interface, (*Activities).Charge), whose first
// parameter is the receiver. Temporal schedules such a call by the
// method's name, and the worker runs the method value registered under it.
func ScheduleSkip(t reflect.Type) int {
	n := ActivitySkip(t)
	if n > 0 || t == nil || t.Kind() != reflect.Func || t.NumIn() < 2 {
		return n
	}
	if second := t.In(1); second == contextType || !isWorkflowContext(second) && second.Implements(contextType) {
		return 2
	}
	return 0
}
