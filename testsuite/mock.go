package testsuite

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/session"
)

// OnActivity mocks an activity, given as a function or as the name of a
// registered activity (a name no activity has panics, as in Temporal,
// unless a dynamic activity is registered), for calls whose arguments
// match args by testify's rules. When the activity function takes a context.Context, it
// is the first argument to match (mock.Anything matches it).
//
// The wrapper's Return sets the results: values of the activity's result
// types, or one function with the activity's signature, called with the
// real arguments. Mocks are matched when an attempt starts, in schedule
// order, so Once, Times and the order of expectations are deterministic.
func (env *TestWorkflowEnvironment) OnActivity(activity any, args ...any) *MockCallWrapper {
	name := activityName(activity, env.e.aliases())
	w := &MockCallWrapper{env: env, name: name}
	switch t := reflect.TypeOf(activity); {
	case t != nil && t.Kind() == reflect.Func:
		fn.CheckActivity("testsuite", activity)
		w.fn = t
	case t != nil && t.Kind() == reflect.String:
		if name == "" {
			panic("testsuite: OnActivity with an empty activity name")
		}
		if !env.e.mockableByName(name) {
			// As in Temporal, in its words: a name no activity has is a
			// typo the test would otherwise never notice.
			panic(fmt.Sprintf("testsuite: activity %q is not registered with the TestWorkflowEnvironment, registered types are: %s",
				name, strings.Join(env.e.reg.activityNames(), ", ")))
		}
	default:
		panic(fmt.Sprintf("testsuite: OnActivity of %T: want an activity function or its name", activity))
	}
	ms := env.e.activityMocks()
	ms.mu.Lock()
	w.call = ms.m.On(name, args...)
	ms.mu.Unlock()
	ms.add(w)
	return w
}

// mockableByName reports whether OnActivity may mock the activity type name:
// a registered activity, any name when a dynamic activity is registered, or
// a session worker's own activity when sessions are enabled.
func (e *environment) mockableByName(name string) bool {
	if e.reg.activity(name) != nil || e.reg.dynamicActivity() != nil {
		return true
	}
	sessions := e.workerOpts != nil && e.workerOpts.sessions != nil
	return sessions && (name == session.CreationActivity || name == session.CompletionActivity)
}

// MockCallWrapper configures one mocked activity call, like testify's
// *mock.Call, with the timing of the call in virtual time.
type MockCallWrapper struct {
	call  *mock.Call
	env   *TestWorkflowEnvironment
	name  string
	fn    reflect.Type // the mocked function's type, when mocked by function
	after func() time.Duration
	never bool
	// afterFn says after is the test's function (AfterFn).
	afterFn bool
}

// Return sets what the mocked activity returns: its result values (the
// error last), or a single function with the activity's signature that is
// called with the real arguments (inside a synctest bubble, in its own
// goroutine and in virtual time, like real activity code).
func (c *MockCallWrapper) Return(returnArguments ...any) *MockCallWrapper {
	c.call.Return(returnArguments...)
	return c
}

// Once expects the call once.
func (c *MockCallWrapper) Once() *MockCallWrapper { return c.Times(1) }

// Twice expects the call twice.
func (c *MockCallWrapper) Twice() *MockCallWrapper { return c.Times(2) }

// Times expects the call i times. A further call fails the test bound to
// the environment (even when the workflow handles the activity's error)
// and fails the activity with a non-retryable *wfsim.PanicError whose
// message is the *MockMisuseError's.
func (c *MockCallWrapper) Times(i int) *MockCallWrapper {
	c.call.Times(i)
	return c
}

// Never expects no call at all; a call fails the test as a call beyond
// Times does.
func (c *MockCallWrapper) Never() *MockCallWrapper {
	c.never = true
	c.call.Maybe()
	return c
}

// neverCall names a call to a Never mock in the words of Temporal's
// environment, "unexpected call: Name(types of the expected arguments)", which
// ported tests look for in the error.
func neverCall(call *mock.Call) string {
	return fmt.Sprintf("unexpected call: %s(%s)", call.Method, call.Arguments.String())
}

// Maybe makes the call optional for AssertExpectations.
func (c *MockCallWrapper) Maybe() *MockCallWrapper {
	c.call.Maybe()
	return c
}

// Run calls fn with the call's arguments when the mock is called (when the
// attempt starts, on the simulation's goroutine).
func (c *MockCallWrapper) Run(fn func(args mock.Arguments)) *MockCallWrapper {
	c.call.Run(fn)
	return c
}

