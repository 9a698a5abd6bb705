package worker_test

import (
	"context"
	"testing"
	"time"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

func greet(_ context.Context, name string) (string, error) { return "Hello " + name, nil }

func greeting(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var s string
	err := workflow.ExecuteActivity(ctx, greet, name).Get(ctx, &s)
	return s, err
}

// registerAll is how a service registers its workflows and activities on a
// worker in production; a test hands it the environment instead.
func registerAll(r worker.Registry) {
	r.RegisterWorkflow(greeting)
	r.RegisterActivity(greet)
}

func TestTestWorkflowEnvironmentIsARegistry(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	registerAll(env)
	env.ExecuteWorkflow("greeting", "wfsim")
	var got string
	if err := env.GetWorkflowResult(&got); err != nil {
		t.Fatal(err)
	}
	if got != "Hello wfsim" {
		t.Errorf("result = %q, want %q", got, "Hello wfsim")
	}
}

// The registries accept what Temporal's accept: both environments
// register activities through ActivityRegistry.
var (
	_ worker.Registry         = (*testsuite.TestWorkflowEnvironment)(nil)
	_ worker.ActivityRegistry = (*testsuite.TestActivityEnvironment)(nil)
)
