package testsuite_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A dynamic workflow and a dynamic activity run the types no function is
// registered for; they read their type from GetInfo and their arguments
// from EncodedValues.
func ExampleTestWorkflowEnvironment_RegisterDynamicWorkflow() {
	anyWorkflow := func(ctx workflow.Context, args converter.EncodedValues) (string, error) {
		var who string
		if err := args.Get(&who); err != nil {
			return "", err
		}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var out string
		err := workflow.ExecuteActivity(ctx, "Greet-"+workflow.GetInfo(ctx).WorkflowType.Name, who).Get(ctx, &out)
		return out, err
	}
	anyActivity := func(ctx context.Context, args converter.EncodedValues) (string, error) {
		var who string
		if err := args.Get(&who); err != nil {
			return "", err
		}
		return activity.GetInfo(ctx).ActivityType.Name + " " + who, nil
	}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterDynamicWorkflow(anyWorkflow, workflow.DynamicRegisterOptions{})
	env.RegisterDynamicActivity(anyActivity, activity.DynamicRegisterOptions{})
	env.ExecuteWorkflow("Onboarding", "Ada")

	var result string
	if err := env.GetWorkflowResult(&result); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(result)
	// Output: Greet-Onboarding Ada
}