// Panic makes the mocked activity panic with msg: the attempt fails with a
// *wfsim.PanicError.
func (c *MockCallWrapper) Panic(msg string) *MockCallWrapper {
	c.call.Panic(msg)
	return c
}

// After makes the mocked call return d of virtual time after its attempt
// started; a Return function is called then.
func (c *MockCallWrapper) After(d time.Duration) *MockCallWrapper {
	c.after = func() time.Duration { return d }
	return c
}

// AfterFn is After with a duration computed at each call.
func (c *MockCallWrapper) AfterFn(fn func() time.Duration) *MockCallWrapper {
	c.after, c.afterFn = fn, true
	return c
}

// NotBefore makes the call valid only after the given calls happened.
func (c *MockCallWrapper) NotBefore(calls ...*MockCallWrapper) *MockCallWrapper {
	cs := make([]*mock.Call, len(calls))
	for i, call := range calls {
		cs[i] = call.call
	}
	ms := c.env.e.activityMocks()
	ms.mu.Lock()
	ms.ordered = true
	ms.mu.Unlock()
	c.call.NotBefore(cs...)
	return c
}

// AssertExpectations asserts that every mocked call was made as expected:
// activities, and workflow calls (OnWorkflow, OnGetVersion, …).
func (env *TestWorkflowEnvironment) AssertExpectations(t mock.TestingT) bool {
	workflows := env.e.comp.workflowMock().AssertExpectations(t)
	return env.e.activityMocks().m.AssertExpectations(t) && workflows
}

// AssertCalled asserts that the mocked method was called with args.
func (env *TestWorkflowEnvironment) AssertCalled(t mock.TestingT, methodName string, args ...any) bool {
	return env.e.activityMocks().m.AssertCalled(t, methodName, args...)
}

// AssertNotCalled asserts that the mocked method was not called with args.
func (env *TestWorkflowEnvironment) AssertNotCalled(t mock.TestingT, methodName string, args ...any) bool {
	return env.e.activityMocks().m.AssertNotCalled(t, methodName, args...)
}

// AssertNumberOfCalls asserts how often the mocked method was called.
func (env *TestWorkflowEnvironment) AssertNumberOfCalls(t mock.TestingT, methodName string, expectedCalls int) bool {
	return env.e.activityMocks().m.AssertNumberOfCalls(t, methodName, expectedCalls)
}

// AssertActivityCalled asserts that the activity was called with args.
func (env *TestWorkflowEnvironment) AssertActivityCalled(t mock.TestingT, activityName string, args ...any) bool {
	return env.AssertCalled(t, activityName, args...)
}

// AssertActivityNotCalled asserts that the activity was not called with
// args.
func (env *TestWorkflowEnvironment) AssertActivityNotCalled(t mock.TestingT, activityName string, args ...any) bool {
	return env.AssertNotCalled(t, activityName, args...)
}

// AssertActivityNumberOfCalls asserts how often the activity was called.
func (env *TestWorkflowEnvironment) AssertActivityNumberOfCalls(t mock.TestingT, activityName string, expectedCalls int) bool {
	return env.AssertNumberOfCalls(t, activityName, expectedCalls)
}

// mocks holds the activity mocks of an environment, made by the first
// OnActivity (activityMocks); its methods that only read take a nil mocks
// as one without mocks.
type mocks struct {
	mu sync.Mutex
	m  mock.Mock
	// all holds the expectations of every mocked activity, in the order
	// they were made (a test makes a few: a list costs less than a map);
	// order names each mocked activity once, in the order first mocked.
	all   []*MockCallWrapper
	order []string
	// ordered says some expectation has NotBefore requirements, which
	// only testify can check (see plain).
	ordered bool
}

func (ms *mocks) has(name string) bool { return ms != nil && slices.Contains(ms.order, name) }

func (ms *mocks) names() []string {
	if ms == nil {
		return nil
	}
	return append([]string(nil), ms.order...)
}

// count returns how many activity types are mocked.
func (ms *mocks) count() int {
	if ms == nil {
		return 0
	}
	return len(ms.order)
}

// activityMocks returns the environment's activity mocks, made on first
// use.
func (e *environment) activityMocks() *mocks {
	if e.mocks == nil {
		e.mocks = new(mocks)
	}
	return e.mocks
}

func (ms *mocks) add(w *MockCallWrapper) {
	if !ms.has(w.name) {
		ms.order = append(ms.order, w.name)
	}
	ms.all = append(ms.all, w)
}

