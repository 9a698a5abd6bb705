package enums

import "github.com/wfsim/wfsim/replay"

// EventType is the type of a history event: replay.EventType.
type EventType = replay.EventType

// The event types, under their protobuf names.
const (
	EVENT_TYPE_UNSPECIFIED                                          = replay.EventTypeUnspecified
	EVENT_TYPE_WORKFLOW_EXECUTION_STARTED                           = replay.EventTypeWorkflowExecutionStarted
	EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED                         = replay.EventTypeWorkflowExecutionCompleted
	EVENT_TYPE_WORKFLOW_EXECUTION_FAILED                            = replay.EventTypeWorkflowExecutionFailed
	EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT                         = replay.EventTypeWorkflowExecutionTimedOut
	EVENT_TYPE_WORKFLOW_TASK_SCHEDULED                              = replay.EventTypeWorkflowTaskScheduled
	EVENT_TYPE_WORKFLOW_TASK_STARTED                                = replay.EventTypeWorkflowTaskStarted
	EVENT_TYPE_WORKFLOW_TASK_COMPLETED                              = replay.EventTypeWorkflowTaskCompleted
	EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT                              = replay.EventTypeWorkflowTaskTimedOut
	EVENT_TYPE_WORKFLOW_TASK_FAILED                                 = replay.EventTypeWorkflowTaskFailed
	EVENT_TYPE_ACTIVITY_TASK_SCHEDULED                              = replay.EventTypeActivityTaskScheduled
	EVENT_TYPE_ACTIVITY_TASK_STARTED                                = replay.EventTypeActivityTaskStarted
	EVENT_TYPE_ACTIVITY_TASK_COMPLETED                              = replay.EventTypeActivityTaskCompleted
	EVENT_TYPE_ACTIVITY_TASK_FAILED                                 = replay.EventTypeActivityTaskFailed
	EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT                              = replay.EventTypeActivityTaskTimedOut
	EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED                       = replay.EventTypeActivityTaskCancelRequested
	EVENT_TYPE_ACTIVITY_TASK_CANCELED                               = replay.EventTypeActivityTaskCanceled
	EVENT_TYPE_TIMER_STARTED                                        = replay.EventTypeTimerStarted
	EVENT_TYPE_TIMER_FIRED                                          = replay.EventTypeTimerFired
	EVENT_TYPE_TIMER_CANCELED                                       = replay.EventTypeTimerCanceled
	EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED                  = replay.EventTypeWorkflowExecutionCancelRequested
	EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED                          = replay.EventTypeWorkflowExecutionCanceled
	EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED = replay.EventTypeRequestCancelExternalWorkflowExecutionInitiated
	EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED    = replay.EventTypeRequestCancelExternalWorkflowExecutionFailed
	EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED         = replay.EventTypeExternalWorkflowExecutionCancelRequested
	EVENT_TYPE_MARKER_RECORDED                                      = replay.EventTypeMarkerRecorded
	EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED                          = replay.EventTypeWorkflowExecutionSignaled
	EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED                        = replay.EventTypeWorkflowExecutionTerminated
	EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW                  = replay.EventTypeWorkflowExecutionContinuedAsNew
	EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED             = replay.EventTypeStartChildWorkflowExecutionInitiated
	EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED                = replay.EventTypeStartChildWorkflowExecutionFailed
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED                     = replay.EventTypeChildWorkflowExecutionStarted
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED                   = replay.EventTypeChildWorkflowExecutionCompleted
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED                      = replay.EventTypeChildWorkflowExecutionFailed
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED                    = replay.EventTypeChildWorkflowExecutionCanceled
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT                   = replay.EventTypeChildWorkflowExecutionTimedOut
	EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED                  = replay.EventTypeChildWorkflowExecutionTerminated
	EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED         = replay.EventTypeSignalExternalWorkflowExecutionInitiated
	EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED            = replay.EventTypeSignalExternalWorkflowExecutionFailed
	EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED                 = replay.EventTypeExternalWorkflowExecutionSignaled
	EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES                    = replay.EventTypeUpsertWorkflowSearchAttributes
	EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED                   = replay.EventTypeWorkflowExecutionUpdateAccepted
	EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED                   = replay.EventTypeWorkflowExecutionUpdateRejected
	EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED                  = replay.EventTypeWorkflowExecutionUpdateCompleted
	EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED_EXTERNALLY              = replay.EventTypeWorkflowPropertiesModifiedExternally
	EVENT_TYPE_ACTIVITY_PROPERTIES_MODIFIED_EXTERNALLY              = replay.EventTypeActivityPropertiesModifiedExternally
	EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED                         = replay.EventTypeWorkflowPropertiesModified
	EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED                   = replay.EventTypeWorkflowExecutionUpdateAdmitted
	EVENT_TYPE_NEXUS_OPERATION_SCHEDULED                            = replay.EventTypeNexusOperationScheduled
	EVENT_TYPE_NEXUS_OPERATION_STARTED                              = replay.EventTypeNexusOperationStarted
	EVENT_TYPE_NEXUS_OPERATION_COMPLETED                            = replay.EventTypeNexusOperationCompleted
	EVENT_TYPE_NEXUS_OPERATION_FAILED                               = replay.EventTypeNexusOperationFailed
	EVENT_TYPE_NEXUS_OPERATION_CANCELED                             = replay.EventTypeNexusOperationCanceled
	EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT                            = replay.EventTypeNexusOperationTimedOut
	EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED                     = replay.EventTypeNexusOperationCancelRequested
	EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED                   = replay.EventTypeWorkflowExecutionOptionsUpdated
	EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED             = replay.EventTypeNexusOperationCancelRequestCompleted
	EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_FAILED                = replay.EventTypeNexusOperationCancelRequestFailed
	EVENT_TYPE_WORKFLOW_EXECUTION_PAUSED                            = replay.EventTypeWorkflowExecutionPaused
	EVENT_TYPE_WORKFLOW_EXECUTION_UNPAUSED                          = replay.EventTypeWorkflowExecutionUnpaused
	EVENT_TYPE_WORKFLOW_EXECUTION_TIME_SKIPPING_TRANSITIONED        = replay.EventTypeWorkflowExecutionTimeSkippingTransitioned
)
