// Package enums stands in for Temporal's go.temporal.io/api/enums/v1
// (imported as enumspb) where workflow and test code use its enums, so that
// such code ports by changing that import path too:
//
//	enumspb "go.temporal.io/api/enums/v1"  →  enumspb "github.com/wfsim/wfsim/api/enums/v1"
//
// Each type is an alias of the type wfsim's own packages use, and each
// constant has the protobuf name and value: enumspb.PARENT_CLOSE_POLICY_ABANDON
// is wfsim.ParentClosePolicyAbandon, enumspb.TIMEOUT_TYPE_HEARTBEAT is
// wfsim.TimeoutTypeHeartbeat, enumspb.EVENT_TYPE_MARKER_RECORDED is
// replay.EventTypeMarkerRecorded. So ChildWorkflowOptions{ParentClosePolicy:
// enumspb.PARENT_CLOSE_POLICY_ABANDON} and timeoutErr.TimeoutType() ==
// enumspb.TIMEOUT_TYPE_HEARTBEAT compile and mean what they mean in
// Temporal.
//
// The enums of history events' attributes are here too, as aliases of the
// replay package's types (TASK_QUEUE_KIND_NORMAL is
// replay.TaskQueueKindNormal, WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR
// replay.WorkflowTaskFailedCauseNonDeterministicError): task queue kinds,
// continue-as-new initiators, workflow task failure causes, the failure
// causes of child starts and external signals and cancels, update origins,
// versioning behaviors, command types and continue-as-new suggestions. So
// a history built by hand for Temporal's replayer ports with them. A
// recorded child's ParentClosePolicy is the type ChildWorkflowOptions takes,
// so GetParentClosePolicy() == PARENT_CLOSE_POLICY_REQUEST_CANCEL compiles
// as in Temporal. (The attributes of child workflow events hold the replay
// package's own WorkflowIDReusePolicy, not this package's, as replay reads
// TERMINATE_IF_RUNNING, which wfsim does not start with: set it with
// replay's constants.)
//
// Only the enums wfsim has are here: those of timeouts, retry states, child
// workflow policies, search attribute types, history events and their
// attributes, and WorkflowExecutionStatus (its own type here, as wfsim
// reports no status, for code that passes or compares one). Values wfsim does not support
// (WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING,
// deprecated in Temporal, and WORKFLOW_TASK_FAILED_CAUSE_REQUEST_TOO_LARGE,
// which replay reads as an unknown value) are left out, so code using them
// fails to compile rather than behave differently.
package enums
