package enums

import "github.com/wfsim/wfsim/replay"

// The enums of history events' attributes, for histories built or
// inspected by hand: aliases of the replay package's types, constants
// under their protobuf names.

// TaskQueueKind is replay.TaskQueueKind.
type TaskQueueKind = replay.TaskQueueKind

// The values of TaskQueueKind, under their protobuf names.
const (
	TASK_QUEUE_KIND_UNSPECIFIED     = replay.TaskQueueKindUnspecified
	TASK_QUEUE_KIND_NORMAL          = replay.TaskQueueKindNormal
	TASK_QUEUE_KIND_STICKY          = replay.TaskQueueKindSticky
	TASK_QUEUE_KIND_WORKER_COMMANDS = replay.TaskQueueKindWorkerCommands
)

// ContinueAsNewInitiator is replay.ContinueAsNewInitiator.
type ContinueAsNewInitiator = replay.ContinueAsNewInitiator

// The values of ContinueAsNewInitiator, under their protobuf names.
const (
	CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED   = replay.ContinueAsNewInitiatorUnspecified
	CONTINUE_AS_NEW_INITIATOR_WORKFLOW      = replay.ContinueAsNewInitiatorWorkflow
	CONTINUE_AS_NEW_INITIATOR_RETRY         = replay.ContinueAsNewInitiatorRetry
	CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE = replay.ContinueAsNewInitiatorCronSchedule
)

// WorkflowTaskFailedCause is replay.WorkflowTaskFailedCause.
type WorkflowTaskFailedCause = replay.WorkflowTaskFailedCause

// The values of WorkflowTaskFailedCause, under their protobuf names.
const (
	WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED                                               = replay.WorkflowTaskFailedCauseUnspecified
	WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND                                         = replay.WorkflowTaskFailedCauseUnhandledCommand
	WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES                          = replay.WorkflowTaskFailedCauseBadScheduleActivityAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES                    = replay.WorkflowTaskFailedCauseBadRequestCancelActivityAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES                                = replay.WorkflowTaskFailedCauseBadStartTimerAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES                               = replay.WorkflowTaskFailedCauseBadCancelTimerAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES                              = replay.WorkflowTaskFailedCauseBadRecordMarkerAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_COMPLETE_WORKFLOW_EXECUTION_ATTRIBUTES                = replay.WorkflowTaskFailedCauseBadCompleteWorkflowExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES                    = replay.WorkflowTaskFailedCauseBadFailWorkflowExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_WORKFLOW_EXECUTION_ATTRIBUTES                  = replay.WorkflowTaskFailedCauseBadCancelWorkflowExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_ATTRIBUTES = replay.WorkflowTaskFailedCauseBadRequestCancelExternalWorkflowExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES                            = replay.WorkflowTaskFailedCauseBadContinueAsNewAttributes
	WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID                                  = replay.WorkflowTaskFailedCauseStartTimerDuplicateID
	WORKFLOW_TASK_FAILED_CAUSE_RESET_STICKY_TASK_QUEUE                                   = replay.WorkflowTaskFailedCauseResetStickyTaskQueue
	WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE                         = replay.WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure
	WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES                  = replay.WorkflowTaskFailedCauseBadSignalWorkflowExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES                      = replay.WorkflowTaskFailedCauseBadStartChildExecutionAttributes
	WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND                                       = replay.WorkflowTaskFailedCauseForceCloseCommand
	WORKFLOW_TASK_FAILED_CAUSE_FAILOVER_CLOSE_COMMAND                                    = replay.WorkflowTaskFailedCauseFailoverCloseCommand
	WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_INPUT_SIZE                                     = replay.WorkflowTaskFailedCauseBadSignalInputSize
	WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW                                            = replay.WorkflowTaskFailedCauseResetWorkflow
	WORKFLOW_TASK_FAILED_CAUSE_BAD_BINARY                                                = replay.WorkflowTaskFailedCauseBadBinary
	WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID                            = replay.WorkflowTaskFailedCauseScheduleActivityDuplicateID
	WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES                                     = replay.WorkflowTaskFailedCauseBadSearchAttributes
	WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR                                   = replay.WorkflowTaskFailedCauseNonDeterministicError
	WORKFLOW_TASK_FAILED_CAUSE_BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES                 = replay.WorkflowTaskFailedCauseBadModifyWorkflowPropertiesAttributes
	WORKFLOW_TASK_FAILED_CAUSE_PENDING_CHILD_WORKFLOWS_LIMIT_EXCEEDED                    = replay.WorkflowTaskFailedCausePendingChildWorkflowsLimitExceeded
	WORKFLOW_TASK_FAILED_CAUSE_PENDING_ACTIVITIES_LIMIT_EXCEEDED                         = replay.WorkflowTaskFailedCausePendingActivitiesLimitExceeded
	WORKFLOW_TASK_FAILED_CAUSE_PENDING_SIGNALS_LIMIT_EXCEEDED                            = replay.WorkflowTaskFailedCausePendingSignalsLimitExceeded
	WORKFLOW_TASK_FAILED_CAUSE_PENDING_REQUEST_CANCEL_LIMIT_EXCEEDED                     = replay.WorkflowTaskFailedCausePendingRequestCancelLimitExceeded
	WORKFLOW_TASK_FAILED_CAUSE_BAD_UPDATE_WORKFLOW_EXECUTION_MESSAGE                     = replay.WorkflowTaskFailedCauseBadUpdateWorkflowExecutionMessage
	WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_UPDATE                                          = replay.WorkflowTaskFailedCauseUnhandledUpdate
	WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_NEXUS_OPERATION_ATTRIBUTES                   = replay.WorkflowTaskFailedCauseBadScheduleNexusOperationAttributes
	WORKFLOW_TASK_FAILED_CAUSE_PENDING_NEXUS_OPERATIONS_LIMIT_EXCEEDED                   = replay.WorkflowTaskFailedCausePendingNexusOperationsLimitExceeded
	WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_NEXUS_OPERATION_ATTRIBUTES             = replay.WorkflowTaskFailedCauseBadRequestCancelNexusOperationAttributes
	WORKFLOW_TASK_FAILED_CAUSE_FEATURE_DISABLED                                          = replay.WorkflowTaskFailedCauseFeatureDisabled
	WORKFLOW_TASK_FAILED_CAUSE_GRPC_MESSAGE_TOO_LARGE                                    = replay.WorkflowTaskFailedCauseGrpcMessageTooLarge
	WORKFLOW_TASK_FAILED_CAUSE_PAYLOADS_TOO_LARGE                                        = replay.WorkflowTaskFailedCausePayloadsTooLarge
	WORKFLOW_TASK_FAILED_CAUSE_EXTERNAL_STORAGE_FAILURE                                  = replay.WorkflowTaskFailedCauseExternalStorageFailure
	WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_PAUSE_REQUESTED_BEFORE_TASK_STARTED              = replay.WorkflowTaskFailedCauseWorkflowPauseRequestedBeforeTaskStarted
)

