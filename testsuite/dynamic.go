package testsuite

import (
	"context"
	"reflect"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/workflow"
)

// RegisterDynamicWorkflow registers the dynamic workflow: the workflow
// that runs every workflow type no function is registered for, as
// Temporal's RegisterDynamicWorkflow does. w takes a workflow.Context and a
// converter.EncodedValues holding all the run's arguments, and returns
// error or (result, error); workflow.GetInfo(ctx).WorkflowType.Name is the
// type the run was started with (ExecuteWorkflow's name, or a child's
// type). It panics if w has another shape or a dynamic workflow is
// registered already. options.LoadDynamicRuntimeOptions is never called
// (see workflow.DynamicRegisterOptions).
func (env *TestWorkflowEnvironment) RegisterDynamicWorkflow(w any, options workflow.DynamicRegisterOptions) {
	env.e.reg.registerDynamicWorkflow(w)
}

// RegisterDynamicActivity registers the dynamic activity: the activity
// that runs every activity type no function is registered (or mocked) for,
// as Temporal's RegisterDynamicActivity does. a takes a context.Context and
// a converter.EncodedValues holding all the activity's arguments, and
// returns error or (result, error); activity.GetInfo(ctx).ActivityType.Name
// is the type the workflow scheduled. It panics if a has another shape or
// a dynamic activity is registered already.
func (env *TestWorkflowEnvironment) RegisterDynamicActivity(a any, options activity.DynamicRegisterOptions) {
	env.e.reg.registerDynamicActivity(a)
}

func (r *registry) registerDynamicWorkflow(w any) {
	fn.CheckDynamic("testsuite", "workflow", w, workflowContextType)
	if r.dynamicWorkflow() != nil {
		panic("testsuite: dynamic workflow already registered")
	}
	r.extend().dynamicWorkflow = w
}

func (r *registry) registerDynamicActivity(a any) {
	fn.CheckDynamic("testsuite", "activity", a, contextType)
	if r.dynamicActivity() != nil {
		panic("testsuite: dynamic activity already registered")
	}
	r.extend().dynamicActivity = &activityFunc{fn: reflect.ValueOf(a), dynamic: true}
}

// workflowFor returns what runs workflow type name: its registered
// function, else the dynamic workflow wrapped as run.DynamicWorkflow, else
// nil.
func (r *registry) workflowFor(name string) any {
	if w, ok := r.workflows[name]; ok {
		return w
	}
	if w := r.dynamicWorkflow(); w != nil {
		return run.DynamicWorkflow{Fn: w}
	}
	return nil
}

// dynamicPlan runs the dynamic activity af with the attempt's context and
// its whole input.
func (e *environment) dynamicPlan(ctx context.Context, af *activityFunc, input *converter.Payloads) plan {
	args := []reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(converter.NewEncodedValues(input, e.dc))}
	if e.workerOpts.intercepting() {
		return e.interceptedPlan(ctx, af.name, af.fn, args)
	}
	return plan{call: func() outcome { return e.callActivity(af.fn, args) }}
}

// dynamicChild returns the dynamic workflow as what a child runs, wrapped
// to call the child-started listener first when one is set.
func (e *environment) dynamicChild(input *converter.Payloads) any {
	started := e.comp.listeners.started
	if started == nil {
		return run.DynamicWorkflow{Fn: e.reg.dynamicWorkflow()}
	}
	fv := reflect.ValueOf(e.reg.dynamicWorkflow())
	var once bool
	wrapper := reflect.MakeFunc(fv.Type(), func(in []reflect.Value) []reflect.Value {
		ctx := in[0].Interface().(workflow.Context)
		e.childStarted(started, ctx, input, &once)
		return fv.Call(in)
	})
	return run.DynamicWorkflow{Fn: wrapper.Interface()}
}
