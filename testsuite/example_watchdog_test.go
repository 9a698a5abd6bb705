package testsuite_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A workflow that polls in a loop without ever blocking would hang the
// test. The watchdog stops it at a workflow call once it has not yielded
// for a whole test timeout, in a suite's environment as in one bound to a
// test, and ExecuteWorkflow returns with Temporal's deadlock detector's
// error.
func ExampleTestWorkflowEnvironment_SetTestTimeout() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetTestTimeout(50 * time.Millisecond) // real time
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ready := false // nothing ever sets it
		for !ready {
			_ = workflow.Now(ctx)
		}
		return nil
	})
	var pe *wfsim.PanicError
	fmt.Println(errors.As(env.GetWorkflowError(), &pe))
	fmt.Println(pe.Error())
	// Output:
	// true
	// [TMPRL1101] Potential deadlock detected: workflow goroutine "root" didn't yield for over 50ms
}