// StartChildWorkflowExecutionFailedCause is replay.StartChildWorkflowExecutionFailedCause.
type StartChildWorkflowExecutionFailedCause = replay.StartChildWorkflowExecutionFailedCause

// The values of StartChildWorkflowExecutionFailedCause, under their protobuf names.
const (
	START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_UNSPECIFIED                 = replay.StartChildWorkflowExecutionFailedCauseUnspecified
	START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS     = replay.StartChildWorkflowExecutionFailedCauseWorkflowAlreadyExists
	START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_NAMESPACE_NOT_FOUND         = replay.StartChildWorkflowExecutionFailedCauseNamespaceNotFound
	START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_INVALID_VERSIONING_OVERRIDE = replay.StartChildWorkflowExecutionFailedCauseInvalidVersioningOverride
)

// CancelExternalWorkflowExecutionFailedCause is replay.CancelExternalWorkflowExecutionFailedCause.
type CancelExternalWorkflowExecutionFailedCause = replay.CancelExternalWorkflowExecutionFailedCause

// The values of CancelExternalWorkflowExecutionFailedCause, under their protobuf names.
const (
	CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_UNSPECIFIED                           = replay.CancelExternalWorkflowExecutionFailedCauseUnspecified
	CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND = replay.CancelExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound
	CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_NAMESPACE_NOT_FOUND                   = replay.CancelExternalWorkflowExecutionFailedCauseNamespaceNotFound
)

// SignalExternalWorkflowExecutionFailedCause is replay.SignalExternalWorkflowExecutionFailedCause.
type SignalExternalWorkflowExecutionFailedCause = replay.SignalExternalWorkflowExecutionFailedCause

