package testsuite

import (
	"fmt"
	"reflect"
)

// Mocked method names of side effects, as Temporal names them.
const (
	mockMethodSideEffect        = "workflow.SideEffect"
	mockMethodMutableSideEffect = "workflow.MutableSideEffect"
)

// OnSideEffect mocks workflow.SideEffect, as Temporal's OnSideEffect does:
// once it is set, every SideEffect call of every workflow in the simulation
// takes its value from the mock instead of running its function, and calls
// match the expectations in the order they are made (use Once, Times, or
// several OnSideEffect, for a value per call):
//
//	env.OnSideEffect().Return("fixed-uuid").Once()
//
// Return takes the value, or a func() any computing it. The value is
// recorded in the history's SideEffect marker as the function's result
// would be, so the run replays with it.
func (env *TestWorkflowEnvironment) OnSideEffect() *MockCallWrapper {
	return env.onWorkflowCall(mockMethodSideEffect, nil)
}

// OnMutableSideEffect mocks workflow.MutableSideEffect for id (mock.Anything
// for every ID), as Temporal's OnMutableSideEffect does: once it is set, the
// calls for id take their value from the mock instead of running their
// function. Return takes the value, or a func(id string) any computing it.
// The value is compared with the one last recorded for id and recorded in
// a marker when it differs, as the function's would be.
func (env *TestWorkflowEnvironment) OnMutableSideEffect(id string) *MockCallWrapper {
	return env.onWorkflowCall(mockMethodMutableSideEffect, nil, id)
}

// SideEffect answers a SideEffect call from the OnSideEffect mocks
// (run.SideEffectDriver).
func (r *workflowRun) SideEffect() (any, bool) {
	e := r.env
	if !e.comp.mocked(mockMethodSideEffect) {
		return nil, false
	}
	return e.sideEffectMock(mockMethodSideEffect, func(f any) (any, bool) {
		fn, ok := f.(func() any)
		if !ok {
			return nil, false
		}
		return fn(), true
	})
}

// MutableSideEffect answers a MutableSideEffect call for id from the
// OnMutableSideEffect mocks (run.SideEffectDriver).
func (r *workflowRun) MutableSideEffect(id string) (any, bool) {
	e := r.env
	if !e.comp.mocked(mockMethodMutableSideEffect) {
		return nil, false
	}
	return e.sideEffectMock(mockMethodMutableSideEffect, func(f any) (any, bool) {
		fn, ok := f.(func(string) any)
		if !ok {
			return nil, false
		}
		return fn(id), true
	}, id)
}

// sideEffectMock consults the mock of method: its one Return value, or
// the function it returns, called by call. A call the mock cannot answer
// is reported on the test, and the workflow's own function runs.
func (e *environment) sideEffectMock(method string, call func(f any) (any, bool), args ...any) (any, bool) {
	ret, err := e.callWorkflowMock(method, args...)
	if err != nil {
		return nil, false
	}
	if len(ret) != 1 {
		e.workflowMockMisuse(method, fmt.Sprintf("Return must be given one value, got %d", len(ret)))
		return nil, false
	}
	if t := reflect.TypeOf(ret[0]); t != nil && t.Kind() == reflect.Func {
		v, ok := call(ret[0])
		if !ok {
			e.workflowMockMisuse(method, fmt.Sprintf("Return was given a function of type %v; want a value or func() any (SideEffect), func(string) any (MutableSideEffect)", t))
		}
		return v, ok
	}
	return ret[0], true
}