// MockMisuseError reports a mocked activity called in a way its mock
// forbids or cannot answer: more often than Times allows, at all when Never
// was set, with arguments no expectation matches, or with Return values
// that do not fit the activity.
type MockMisuseError struct {
	ActivityType string
	Reason       string
}

func (e *MockMisuseError) Error() string {
	return fmt.Sprintf("mocked activity %q: %s", e.ActivityType, e.Reason)
}

// plan matches the call against the activity's mocks and says how the
// attempt ends.
func (ms *mocks) plan(ctx context.Context, e *environment, name string, input *converter.Payloads, af *activityFunc) plan {
	if e.simIDLater() && ms.runsCode() {
		e.noteSimNow() // an expectation added during the run runs code
	}
	var ft reflect.Type
	for _, w := range ms.all {
		if w.name == name && w.fn != nil {
			ft = w.fn
		}
	}
	if ft == nil && af != nil {
		ft = af.fn.Type()
	}
	var args []reflect.Value
	if ft != nil {
		var err error
		if args, err = e.activityArgs(ctx, ft, name, input); err != nil {
			return plan{o: outcome{err: err}}
		}
	} else {
		// Mocked by name, with no function known: each argument decodes
		// into a generic value.
		for _, p := range input.GetPayloads() {
			var v any
			if err := e.dc.FromPayload(p, &v); err != nil {
				return plan{o: outcome{err: err}}
			}
			args = append(args, reflect.ValueOf(&v).Elem())
		}
	}
	in := make([]any, len(args))
	for i, a := range args {
		in[i] = a.Interface()
	}
	for _, w := range ms.all {
		if w.name == name && w.never && matches(w.call, in) {
			return plan{o: e.mockMisuse(name, "called, but its mock says Never() ("+neverCall(w.call)+")")}
		}
	}
	ret, panicked, misuse := ms.called(name, in)
	switch {
	case misuse != "":
		return plan{o: e.mockMisuse(name, misuse)}
	case panicked != nil:
		return plan{o: outcome{err: wfsim.NewPanicError(panicked, "")}}
	}
	p := e.mockReturn(ctx, name, ft, args, input, ret)
	if w := ms.matched(name, in, ret); w != nil && w.after != nil {
		p.after, p.timed = w.after(), true
	}
	return p
}

// called records the call with testify and returns its Return values; a
// panic the test configured (Panic) or testify's complaint about the call
// come back as values.
func (ms *mocks) called(name string, in []any) (ret mock.Arguments, panicked any, misuse string) {
	if ms.plain(name) {
		var ok bool
		if ret, ok = ms.calledShallow(name, in); ok {
			return ret, nil, ""
		}
		// testify complained: asked again below, it complains the same
		// way (a call it refuses changes nothing), from this stack.
	}
	func() {
		defer func() { panicked = recover() }()
		ms.mu.Lock()
		defer ms.mu.Unlock()
		ret = ms.m.MethodCalled(name, in...)
	}()
	if s, ok := panicked.(string); ok && isTestifyMisuse(s) {
		return nil, nil, strings.TrimSpace(s)
	}
	return ret, panicked, ""
}

// matched finds the wrapper whose expectation testify answered with: the
// one whose Return values are ret (testify hands them out as they are).
func (ms *mocks) matched(name string, in []any, ret mock.Arguments) *MockCallWrapper {
	var last *MockCallWrapper
	for _, w := range ms.all {
		if w.name != name {
			continue
		}
		r := w.call.ReturnArguments
		if len(r) > 0 && len(ret) > 0 && &r[0] == &ret[0] {
			return w
		}
		if matches(w.call, in) {
			last = w
		}
	}
	return last
}

func matches(c *mock.Call, in []any) bool {
	_, diffs := c.Arguments.Diff(in)
	return diffs == 0
}

// isTestifyMisuse tells testify's complaints about a call (too many calls,
// unexpected arguments, order) from a Panic the test configured.
func isTestifyMisuse(s string) bool {
	return strings.Contains(s, "has been called over") || strings.Contains(s, "mock: I don't know what to return") ||
		strings.Contains(s, "mock: Unexpected Method Call")
}

