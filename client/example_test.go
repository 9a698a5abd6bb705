package client_test

import (
	"fmt"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// OrderWorkflow reports the ID and task queue it runs with.
func OrderWorkflow(ctx workflow.Context) (string, error) {
	info := workflow.GetInfo(ctx)
	return info.WorkflowExecution.ID + " on " + info.TaskQueueName, nil
}

// A test starts the workflow under test with the ID and task queue it has
// in production.
func ExampleStartWorkflowOptions() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "order-42", TaskQueue: "orders"})
	env.ExecuteWorkflow(OrderWorkflow)
	var got string
	if err := env.GetWorkflowResult(&got); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got)
	// Output: order-42 on orders
}
