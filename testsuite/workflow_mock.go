package testsuite

import (
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/workflow"
)

// composition is what an environment keeps for child workflows, the mocks
// of workflow calls (OnWorkflow, OnGetVersion, OnSignalExternalWorkflow,
// …), continue-as-new and search attributes.
type composition struct {
	// mock holds the workflow-side mocks, apart from the activity mocks as
	// in Temporal, so a workflow and an activity may share a name; made on
	// first use (workflowMock), as most tests mock no workflow call.
	mock      *mock.Mock
	wrappers  map[string][]*MockCallWrapper
	listeners childListeners
	// startMemo and startSA go with the start of the workflow under test.
	startMemo map[string]*converter.Payload
	startSA   map[string]*converter.Payload
	// startLast goes with the start of the workflow under test too
	// (last_completion.go).
	startLast *startLast
	// follow makes the workflow under test continue as new in the
	// simulation, up to maxRuns runs (0: no limit).
	follow  bool
	maxRuns int
	// runs holds every run of the simulation in start order.
	runs []*workflowRun
}

// Mocked method names of workflow calls other than child workflows, as
// Temporal names them.
const (
	mockMethodGetVersion             = "workflow.GetVersion"
	mockMethodSignalExternal         = "workflow.SignalExternalWorkflow"
	mockMethodRequestCancelExternal  = "workflow.RequestCancelExternalWorkflow"
	mockMethodUpsertTypedSearchAttrs = "workflow.UpsertTypedSearchAttributes"
	mockMethodUpsertMemo             = "workflow.UpsertMemo"
)

// ErrMockStartChildWorkflowFailed, returned as the error of a mocked child
// workflow, makes the child fail to start: its parent records
// StartChildWorkflowExecutionFailed, as when the workflow ID is taken.
// A *wfsim.WorkflowExecutionAlreadyStartedError (Temporal's tests return
// serviceerror.WorkflowExecutionAlreadyStarted) does the same.
var ErrMockStartChildWorkflowFailed = errors.New("start child workflow failed: mocked")

// startRefused reports whether a mocked child's error stands for the
// server refusing to start it.
func startRefused(err error) bool {
	var already *wfsim.WorkflowExecutionAlreadyStartedError
	return errors.Is(err, ErrMockStartChildWorkflowFailed) || errors.As(err, &already)
}

// WorkflowMockError reports a mocked workflow call (a child workflow,
// GetVersion, an external signal, …) made in a way its mock forbids or
// cannot answer: an unexpected call, too many calls, or Return values that
// do not fit.
type WorkflowMockError struct {
	// Method is the mocked name: a workflow type, or
	// "workflow.GetVersion_<changeID>" and the like.
	Method string
	Reason string
}

func (e *WorkflowMockError) Error() string {
	return fmt.Sprintf("mocked workflow call %q: %s", e.Method, e.Reason)
}

func (c *composition) mocked(method string) bool { return len(c.wrappers[method]) > 0 }

// workflowMock returns the workflow-side mocks, made on first use.
func (c *composition) workflowMock() *mock.Mock {
	if c.mock == nil {
		c.mock = new(mock.Mock)
	}
	return c.mock
}

func (env *TestWorkflowEnvironment) onWorkflowCall(method string, ft reflect.Type, args ...any) *MockCallWrapper {
	c := &env.e.comp
	w := &MockCallWrapper{env: env, name: method, fn: ft}
	w.call = c.workflowMock().On(method, args...)
	if c.wrappers == nil {
		c.wrappers = make(map[string][]*MockCallWrapper)
	}
	c.wrappers[method] = append(c.wrappers[method], w)
	return w
}

// OnWorkflow mocks a child workflow, given as a function or its type
// name, for calls whose arguments match args (the workflow.Context first,
// usually mock.Anything; a matcher sees in it the values the context
// propagators extract from the child's header, but it is not the child's
// running Context). The mocked child still runs in the simulation, with its
// own history: it returns the values given to Return after the delay given
// to After, or runs the function given to Return, which must have the
// workflow's signature, as its workflow code. Returning
// ErrMockStartChildWorkflowFailed or a *wfsim.WorkflowExecutionAlreadyStartedError
// makes the child fail to start.
//
// A name need not be registered here: the mock stands for the workflow
// type wherever it is implemented. (Temporal's environment wants it
// registered, and its run breaks when such a child starts; a test that
// passes there passes here.)
func (env *TestWorkflowEnvironment) OnWorkflow(workflow any, args ...any) *MockCallWrapper {
	name := workflowName(workflow, env.e.aliases())
	var ft reflect.Type
	if t := reflect.TypeOf(workflow); t != nil && t.Kind() == reflect.Func {
		fn.Check("testsuite", "workflow", workflow, workflowContextType)
		ft = t
		// As in Temporal, mocking a function registers it, so the child
		// can start even if the test registered nothing.
		if _, ok := env.e.reg.workflows[name]; !ok {
			env.e.reg.setWorkflow(name, workflow)
		}
	} else if name == "" {
		panic(fmt.Sprintf("testsuite: OnWorkflow of %T: want a workflow function or its registered name", workflow))
	}
	return env.onWorkflowCall(name, ft, args...)
}