// The values of SignalExternalWorkflowExecutionFailedCause, under their protobuf names.
const (
	SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_UNSPECIFIED                           = replay.SignalExternalWorkflowExecutionFailedCauseUnspecified
	SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND = replay.SignalExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound
	SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_NAMESPACE_NOT_FOUND                   = replay.SignalExternalWorkflowExecutionFailedCauseNamespaceNotFound
	SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_SIGNAL_COUNT_LIMIT_EXCEEDED           = replay.SignalExternalWorkflowExecutionFailedCauseSignalCountLimitExceeded
)

// UpdateAdmittedEventOrigin is replay.UpdateAdmittedEventOrigin.
type UpdateAdmittedEventOrigin = replay.UpdateAdmittedEventOrigin

// The values of UpdateAdmittedEventOrigin, under their protobuf names.
const (
	UPDATE_ADMITTED_EVENT_ORIGIN_UNSPECIFIED = replay.UpdateAdmittedEventOriginUnspecified
	UPDATE_ADMITTED_EVENT_ORIGIN_REAPPLY     = replay.UpdateAdmittedEventOriginReapply
)

// VersioningBehavior is replay.VersioningBehavior.
type VersioningBehavior = replay.VersioningBehavior

// The values of VersioningBehavior, under their protobuf names.
const (
	VERSIONING_BEHAVIOR_UNSPECIFIED  = replay.VersioningBehaviorUnspecified
	VERSIONING_BEHAVIOR_PINNED       = replay.VersioningBehaviorPinned
	VERSIONING_BEHAVIOR_AUTO_UPGRADE = replay.VersioningBehaviorAutoUpgrade
)

// ContinueAsNewVersioningBehavior is replay.ContinueAsNewVersioningBehavior.
type ContinueAsNewVersioningBehavior = replay.ContinueAsNewVersioningBehavior

// The values of ContinueAsNewVersioningBehavior, under their protobuf names.
const (
	CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_UNSPECIFIED         = replay.ContinueAsNewVersioningBehaviorUnspecified
	CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_AUTO_UPGRADE        = replay.ContinueAsNewVersioningBehaviorAutoUpgrade
	CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_USE_RAMPING_VERSION = replay.ContinueAsNewVersioningBehaviorUseRampingVersion
)

// CommandType is replay.CommandType.
type CommandType = replay.CommandType

// The values of CommandType, under their protobuf names.
const (
	COMMAND_TYPE_UNSPECIFIED                                = replay.CommandTypeUnspecified
	COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK                     = replay.CommandTypeScheduleActivityTask
	COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK               = replay.CommandTypeRequestCancelActivityTask
	COMMAND_TYPE_START_TIMER                                = replay.CommandTypeStartTimer
	COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION                = replay.CommandTypeCompleteWorkflowExecution
	COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION                    = replay.CommandTypeFailWorkflowExecution
	COMMAND_TYPE_CANCEL_TIMER                               = replay.CommandTypeCancelTimer
	COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION                  = replay.CommandTypeCancelWorkflowExecution
	COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION = replay.CommandTypeRequestCancelExternalWorkflowExecution
	COMMAND_TYPE_RECORD_MARKER                              = replay.CommandTypeRecordMarker
	COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION         = replay.CommandTypeContinueAsNewWorkflowExecution
	COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION             = replay.CommandTypeStartChildWorkflowExecution
	COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION         = replay.CommandTypeSignalExternalWorkflowExecution
	COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES          = replay.CommandTypeUpsertWorkflowSearchAttributes
	COMMAND_TYPE_PROTOCOL_MESSAGE                           = replay.CommandTypeProtocolMessage
	COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES                 = replay.CommandTypeModifyWorkflowProperties
	COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION                   = replay.CommandTypeScheduleNexusOperation
	COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION             = replay.CommandTypeRequestCancelNexusOperation
)

// SuggestContinueAsNewReason is replay.SuggestContinueAsNewReason.
type SuggestContinueAsNewReason = replay.SuggestContinueAsNewReason

// The values of SuggestContinueAsNewReason, under their protobuf names.
const (
	SUGGEST_CONTINUE_AS_NEW_REASON_UNSPECIFIED             = replay.SuggestContinueAsNewReasonUnspecified
	SUGGEST_CONTINUE_AS_NEW_REASON_HISTORY_SIZE_TOO_LARGE  = replay.SuggestContinueAsNewReasonHistorySizeTooLarge
	SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS = replay.SuggestContinueAsNewReasonTooManyHistoryEvents
	SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_UPDATES        = replay.SuggestContinueAsNewReasonTooManyUpdates
)
