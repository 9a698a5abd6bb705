package wfsim

// ParentClosePolicy says what happens to a child workflow when its parent
// closes. The values are Temporal's (enums.v1.ParentClosePolicy), which
// Temporal's workflow.ChildWorkflowOptions takes from package enums.
type ParentClosePolicy int32

const (
	// ParentClosePolicyUnspecified is the server's default, Terminate.
	ParentClosePolicyUnspecified ParentClosePolicy = 0
	// ParentClosePolicyTerminate terminates the child.
	ParentClosePolicyTerminate ParentClosePolicy = 1
	// ParentClosePolicyAbandon lets the child run on.
	ParentClosePolicyAbandon ParentClosePolicy = 2
	// ParentClosePolicyRequestCancel requests the child's cancellation.
	ParentClosePolicyRequestCancel ParentClosePolicy = 3
)

var parentClosePolicyNames = [...]string{"Unspecified", "Terminate", "Abandon", "RequestCancel"}

// String returns the policy's name, such as "Abandon".
func (p ParentClosePolicy) String() string {
	if p >= 0 && int(p) < len(parentClosePolicyNames) {
		return parentClosePolicyNames[p]
	}
	return "ParentClosePolicy(" + itoa(int64(p)) + ")"
}

// WorkflowIDReusePolicy says whether a workflow may start with the ID of a
// closed workflow. The values are Temporal's
// (enums.v1.WorkflowIdReusePolicy), which Temporal's
// workflow.ChildWorkflowOptions takes from package enums.
type WorkflowIDReusePolicy int32

const (
	// WorkflowIDReusePolicyUnspecified is the server's default,
	// AllowDuplicate.
	WorkflowIDReusePolicyUnspecified WorkflowIDReusePolicy = 0
	// WorkflowIDReusePolicyAllowDuplicate allows the ID of any closed
	// workflow.
	WorkflowIDReusePolicyAllowDuplicate WorkflowIDReusePolicy = 1
	// WorkflowIDReusePolicyAllowDuplicateFailedOnly allows the ID of a
	// workflow that did not complete successfully.
	WorkflowIDReusePolicyAllowDuplicateFailedOnly WorkflowIDReusePolicy = 2
	// WorkflowIDReusePolicyRejectDuplicate never reuses an ID.
	WorkflowIDReusePolicyRejectDuplicate WorkflowIDReusePolicy = 3
)

var workflowIDReusePolicyNames = [...]string{"Unspecified", "AllowDuplicate", "AllowDuplicateFailedOnly", "RejectDuplicate"}

// String returns the policy's name, such as "RejectDuplicate".
func (p WorkflowIDReusePolicy) String() string {
	if p >= 0 && int(p) < len(workflowIDReusePolicyNames) {
		return workflowIDReusePolicyNames[p]
	}
	return "WorkflowIDReusePolicy(" + itoa(int64(p)) + ")"
}
