package testsuite

import (
	"fmt"
	"reflect"

	"github.com/stretchr/testify/mock"

	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// OnGetVersion mocks workflow.GetVersion for changeID (mock.Anything for
// every change), so a test can run the branches of older versions:
//
//	env.OnGetVersion("charge-card", workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
//
// Return takes a workflow.Version, or a function of (changeID string,
// minSupported, maxSupported workflow.Version) returning one; anything
// else (an untyped constant's int) fails the run at the GetVersion call
// with the PanicError of Temporal's environment. The mock is
// consulted when a run first asks for the change; the version it gives is
// recorded in the history as GetVersion records any version, and later
// calls return it. A mock for a specific changeID wins over mock.Anything.
// Without a mock, GetVersion returns maxSupported, as on a worker.
func (env *TestWorkflowEnvironment) OnGetVersion(changeID string, minSupported, maxSupported workflow.Version) *MockCallWrapper {
	return env.onWorkflowCall(versionMethod(changeID), nil, changeID, minSupported, maxSupported)
}

func versionMethod(changeID string) string { return mockMethodGetVersion + "_" + changeID }

// versionHook answers GetVersion from the OnGetVersion mocks.
func (e *environment) versionHook(changeID string, minSupported, maxSupported int) (int, bool) {
	for _, id := range []string{changeID, mock.Anything} {
		method := versionMethod(id)
		if !e.comp.mocked(method) {
			continue
		}
		min, max := workflow.Version(minSupported), workflow.Version(maxSupported)
		ret, err := e.callWorkflowMock(method, changeID, min, max)
		if err != nil {
			return 0, false
		}
		v, err := mockedVersion(ret, changeID, min, max)
		if err != nil {
			// Temporal's environment panics in the workflow's code here, so
			// the run fails with a PanicError in these words instead of
			// going on as though GetVersion were not mocked.
			e.report(&WorkflowMockError{Method: method, Reason: err.Error()})
			panic(err.Error())
		}
		return int(v), true
	}
	return 0, false
}

// mockedVersion is the version an OnGetVersion mock's Return values give:
// a workflow.Version, or a func(string, workflow.Version, workflow.Version)
// workflow.Version called with the change and its range. Anything else is
// an error in the words of Temporal's environment.
func mockedVersion(ret mock.Arguments, changeID string, min, max workflow.Version) (workflow.Version, error) {
	if len(ret) == 0 {
		return 0, fmt.Errorf("mock of %s has no returns", mockMethodGetVersion)
	}
	if reflect.TypeOf(ret[0]) != nil && reflect.TypeOf(ret[0]).Kind() == reflect.Func {
		f, ok := ret[0].(func(string, workflow.Version, workflow.Version) workflow.Version)
		if !ok {
			return 0, fmt.Errorf("mock of GetVersion has incorrect return function, expected %T, but actual is %T", f, ret[0])
		}
		return f(changeID, min, max), nil
	}
	v, ok := ret[0].(workflow.Version)
	if len(ret) != 1 || !ok {
		return 0, fmt.Errorf("mock of GetVersion has incorrect return type, expected workflow.Version, but actual is %T (%v)", ret[0], ret[0])
	}
	return v, nil
}

// PreferredVersion asks the worker's PreferredVersionProvider which version
// GetVersion records for a change the run reaches for the first time
// (workflow's versionPreferrer); ok is false without a provider, or when it
// returns nil. OnGetVersion mocks are asked before it.
func (r *workflowRun) PreferredVersion(info *workflow.Info, changeID string, minSupported, maxSupported workflow.Version) (workflow.Version, bool, bool) {
	w := r.env.workerOpts
	if w == nil || w.options.PreferredVersionProvider == nil {
		return 0, false, false
	}
	pref := w.options.PreferredVersionProvider(worker.PreferredVersionProviderInput{
		WorkflowInfo: info,
		ChangeID:     changeID,
		MinSupported: minSupported,
		MaxSupported: maxSupported,
	})
	if pref == nil {
		return 0, false, false
	}
	return pref.Version, pref.ClampToSupportedRange, true
}
