package enums

import "github.com/wfsim/wfsim"

// TimeoutType is the kind of a timeout: wfsim.TimeoutType.
type TimeoutType = wfsim.TimeoutType

// The timeout types, under their protobuf names.
const (
	TIMEOUT_TYPE_UNSPECIFIED       = wfsim.TimeoutTypeUnspecified
	TIMEOUT_TYPE_START_TO_CLOSE    = wfsim.TimeoutTypeStartToClose
	TIMEOUT_TYPE_SCHEDULE_TO_START = wfsim.TimeoutTypeScheduleToStart
	TIMEOUT_TYPE_SCHEDULE_TO_CLOSE = wfsim.TimeoutTypeScheduleToClose
	TIMEOUT_TYPE_HEARTBEAT         = wfsim.TimeoutTypeHeartbeat
)

// RetryState says why an activity or child stopped being retried:
// wfsim.RetryState.
type RetryState = wfsim.RetryState

// The retry states, under their protobuf names.
const (
	RETRY_STATE_UNSPECIFIED              = wfsim.RetryStateUnspecified
	RETRY_STATE_IN_PROGRESS              = wfsim.RetryStateInProgress
	RETRY_STATE_NON_RETRYABLE_FAILURE    = wfsim.RetryStateNonRetryableFailure
	RETRY_STATE_TIMEOUT                  = wfsim.RetryStateTimeout
	RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED = wfsim.RetryStateMaximumAttemptsReached
	RETRY_STATE_RETRY_POLICY_NOT_SET     = wfsim.RetryStateRetryPolicyNotSet
	RETRY_STATE_INTERNAL_SERVER_ERROR    = wfsim.RetryStateInternalServerError
	RETRY_STATE_CANCEL_REQUESTED         = wfsim.RetryStateCancelRequested
)

// ParentClosePolicy says what happens to a child when its parent closes:
// wfsim.ParentClosePolicy.
type ParentClosePolicy = wfsim.ParentClosePolicy

// The parent close policies, under their protobuf names.
const (
	PARENT_CLOSE_POLICY_UNSPECIFIED    = wfsim.ParentClosePolicyUnspecified
	PARENT_CLOSE_POLICY_TERMINATE      = wfsim.ParentClosePolicyTerminate
	PARENT_CLOSE_POLICY_ABANDON        = wfsim.ParentClosePolicyAbandon
	PARENT_CLOSE_POLICY_REQUEST_CANCEL = wfsim.ParentClosePolicyRequestCancel
)

// WorkflowIdReusePolicy says whether a workflow ID may be used again:
// wfsim.WorkflowIDReusePolicy.
type WorkflowIdReusePolicy = wfsim.WorkflowIDReusePolicy

// The workflow ID reuse policies, under their protobuf names.
const (
	WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED                 = wfsim.WorkflowIDReusePolicyUnspecified
	WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE             = wfsim.WorkflowIDReusePolicyAllowDuplicate
	WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY = wfsim.WorkflowIDReusePolicyAllowDuplicateFailedOnly
	WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE            = wfsim.WorkflowIDReusePolicyRejectDuplicate
)

// IndexedValueType is the type of a search attribute:
// wfsim.IndexedValueType.
type IndexedValueType = wfsim.IndexedValueType

// The search attribute types, under their protobuf names.
const (
	INDEXED_VALUE_TYPE_UNSPECIFIED  = wfsim.IndexedValueTypeUnspecified
	INDEXED_VALUE_TYPE_TEXT         = wfsim.IndexedValueTypeText
	INDEXED_VALUE_TYPE_KEYWORD      = wfsim.IndexedValueTypeKeyword
	INDEXED_VALUE_TYPE_INT          = wfsim.IndexedValueTypeInt
	INDEXED_VALUE_TYPE_DOUBLE       = wfsim.IndexedValueTypeDouble
	INDEXED_VALUE_TYPE_BOOL         = wfsim.IndexedValueTypeBool
	INDEXED_VALUE_TYPE_DATETIME     = wfsim.IndexedValueTypeDatetime
	INDEXED_VALUE_TYPE_KEYWORD_LIST = wfsim.IndexedValueTypeKeywordList
)
