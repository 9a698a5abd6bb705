package enums

import "strconv"

// WorkflowExecutionStatus is the status of a workflow execution, with
// Temporal's values (enums.v1.WorkflowExecutionStatus). wfsim itself does
// not report it; it is here so that workflow code and tests that take or
// compare one (a workflow argument, say) port.
type WorkflowExecutionStatus int32

// The workflow execution statuses, under their protobuf names.
const (
	WORKFLOW_EXECUTION_STATUS_UNSPECIFIED      WorkflowExecutionStatus = 0
	WORKFLOW_EXECUTION_STATUS_RUNNING          WorkflowExecutionStatus = 1
	WORKFLOW_EXECUTION_STATUS_COMPLETED        WorkflowExecutionStatus = 2
	WORKFLOW_EXECUTION_STATUS_FAILED           WorkflowExecutionStatus = 3
	WORKFLOW_EXECUTION_STATUS_CANCELED         WorkflowExecutionStatus = 4
	WORKFLOW_EXECUTION_STATUS_TERMINATED       WorkflowExecutionStatus = 5
	WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW WorkflowExecutionStatus = 6
	WORKFLOW_EXECUTION_STATUS_TIMED_OUT        WorkflowExecutionStatus = 7
	WORKFLOW_EXECUTION_STATUS_PAUSED           WorkflowExecutionStatus = 8
)

var workflowExecutionStatusNames = [...]string{
	"Unspecified", "Running", "Completed", "Failed", "Canceled",
	"Terminated", "ContinuedAsNew", "TimedOut", "Paused",
}

// String returns the name Temporal's Go SDK prints for the status, such as
// "ContinuedAsNew", or the number for a value it does not know.
func (s WorkflowExecutionStatus) String() string {
	if s >= 0 && int(s) < len(workflowExecutionStatusNames) {
		return workflowExecutionStatusNames[s]
	}
	return strconv.FormatInt(int64(s), 10)
}
