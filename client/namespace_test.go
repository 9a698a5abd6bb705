package client_test

import (
	"testing"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func TestDefaultNamespaceIsTheTestEnvironments(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		return workflow.GetInfo(ctx).Namespace, nil
	})
	var ns string
	if err := env.GetWorkflowResult(&ns); err != nil {
		t.Fatal(err)
	}
	if ns != client.DefaultNamespace {
		t.Fatalf("the test environment's namespace is %q, client.DefaultNamespace %q", ns, client.DefaultNamespace)
	}
}
