package testsuite

import (
	"reflect"

	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
)

// Registration aliasing, as in Temporal: a workflow or activity function
// registered under a custom name (RegisterOptions.Name) is named by that
// name wherever code passes the function itself — workflow.ExecuteActivity,
// ExecuteLocalActivity, ExecuteChildWorkflow and NewContinueAsNewError in
// workflow code; ExecuteWorkflow, OnActivity, OnWorkflow and
// SetActivityTaskQueue here; TestActivityEnvironment.ExecuteActivity —
// and a workflow type that is the name of an aliased function runs that
// function. The registry keeps the aliases whatever the settings; the
// switches (WorkflowTestSuite.SetDisableRegistrationAliasing,
// worker.Options.DisableRegistrationAliasing) are read when a name is
// resolved.

// SetDisableRegistrationAliasing turns registration aliasing off in the
// environments the suite creates afterwards, as Temporal's
// WorkflowTestSuite.SetDisableRegistrationAliasing does (the same as
// worker.Options.DisableRegistrationAliasing on the worker): a function
// registered under a custom name must then be called by that name, since
// passing the function names it by its own name. Set it when the worker
// the tests stand for sets DisableRegistrationAliasing.
func (s *WorkflowTestSuite) SetDisableRegistrationAliasing(disableRegistrationAliasing bool) {
	s.disableAliasing = disableRegistrationAliasing
}

// addWorkflowAlias records that workflow function w was registered under
// name (a custom name).
func (r *registry) addWorkflowAlias(w any, name string) {
	goName := fn.Name(w)
	if r.ext == nil || r.ext.aliases == nil {
		if goName == name {
			return // aliases nothing
		}
		r.extend().aliases = new(run.Aliases)
	}
	r.ext.aliases.AddWorkflow(goName, name)
}

// addActivityAlias records that activity function a was registered under
// name (a custom name).
func (r *registry) addActivityAlias(a reflect.Value, name string) {
	goName := fn.Name(a.Interface())
	if r.ext == nil || r.ext.aliases == nil {
		if goName == name {
			return
		}
		r.extend().aliases = new(run.Aliases)
	}
	r.ext.aliases.AddActivity(goName, name)
}

// aliasesUnless returns the registry's aliases, or nil when there are
// none or disabled is set.
func (r *registry) aliasesUnless(disabled bool) *run.Aliases {
	if disabled || r.ext == nil || r.ext.noAliasing || r.ext.aliases.Empty() {
		return nil
	}
	return r.ext.aliases
}

// aliases returns the aliases the environment's runs and test calls use:
// nil when no function has one or aliasing is disabled (by the suite or
// by SetWorkerOptions).
func (e *environment) aliases() *run.Aliases {
	return e.reg.aliasesUnless(e.workerOpts != nil && e.workerOpts.options.DisableRegistrationAliasing)
}

// aliases returns the aliases TestActivityEnvironment.ExecuteActivity
// uses, as environment.aliases.
func (env *TestActivityEnvironment) aliases() *run.Aliases {
	return env.reg.aliasesUnless(env.workerOpts != nil && env.workerOpts.options.DisableRegistrationAliasing)
}

// activityName is the name an activity given to a test call goes by: for
// a function, its alias when it has one.
func activityName(a any, aliases *run.Aliases) string {
	name := fn.Name(a)
	if t := reflect.TypeOf(a); aliases != nil && t != nil && t.Kind() == reflect.Func {
		name = aliases.Activity(name)
	}
	return name
}

// workflowName is the name a workflow given to a test call goes by: for a
// function, its alias when it has one.
func workflowName(w any, aliases *run.Aliases) string {
	name := fn.Name(w)
	if t := reflect.TypeOf(w); aliases != nil && t != nil && t.Kind() == reflect.Func {
		name = aliases.Workflow(name)
	}
	return name
}

// workflowOfType returns the function registered for workflow type
// wfType, or nil: as in Temporal's worker, the function registered under
// the alias of a function named wfType when there is one, else under
// wfType.
//
// A workflow under test passed as a function that is not registered counts
// as registered under its type, as Temporal's ExecuteWorkflow registers the
// function it is given: a child or a continue-as-new of that type runs it.
func (e *environment) workflowOfType(wfType string) any {
	if wf := e.reg.workflows[e.aliases().Workflow(wfType)]; wf != nil {
		return wf
	}
	if e.unregisteredRoot != "" && wfType == e.unregisteredRoot {
		return e.rootFn
	}
	return nil
}
