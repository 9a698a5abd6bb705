package testsuite

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim"
)

// MockCallWrapper configures one mocked activity call, like testify's
// *mock.Call, with the timing of the call in virtual time.
type MockCallWrapper struct {
	call  *mock.Call
	env   *TestWorkflowEnvironment
	name  string
	fn    reflect.Type // the mocked function's type, when mocked by function
	after func() time.Duration
	never bool
}

// Return sets what the mocked activity returns: its result values (the
// error last), or a single function with the activity's signature that is
// called with the real arguments.
func (c *MockCallWrapper) Return(returnArguments ...any) *MockCallWrapper {
	c.call.Return(returnArguments...)
	return c
}

// Once expects the call once.
func (c *MockCallWrapper) Once() *MockCallWrapper { return c.Times(1) }

// Twice expects the call twice.
func (c *MockCallWrapper) Twice() *MockCallWrapper { return c.Times(2) }

// Times expects the call i times; a further call fails the test.
func (c *MockCallWrapper) Times(i int) *MockCallWrapper {
	c.call.Times(i)
	return c
}

// Never expects no call at all; a call fails the test.
func (c *MockCallWrapper) Never() *MockCallWrapper {
	c.never = true
	c.call.Maybe()
	return c
}

// Maybe makes the call optional for AssertExpectations.
func (c *MockCallWrapper) Maybe() *MockCallWrapper {
	c.call.Maybe()
	return c
}

// Run calls fn with the call's arguments when the mock is called.
func (c *MockCallWrapper) Run(fn func(args mock.Arguments)) *MockCallWrapper {
	c.call.Run(fn)
	return c
}

// Panic makes the mocked activity panic with msg.
func (c *MockCallWrapper) Panic(msg string) *MockCallWrapper {
	c.call.Panic(msg)
	return c
}

// After makes the mocked activity finish d of virtual time after it
// started.
func (c *MockCallWrapper) After(d time.Duration) *MockCallWrapper {
	c.after = func() time.Duration { return d }
	return c
}

// AfterFn is After with a duration computed at each call.
func (c *MockCallWrapper) AfterFn(fn func() time.Duration) *MockCallWrapper {
	c.after = fn
	return c
}

// mocks holds the activity mocks of an environment.
type mocks struct {
	mu       sync.Mutex
	m        mock.Mock
	wrappers map[string][]*MockCallWrapper
	order    []string
}

func newMocks() *mocks { return &mocks{wrappers: make(map[string][]*MockCallWrapper)} }

func (ms *mocks) has(name string) bool { return len(ms.wrappers[name]) > 0 }

func (ms *mocks) names() []string { return append([]string(nil), ms.order...) }

func (ms *mocks) add(w *MockCallWrapper) {
	if len(ms.wrappers[w.name]) == 0 {
		ms.order = append(ms.order, w.name)
	}
	ms.wrappers[w.name] = append(ms.wrappers[w.name], w)
}

// MockMisuseError reports a mocked activity called in a way its mock
// forbids: more often than Times allows, or at all when Never was set.
type MockMisuseError struct {
	ActivityType string
	Reason       string
}

func (e *MockMisuseError) Error() string {
	return fmt.Sprintf("mocked activity %q: %s", e.ActivityType, e.Reason)
}

// call runs the mock of t's activity.
func (ms *mocks) call(ctx context.Context, e *environment, t *activityTask, af *activityFunc) outcome {
	name := t.attrs.ActivityType
	var ft reflect.Type
	for _, w := range ms.wrappers[name] {
		if w.fn != nil {
			ft = w.fn
		}
	}
	if ft == nil && af != nil {
		ft = af.fn.Type()
	}
	var args []reflect.Value
	if ft != nil {
		var err error
		if args, err = e.activityArgs(ctx, ft, name, t.attrs.Input); err != nil {
			return outcome{err: err}
		}
	} else {
		// Mocked by name with no function known: decode each argument
		// into a generic value.
		for _, p := range t.attrs.Input {
			var v any
			if err := e.dc.FromPayload(p, &v); err != nil {
				return outcome{err: err}
			}
			args = append(args, reflect.ValueOf(v))
		}
	}
	in := make([]any, len(args))
	for i, a := range args {
		in[i] = a.Interface()
	}
	for _, w := range ms.wrappers[name] {
		if w.never && matches(w.call, in) {
			return e.mockMisuse(name, "called, but the mock says Never()")
		}
	}
	var ret mock.Arguments
	var panicked any
	func() {
		defer func() { panicked = recover() }()
		ms.mu.Lock()
		defer ms.mu.Unlock()
		ret = ms.m.MethodCalled(name, in...)
	}()
	if panicked != nil {
		if s, ok := panicked.(string); ok && isTestifyMisuse(s) {
			return e.mockMisuse(name, s)
		}
		return outcome{err: wfsim.NewPanicError(panicked, "")}
	}
	o := e.mockReturn(name, ft, args, ret)
	for _, w := range ms.wrappers[name] {
		if w.after != nil && matches(w.call, in) {
			o.after = w.after()
		}
	}
	return o
}

func matches(c *mock.Call, in []any) bool {
	_, diffs := c.Arguments.Diff(in)
	return diffs == 0
}

// isTestifyMisuse tells testify's complaints about a call (too many calls,
// unexpected arguments) from a Panic the test configured.
func isTestifyMisuse(s string) bool {
	return strings.Contains(s, "has been called over") || strings.Contains(s, "mock: I don't know what to return") ||
		strings.Contains(s, "mock: Unexpected Method Call")
}

// mockMisuse fails the test (even if the workflow swallows the error) and
// fails the attempt.
func (e *environment) mockMisuse(name, reason string) outcome {
	err := &MockMisuseError{ActivityType: name, Reason: reason}
	e.report(err)
	return outcome{err: wfsim.NewApplicationErrorWithOptions(err.Error(), "MockMisuseError", wfsim.ApplicationErrorOptions{NonRetryable: true})}
}

// mockReturn turns a mock's return values into the attempt's outcome.
func (e *environment) mockReturn(name string, ft reflect.Type, args []reflect.Value, ret mock.Arguments) outcome {
	if len(ret) == 1 {
		if f := reflect.ValueOf(ret.Get(0)); f.Kind() == reflect.Func {
			if ft != nil && f.Type() != ft {
				return e.mockMisuse(name, fmt.Sprintf("Return was given a function of type %s, the activity is %s", f.Type(), ft))
			}
			return e.callActivity(f, args)
		}
	}
	nOut := 1
	if ft != nil {
		nOut = ft.NumOut()
	} else if len(ret) == 2 {
		nOut = 2
	}
	if len(ret) != nOut {
		return e.mockMisuse(name, fmt.Sprintf("Return was given %d values, the activity returns %d", len(ret), nOut))
	}
	out := make([]reflect.Value, nOut)
	for i := 0; i < nOut; i++ {
		want := reflect.TypeFor[error]()
		if ft != nil {
			want = ft.Out(i)
		} else if i < nOut-1 {
			want = reflect.TypeFor[any]()
		}
		v := ret.Get(i)
		if v == nil {
			out[i] = reflect.Zero(want)
			continue
		}
		rv := reflect.ValueOf(v)
		if !rv.Type().AssignableTo(want) {
			return e.mockMisuse(name, fmt.Sprintf("Return value %d has type %s, the activity returns %s", i+1, rv.Type(), want))
		}
		out[i] = reflect.New(want).Elem()
		out[i].Set(rv)
	}
	return e.resultOutcome(out)
}
