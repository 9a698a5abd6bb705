package testsuite_test

import (
	"context"
	"fmt"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Shout(_ context.Context, s string) (string, error) { return s + "!", nil }

func ShoutTwice(ctx workflow.Context, s string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var once string
	if err := workflow.ExecuteActivity(ctx, Shout, s).Get(ctx, &once); err != nil {
		return "", err
	}
	return once + "!", nil
}

// With a codec data converter, every value the workflow and its activities
// exchange is encoded as a Temporal worker would send it: the history holds
// zlib payloads, and the test still reads plain values.
func ExampleTestWorkflowEnvironment_SetDataConverter() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetDataConverter(converter.NewCodecDataConverter(
		converter.GetDefaultDataConverter(),
		converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: true}),
	))
	env.RegisterActivity(Shout)

	env.ExecuteWorkflow(ShoutTwice, "hello")

	var result string
	fmt.Println(env.GetWorkflowResult(&result), result)
	fmt.Print(env.History())
	// Output:
	// <nil> hello!!
	//  1  +0s  WorkflowExecutionStarted    workflowType=ShoutTwice taskQueue=default-test-taskqueue input=<binary/zlib, 45 bytes>
	//  2  +0s  WorkflowTaskScheduled
	//  3  +0s  WorkflowTaskStarted
	//  4  +0s  WorkflowTaskCompleted       sdkFlags=3
	//  5  +0s  ActivityTaskScheduled       activityType=Shout activityId=5 input=<binary/zlib, 45 bytes>
	//  6  +0s  ActivityTaskStarted         scheduledEventId=5
	//  7  +0s  ActivityTaskCompleted       scheduledEventId=5 result=<binary/zlib, 46 bytes>
	//  8  +0s  WorkflowTaskScheduled
	//  9  +0s  WorkflowTaskStarted
	// 10  +0s  WorkflowTaskCompleted
	// 11  +0s  WorkflowExecutionCompleted  result=<binary/zlib, 47 bytes>
}
