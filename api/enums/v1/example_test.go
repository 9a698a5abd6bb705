package enums_test

import (
	"errors"
	"fmt"

	enumspb "github.com/wfsim/wfsim/api/enums/v1"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// Code written against Temporal's enums compiles with wfsim's, and means
// the same.
func Example() {
	opts := workflow.ChildWorkflowOptions{
		WorkflowID:            "child",
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
	}
	fmt.Println(opts.ParentClosePolicy == temporal.ParentClosePolicyAbandon, opts.WorkflowIDReusePolicy)

	err := temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_HEARTBEAT, nil)
	var te *temporal.TimeoutError
	if errors.As(err, &te) && te.TimeoutType() == enumspb.TIMEOUT_TYPE_HEARTBEAT {
		fmt.Println("heartbeat timeout:", te.TimeoutType())
	}
	fmt.Println(enumspb.EVENT_TYPE_MARKER_RECORDED)
	// Output:
	// true RejectDuplicate
	// heartbeat timeout: Heartbeat
	// MarkerRecorded
}