// AssertWorkflowCalled asserts that the mocked workflow was called with
// args.
func (env *TestWorkflowEnvironment) AssertWorkflowCalled(t mock.TestingT, workflowName string, args ...any) bool {
	return env.e.comp.workflowMock().AssertCalled(t, workflowName, args...)
}

// AssertWorkflowNotCalled asserts that the mocked workflow was not called
// with args.
func (env *TestWorkflowEnvironment) AssertWorkflowNotCalled(t mock.TestingT, workflowName string, args ...any) bool {
	return env.e.comp.workflowMock().AssertNotCalled(t, workflowName, args...)
}

// AssertWorkflowNumberOfCalls asserts how often the mocked workflow was
// called.
func (env *TestWorkflowEnvironment) AssertWorkflowNumberOfCalls(t mock.TestingT, workflowName string, expectedCalls int) bool {
	return env.e.comp.workflowMock().AssertNumberOfCalls(t, workflowName, expectedCalls)
}

// call consults the mock of method. A call the mock cannot answer (no
// matching expectation, too many calls, a Never) is reported on the test
// and returned as a *WorkflowMockError; a Panic the test configured
// propagates.
func (e *environment) callWorkflowMock(method string, args ...any) (ret mock.Arguments, err error) {
	for _, w := range e.comp.wrappers[method] {
		if w.never && matches(w.call, args) {
			return nil, e.workflowMockMisuse(method, "called, but the mock says Never() ("+neverCall(w.call)+")")
		}
	}
	var panicked any
	func() {
		defer func() { panicked = recover() }()
		ret = e.comp.workflowMock().MethodCalled(method, args...)
	}()
	if panicked != nil {
		if s, ok := panicked.(string); ok && isTestifyMisuse(s) {
			return nil, e.workflowMockMisuse(method, s)
		}
		panic(panicked)
	}
	return ret, nil
}

func (e *environment) workflowMockMisuse(method, reason string) error {
	err := &WorkflowMockError{Method: method, Reason: reason}
	e.report(err)
	return err
}

// after returns the delay the mock's After set for a call with args.
func (e *environment) workflowMockAfter(method string, args []any) (d time.Duration) {
	for _, w := range e.comp.wrappers[method] {
		if w.after != nil && matches(w.call, args) {
			d = w.after()
		}
	}
	return d
}

// mockPlan is how a mocked child runs: its function type and its body.
type mockPlan struct {
	ft   reflect.Type
	body func(ctx workflow.Context, in []reflect.Value) []reflect.Value
}

// planWorkflowMock consults the mock of the workflow the run spec starts (a
// child, or the workflow under test) as it starts. ft is the registered
// function's type, nil if the type is mocked by name only. failed reports
// a mock that makes the child fail to start.
func (e *environment) planWorkflowMock(ft reflect.Type, spec runSpec) (plan mockPlan, failed bool) {
	name, input := spec.wfType, spec.input
	for _, w := range e.comp.wrappers[name] {
		if w.fn != nil {
			ft = w.fn
		}
	}
	var args []any
	if ft != nil {
		// Payloads beyond the function's parameters are dropped, as a
		// worker (and Temporal's environment, consulting a mock) decodes
		// a workflow's input; a run that is not mocked drops them too.
		vals, err := fn.DecodeArgsExtra(e.dc, "workflow", name, ft, 1, input, fn.IgnoreExtra)
		if err != nil {
			return failingPlan(ft, err), false
		}
		args = append(args, e.workflowMockContext(spec))
		for _, v := range vals {
			args = append(args, v.Interface())
		}
	} else {
		for _, p := range input.GetPayloads() {
			var v any
			if err := e.dc.FromPayload(p, &v); err != nil {
				return failingPlan(genericWorkflowType(len(input.GetPayloads()), 1), err), false
			}
			args = append(args, v)
		}
	}
	ret, err := e.callWorkflowMock(name, args...)
	if err != nil {
		return failingPlan(orGeneric(ft, len(input.GetPayloads()), 1), nonRetryable(err)), false
	}
	if n := len(ret); n > 0 {
		if err, ok := ret[n-1].(error); ok && startRefused(err) {
			return mockPlan{}, true
		}
	}
	after := e.workflowMockAfter(name, args)
	wait := func(ctx workflow.Context) error {
		if after > 0 {
			return workflow.Sleep(ctx, after)
		}
		return nil
	}
	// A function first is the mock's implementation, whatever follows it
	// (Return(fn, nil) too), as in Temporal's environment.
	if len(ret) > 0 {
		if f := reflect.ValueOf(ret[0]); f.Kind() == reflect.Func {
			if ft == nil {
				if err := fn.Validate(f.Type(), workflowContextType); err != nil {
					return failingPlan(genericWorkflowType(len(input.GetPayloads()), 1), nonRetryable(e.workflowMockMisuse(name, "Return was given a function that "+err.Error()))), false
				}
				ft = f.Type()
			} else if f.Type() != ft {
				return failingPlan(ft, nonRetryable(e.workflowMockMisuse(name, fmt.Sprintf("Return was given a function of type %s, the workflow is %s", f.Type(), ft)))), false
			}
			return mockPlan{ft: ft, body: func(ctx workflow.Context, in []reflect.Value) []reflect.Value {
				if err := wait(ctx); err != nil {
					return errorResults(ft, err)
				}
				return f.Call(in)
			}}, false
		}
	}
	ft = orGeneric(ft, len(input.GetPayloads()), len(ret))
	out, err := mockResults(name, ft, ret)
	if err != nil {
		// Reported to the test; the child fails as Temporal's environment
		// fails it, with the *PanicError of its mock panicking.
		e.workflowMockMisuse(name, err.Error())
		return failingPlan(ft, wfsim.NewPanicError(err.Error(), "")), false
	}
	return mockPlan{ft: ft, body: func(ctx workflow.Context, _ []reflect.Value) []reflect.Value {
		if err := wait(ctx); err != nil {
			return errorResults(ft, err)
		}
		return out
	}}, false
}

