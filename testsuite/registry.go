package testsuite

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/internal/fn"
	"github.com/wfsim/wfsim/workflow"
)

// registry holds the workflow and activity functions of an environment.
type registry struct {
	workflows  map[string]any
	activities keyedTable[string, *activityFunc]
	// ext holds what few environments set (dynamic functions, context
	// propagation); nil until one is set. One pointer keeps the
	// environment's allocation, which holds the registry, in its size
	// class.
	ext *extensions
}

type activityFunc struct {
	name string
	fn   reflect.Value
	// dynamic says fn is the dynamic activity: it takes the whole input
	// as a converter.EncodedValues.
	dynamic bool
}

// newRegistry returns an empty registry. A zero registry is empty too: its
// maps are made on first write (setWorkflow, addActivity).
func newRegistry() *registry { return &registry{} }

var workflowContextType = reflect.TypeFor[workflow.Context]()

func (r *registry) registerWorkflow(w any, opts workflow.RegisterOptions) {
	fn.Check("testsuite", "workflow", w, workflowContextType)
	name := opts.Name
	if name == "" {
		name = fn.Name(w)
	}
	if _, dup := r.workflows[name]; dup && !opts.DisableAlreadyRegisteredCheck {
		panic(fmt.Sprintf("testsuite: workflow name %q is already registered", name))
	}
	r.setWorkflow(name, w)
	if opts.Name != "" {
		r.addWorkflowAlias(w, opts.Name)
	}
}

func (r *registry) setWorkflow(name string, w any) {
	if r.workflows == nil {
		r.workflows = make(map[string]any)
	}
	r.workflows[name] = w
}

func (r *registry) registerActivity(a any, opts activity.RegisterOptions) {
	v := reflect.ValueOf(a)
	if v.Kind() == reflect.Func {
		fn.CheckActivity("testsuite", a)
		name := opts.Name
		if name == "" {
			name = fn.Name(a)
		}
		r.addActivity(name, v, opts.DisableAlreadyRegisteredCheck)
		if opts.Name != "" {
			r.addActivityAlias(v, opts.Name)
		}
		return
	}
	// A struct (or pointer to one): each exported method is an activity
	// named after the method, prefixed by opts.Name if set.
	t := v.Type()
	if !(t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct) && t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("testsuite: RegisterActivity of %T: want a function or a struct (pointer) whose methods are activities", a))
	}
	count := 0
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		mv := v.Method(i)
		if err := fn.ValidateActivity(mv.Type()); err != nil {
			if opts.SkipInvalidStructFunctions {
				continue
			}
			panic(fmt.Sprintf("testsuite: RegisterActivity of %T: method %s: %v", a, m.Name, err))
		}
		r.addActivity(opts.Name+m.Name, mv, opts.DisableAlreadyRegisteredCheck)
		count++
	}
	if count == 0 {
		panic(fmt.Sprintf("testsuite: RegisterActivity of %T: it has no exported methods that are activities", a))
	}
}

func (r *registry) addActivity(name string, v reflect.Value, allowDup bool) {
	if r.activity(name) != nil && !allowDup {
		panic(fmt.Sprintf("testsuite: activity name %q is already registered", name))
	}
	r.setActivity(&activityFunc{name: name, fn: v})
}

// activity returns the activity registered under name, or nil.
func (r *registry) activity(name string) *activityFunc { return r.activities.get(name) }

// setActivity registers af under its name, replacing what was there.
func (r *registry) setActivity(af *activityFunc) { r.activities.put(af) }

func (r *registry) workflowNames() []string { return sortedKeys(r.workflows) }
func (r *registry) activityNames() []string { return r.activities.keys() }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// UnknownWorkflowError reports a workflow type that is not registered.
type UnknownWorkflowError struct {
	WorkflowType string
	Registered   []string
}

func (e *UnknownWorkflowError) Error() string {
	return fmt.Sprintf("unable to find workflow type: %s. Supported types: [%s]", e.WorkflowType, strings.Join(e.Registered, ", "))
}

// UnknownActivityError reports an activity type that is neither registered
// nor mocked.
type UnknownActivityError struct {
	ActivityType string
	Registered   []string
}

func (e *UnknownActivityError) Error() string {
	return fmt.Sprintf("unable to find activityType=%s. Supported types: [%s]", e.ActivityType, strings.Join(e.Registered, ", "))
}