// mockMisuse fails the bound test (even if the workflow handles the
// activity's error) and fails the attempt as a panic: in Temporal's
// environment testify panics in the activity, and the workflow gets a
// *wfsim.PanicError. Unlike a panic of activity code, it is not retried
// (the failure is marked non-retryable): the same call would be refused
// again.
func (e *environment) mockMisuse(name, reason string) outcome {
	err := &MockMisuseError{ActivityType: name, Reason: reason}
	e.report(err)
	// An application failure of type "PanicError" comes back to the
	// workflow as a *wfsim.PanicError.
	return outcome{err: wfsim.NewApplicationErrorWithOptions(err.Error(), "PanicError", wfsim.ApplicationErrorOptions{NonRetryable: true})}
}

var errorType = reflect.TypeFor[error]()

// mockReturn turns a mock's Return values into the attempt's plan.
func (e *environment) mockReturn(ctx context.Context, name string, ft reflect.Type, args []reflect.Value, input *converter.Payloads, ret mock.Arguments) plan {
	if len(ret) == 0 {
		return plan{o: e.mockMisuse(name, "the mock has no Return values")}
	}
	// A function first is the mock's implementation, whatever follows it
	// (Return(fn, nil) too), as in Temporal's environment.
	if f := reflect.ValueOf(ret.Get(0)); f.Kind() == reflect.Func {
		if ft != nil && f.Type() != ft {
			return plan{o: e.mockMisuse(name, fmt.Sprintf("Return was given a function of type %s, but the activity is %s", f.Type(), ft))}
		}
		if err := fn.ValidateActivity(f.Type()); err != nil {
			return plan{o: e.mockMisuse(name, fmt.Sprintf("Return was given a function of type %s, which is not an activity: %v", f.Type(), err))}
		}
		if ft == nil {
			// Mocked by name: the arguments decode for the function.
			var err error
			if args, err = e.activityArgs(ctx, f.Type(), name, input); err != nil {
				return plan{o: outcome{err: err}}
			}
		}
		if e.workerOpts.intercepting() {
			p := e.interceptedPlan(ctx, name, f, args)
			p.aside = true
			return p
		}
		return plan{call: func() outcome { return e.callActivity(f, args) }, aside: true}
	}
	var want []reflect.Type
	if ft != nil {
		for i := range ft.NumOut() {
			want = append(want, ft.Out(i))
		}
	} else {
		// Unknown activity: (error) or (result, error).
		if len(ret) == 2 {
			want = append(want, reflect.TypeFor[any]())
		}
		want = append(want, errorType)
	}
	if len(ret) != len(want) {
		return plan{o: e.mockMisuse(name, fmt.Sprintf("Return was given %d values, but the activity returns %d", len(ret), len(want)))}
	}
	if o, ok := plainReturn(e.encoder(), want, ret); ok {
		return plan{o: o}
	}
	out := make([]reflect.Value, len(want))
	for i, wt := range want {
		v := ret.Get(i)
		if v == nil {
			if !nilable(wt) {
				return plan{o: e.mockMisuse(name, fmt.Sprintf("Return value %d is nil, but the activity returns %s there", i+1, wt))}
			}
			out[i] = reflect.Zero(wt)
			continue
		}
		rv := reflect.ValueOf(v)
		if rv.Type() == wt {
			out[i] = rv // as it is: a copy would be the same value
			continue
		}
		if !rv.Type().AssignableTo(wt) {
			return plan{o: e.mockMisuse(name, fmt.Sprintf("Return value %d has type %s, but the activity returns %s there", i+1, rv.Type(), wt))}
		}
		out[i] = reflect.New(wt).Elem()
		out[i].Set(rv)
	}
	return plan{o: e.resultOutcome(out)}
}

// plainReturn is mockReturn's outcome for the Return values mocks are
// given most, with no reflection: (a value of exactly the result type,
// nil) or (nil) for an activity that returns only an error. It reports
// false for any other values, which mockReturn checks and converts.
func plainReturn(dc converter.DataConverter, want []reflect.Type, ret mock.Arguments) (outcome, bool) {
	switch {
	case want[len(want)-1] != errorType || ret[len(ret)-1] != nil:
		return outcome{}, false
	case len(want) == 1:
		return outcome{}, true
	case len(want) == 2 && ret[0] != nil && reflect.TypeOf(ret[0]) == want[0]:
		p, err := fn.EncodeValue(dc, fn.Result{Value: ret[0], HasValue: true})
		if err != nil {
			return outcome{err: fmt.Errorf("encoding the activity's result: %w", err)}, true
		}
		return outcome{result: p}, true
	}
	return outcome{}, false
}

func nilable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}