// rootMock returns the function the workflow under test runs when the test
// mocked its type: as in Temporal's environment, OnWorkflow answers for the
// workflow under test too, not only for children. The mock is consulted
// once, here (with the Context workflowMockContext makes for spec); the
// replay check runs the same function again without consulting it.
// spec.wf is the registered function, if any.
func (e *environment) rootMock(spec runSpec) any {
	var ft reflect.Type
	if spec.wf != nil {
		ft = reflect.TypeOf(spec.wf)
	}
	input := spec.input
	plan, failed := e.planWorkflowMock(ft, spec)
	if failed {
		plan = failingPlan(orGeneric(ft, len(input.GetPayloads()), 1), ErrMockStartChildWorkflowFailed)
	}
	return reflect.MakeFunc(plan.ft, func(in []reflect.Value) []reflect.Value {
		return plan.body(in[0].Interface().(workflow.Context), in)
	}).Interface()
}

// mockResults turns Return values into a workflow's results. Its errors
// use the words of Temporal's environment.
func mockResults(name string, ft reflect.Type, ret mock.Arguments) ([]reflect.Value, error) {
	if len(ret) != ft.NumOut() {
		return nil, fmt.Errorf("mock of %s has incorrect number of returns, expected %d, but actual is %d", name, ft.NumOut(), len(ret))
	}
	out := make([]reflect.Value, len(ret))
	for i := range ret {
		want := ft.Out(i)
		v := ret.Get(i)
		if v == nil {
			out[i] = reflect.Zero(want)
			continue
		}
		rv := reflect.ValueOf(v)
		if !rv.Type().AssignableTo(want) {
			return nil, fmt.Errorf("mock of %s has incorrect return type, expected %s, but actual is %T (%v)", name, want, v, v)
		}
		out[i] = reflect.New(want).Elem()
		out[i].Set(rv)
	}
	return out, nil
}

func failingPlan(ft reflect.Type, err error) mockPlan {
	return mockPlan{ft: ft, body: func(workflow.Context, []reflect.Value) []reflect.Value { return errorResults(ft, err) }}
}

// errorResults returns zero results and err.
func errorResults(ft reflect.Type, err error) []reflect.Value {
	out := make([]reflect.Value, ft.NumOut())
	for i := range out {
		out[i] = reflect.Zero(ft.Out(i))
	}
	out[len(out)-1] = reflect.ValueOf(&err).Elem()
	return out
}

// genericWorkflowType is the type a workflow mocked by name alone takes:
// a workflow.Context, then one value per argument; it returns (any, error)
// or error.
func genericWorkflowType(nArgs, nOut int) reflect.Type {
	in := []reflect.Type{workflowContextType}
	for range nArgs {
		in = append(in, reflect.TypeFor[any]())
	}
	out := []reflect.Type{reflect.TypeFor[error]()}
	if nOut == 2 {
		out = append([]reflect.Type{reflect.TypeFor[any]()}, out...)
	}
	return reflect.FuncOf(in, out, false)
}

func orGeneric(ft reflect.Type, nArgs, nOut int) reflect.Type {
	if ft != nil {
		return ft
	}
	return genericWorkflowType(nArgs, nOut)
}

// nonRetryable makes a mock's failure a non-retryable application error, so
// a child retry policy does not repeat it. Its type, "PanicError", brings it
// back to the parent as a *wfsim.PanicError: under Temporal's environment
// the misused mock panics (as an activity's misused mock fails, mock.go).
func nonRetryable(err error) error {
	return wfsim.NewApplicationErrorWithOptions(err.Error(), "PanicError", wfsim.ApplicationErrorOptions{NonRetryable: true})
}
