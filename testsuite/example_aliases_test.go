package testsuite_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// ChargeCard is registered as "charge" in the example.
func ChargeCard(ctx context.Context, cents int) (string, error) {
	return fmt.Sprintf("%s %d", activity.GetInfo(ctx).ActivityType.Name, cents), nil
}

// Checkout is registered as "checkout" in the example; it calls ChargeCard
// by function.
func Checkout(ctx workflow.Context, cents int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var out string
	err := workflow.ExecuteActivity(ctx, ChargeCard, cents).Get(ctx, &out)
	return workflow.GetInfo(ctx).WorkflowType.Name + ": " + out, err
}

// Functions registered under custom names go by those names when they are
// passed as functions (Temporal's registration aliasing); the suite's
// SetDisableRegistrationAliasing turns that off.
func ExampleWorkflowTestSuite_SetDisableRegistrationAliasing() {
	for _, disabled := range []bool{false, true} {
		var s testsuite.WorkflowTestSuite
		s.SetDisableRegistrationAliasing(disabled)
		env := s.NewTestWorkflowEnvironment()
		env.RegisterWorkflowWithOptions(Checkout, workflow.RegisterOptions{Name: "checkout"})
		env.RegisterActivityWithOptions(ChargeCard, activity.RegisterOptions{Name: "charge"})
		env.ExecuteWorkflow(Checkout, 250)
		var out string
		if err := env.GetWorkflowResult(&out); err != nil {
			fmt.Println("disabled:", err)
			continue
		}
		fmt.Println(out)
	}
	// Output:
	// checkout: charge 250
	// disabled: workflow execution error (type: Checkout, workflowID: default-test-workflow-id, runID: default-test-run-id): activity error (type: ChargeCard, scheduledEventID: 5, startedEventID: 6, identity: wfsim-worker): unable to find activityType=ChargeCard. Supported types: [charge] (type: ActivityNotRegisteredError, retryable: true)
}
