package testsuite_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// PollForever polls a channel that nothing ever sends on, without ever
// blocking: a busy loop that would hang the test.
func PollForever(ctx workflow.Context) error {
	ch := workflow.NewChannel(ctx)
	for !ch.ReceiveAsync(nil) {
	}
	return nil
}

// Workflow code that loops without blocking is stopped at its next
// workflow call once the test timeout has passed in real time, with the
// error of Temporal's deadlock detector. (An environment bound to a test
// also fails the test with a *testsuite.HungError.)
func ExampleTestWorkflowEnvironment_SetTestTimeout() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetTestTimeout(50 * time.Millisecond)
	env.ExecuteWorkflow(PollForever)

	var pe *wfsim.PanicError
	fmt.Println(errors.As(env.GetWorkflowError(), &pe))
	fmt.Println(pe)
	// Output:
	// true
	// [TMPRL1101] Potential deadlock detected: workflow goroutine "root" didn't yield for over 50ms
}
