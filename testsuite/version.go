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
// minSupported, maxSupported workflow.Version) returning one. The mock is
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
		if len(ret) == 1 {
			switch v := ret[0].(type) {
			case workflow.Version:
				return int(v), true
			case func(string, workflow.Version, workflow.Version) workflow.Version:
				return int(v(changeID, min, max)), true
			}
		}
		e.workflowMockMisuse(method, fmt.Sprintf("Return must be given a workflow.Version or a func(string, workflow.Version, workflow.Version) workflow.Version, got %v", typesOf(ret)))
		return 0, false
	}
	return 0, false
}

func typesOf(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprint(reflect.TypeOf(v))
	}
	return out
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
