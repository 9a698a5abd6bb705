package worker_test

import (
	"testing"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// buildOn is code written for Temporal that takes the worker it registers
// what it generates on (zigflow's task builders do this): it compiles
// against wfsim's worker.Worker.
func buildOn(w worker.Worker, name string) {
	w.RegisterWorkflowWithOptions(func(ctx workflow.Context) (string, error) {
		return "built " + workflow.GetInfo(ctx).WorkflowType.Name, nil
	}, workflow.RegisterOptions{Name: name})
}

// envWorker is what a test hands such code: the environment's registration
// methods, and a lifecycle that does nothing.
type envWorker struct {
	*testsuite.TestWorkflowEnvironment
	started bool
}

func (w *envWorker) Start() error             { w.started = true; return nil }
func (w *envWorker) Run(<-chan any) error     { return w.Start() }
func (w *envWorker) Stop()                    { w.started = false }
func (w *envWorker) RegisterNexusService(any) {} // Temporal's Registry has it; an extra method is fine

func TestWorkerInterfaceTakesAnImplementationOverAnEnvironment(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var w worker.Worker = &envWorker{TestWorkflowEnvironment: env}
	buildOn(w, "generated")
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	env.ExecuteWorkflow("generated")
	var got string
	if err := env.GetWorkflowResult(&got); err != nil {
		t.Fatal(err)
	}
	if got != "built generated" {
		t.Fatalf("got %q", got)
	}
	w.Stop()
}

// Registration code for a versioned worker sets RegisterOptions'
// VersioningBehavior (temporal-versioning-demo's pizza.Register does): it
// compiles, and the workflow runs as without it.
func TestRegisterOptionsVersioningBehaviorIsAccepted(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var w worker.Worker = &envWorker{TestWorkflowEnvironment: env}
	w.RegisterWorkflowWithOptions(func(ctx workflow.Context) (string, error) {
		return "pinned", nil
	}, workflow.RegisterOptions{Name: "Pizza", VersioningBehavior: workflow.VersioningBehaviorPinned})
	env.ExecuteWorkflow("Pizza")
	var got string
	if err := env.GetWorkflowResult(&got); err != nil || got != "pinned" {
		t.Fatalf("got %q, %v", got, err)
	}
}
