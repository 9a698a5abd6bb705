package testsuite

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// extensions holds the settings few environments use, made by the first
// of them to be set.
type extensions struct {
	// dynamicWorkflow and dynamicActivity run the types no function is
	// registered for (dynamic.go); nil when none is registered.
	dynamicWorkflow any
	dynamicActivity *activityFunc
	// propagators and header: context propagation (context_propagation.go).
	propagators []workflow.ContextPropagator
	header      *replay.Header
	// aliases are the custom names functions were registered under, nil
	// for none; noAliasing is the suite's SetDisableRegistrationAliasing
	// (aliases.go).
	aliases    *run.Aliases
	noAliasing bool
}

// extend returns the registry's extensions, made on first use.
func (r *registry) extend() *extensions {
	if r.ext == nil {
		r.ext = new(extensions)
	}
	return r.ext
}

// dynamicWorkflow returns the dynamic workflow, or nil.
func (r *registry) dynamicWorkflow() any {
	if r.ext == nil {
		return nil
	}
	return r.ext.dynamicWorkflow
}

// dynamicActivity returns the dynamic activity, or nil.
func (r *registry) dynamicActivity() *activityFunc {
	if r.ext == nil {
		return nil
	}
	return r.ext.dynamicActivity
}
