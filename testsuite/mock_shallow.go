package testsuite

import (
	"reflect"
	"sync"

	"github.com/stretchr/testify/mock"
)

// What a mocked call can skip: testify's costs on the simulation's deep
// stack for the calls that cannot run the test's code.

// runsCode reports whether any expectation may run the test's code when
// matched or answered: a Run function, a Panic, a function Return value, an
// AfterFn, or an argument matcher of testify's other than its type checks
// (MatchedBy, FunctionalOptions). Mocks that only match plain values and
// return them run none, and so cannot post from the simulation's goroutine
// (see noteSimGoroutine).
func (ms *mocks) runsCode() bool {
	if ms == nil {
		return false
	}
	ms.mu.Lock()
	defer ms.mu.Unlock()
	for _, w := range ms.all {
		c := w.call
		if w.afterFn || c.RunFn != nil || c.PanicMsg != nil {
			return true
		}
		for _, v := range c.ReturnArguments {
			if reflect.ValueOf(v).Kind() == reflect.Func {
				return true
			}
		}
		for _, a := range c.Arguments {
			if isCodeMatcher(a) {
				return true
			}
		}
	}
	return false
}

// isCodeMatcher reports whether a is one of testify's argument matchers
// that may call the test's code: any but mock.Anything, AnythingOfType and
// IsType.
func isCodeMatcher(a any) bool {
	t := reflect.TypeOf(a)
	if t == nil {
		return false
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() != reflect.TypeFor[mock.Arguments]().PkgPath() {
		return false
	}
	switch t.Name() {
	case "anythingOfTypeArgument", "IsTypeArgument":
		return false
	}
	return true
}

// plain reports whether no expectation of the method has a Run function,
// a Panic or a NotBefore: then MethodCalled only matches the call, and
// counts, records and answers it or refuses it.
func (ms *mocks) plain(name string) bool {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if ms.ordered {
		return false
	}
	for _, c := range ms.m.ExpectedCalls {
		if c.Method == name && (c.RunFn != nil || c.PanicMsg != nil || c.WaitFor != nil) {
			return false
		}
	}
	return true
}

// calledShallow calls MethodCalled for a plain call on a goroutine of its
// own, and reports false, with nothing recorded, if testify refused the
// call. testify records each call with assert.CallerInfo(), which formats
// every frame of the calling stack: on the simulation's deep stack that is
// most of a mocked activity's cost, on a fresh goroutine a few frames. What
// it records there is not observable (the caller info of a call made, as
// opposed to an expectation's).
func (ms *mocks) calledShallow(name string, in []any) (mock.Arguments, bool) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	c := &shallowCall{ms: ms, name: name, in: in}
	c.done.Add(1)
	go c.run()
	c.done.Wait()
	return c.ret, c.ok
}

// shallowCall is a call calledShallow makes, with its answer, in one
// allocation (no channel).
type shallowCall struct {
	ms   *mocks
	name string
	in   []any
	ret  mock.Arguments
	ok   bool
	done sync.WaitGroup
}

func (c *shallowCall) run() {
	defer func() {
		recover() // testify's complaint: the caller asks again
		c.done.Done()
	}()
	c.ret = c.ms.m.MethodCalled(c.name, c.in...)
	c.ok = true
}
