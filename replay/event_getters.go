package replay

// The field getters of the history types are generated into getters_gen.go.
//go:generate go run ../internal/gengetters/cmd/gengetters -out getters_gen.go attributes_*.go event.go history.go

// The Get methods return an event's attributes typed, or nil when the event
// (which may be nil) holds no attributes of that type, like the getters of
// Temporal's generated history types.

// GetWorkflowExecutionStartedEventAttributes returns the attributes of a WorkflowExecutionStarted event, or nil.
func (e *Event) GetWorkflowExecutionStartedEventAttributes() *WorkflowExecutionStartedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionStartedEventAttributes)
	return a
}

// GetWorkflowExecutionCompletedEventAttributes returns the attributes of a WorkflowExecutionCompleted event, or nil.
func (e *Event) GetWorkflowExecutionCompletedEventAttributes() *WorkflowExecutionCompletedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionCompletedEventAttributes)
	return a
}

// GetWorkflowExecutionFailedEventAttributes returns the attributes of a WorkflowExecutionFailed event, or nil.
func (e *Event) GetWorkflowExecutionFailedEventAttributes() *WorkflowExecutionFailedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionFailedEventAttributes)
	return a
}

// GetWorkflowExecutionTimedOutEventAttributes returns the attributes of a WorkflowExecutionTimedOut event, or nil.
func (e *Event) GetWorkflowExecutionTimedOutEventAttributes() *WorkflowExecutionTimedOutEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionTimedOutEventAttributes)
	return a
}

// GetWorkflowTaskScheduledEventAttributes returns the attributes of a WorkflowTaskScheduled event, or nil.
func (e *Event) GetWorkflowTaskScheduledEventAttributes() *WorkflowTaskScheduledEventAttributes {
	a, _ := e.attributes().(*WorkflowTaskScheduledEventAttributes)
	return a
}

// GetWorkflowTaskStartedEventAttributes returns the attributes of a WorkflowTaskStarted event, or nil.
func (e *Event) GetWorkflowTaskStartedEventAttributes() *WorkflowTaskStartedEventAttributes {
	a, _ := e.attributes().(*WorkflowTaskStartedEventAttributes)
	return a
}

// GetWorkflowTaskCompletedEventAttributes returns the attributes of a WorkflowTaskCompleted event, or nil.
func (e *Event) GetWorkflowTaskCompletedEventAttributes() *WorkflowTaskCompletedEventAttributes {
	a, _ := e.attributes().(*WorkflowTaskCompletedEventAttributes)
	return a
}

// GetWorkflowTaskTimedOutEventAttributes returns the attributes of a WorkflowTaskTimedOut event, or nil.
func (e *Event) GetWorkflowTaskTimedOutEventAttributes() *WorkflowTaskTimedOutEventAttributes {
	a, _ := e.attributes().(*WorkflowTaskTimedOutEventAttributes)
	return a
}

// GetWorkflowTaskFailedEventAttributes returns the attributes of a WorkflowTaskFailed event, or nil.
func (e *Event) GetWorkflowTaskFailedEventAttributes() *WorkflowTaskFailedEventAttributes {
	a, _ := e.attributes().(*WorkflowTaskFailedEventAttributes)
	return a
}

// GetActivityTaskScheduledEventAttributes returns the attributes of a ActivityTaskScheduled event, or nil.
func (e *Event) GetActivityTaskScheduledEventAttributes() *ActivityTaskScheduledEventAttributes {
	a, _ := e.attributes().(*ActivityTaskScheduledEventAttributes)
	return a
}

// GetActivityTaskStartedEventAttributes returns the attributes of a ActivityTaskStarted event, or nil.
func (e *Event) GetActivityTaskStartedEventAttributes() *ActivityTaskStartedEventAttributes {
	a, _ := e.attributes().(*ActivityTaskStartedEventAttributes)
	return a
}

// GetActivityTaskCompletedEventAttributes returns the attributes of a ActivityTaskCompleted event, or nil.
func (e *Event) GetActivityTaskCompletedEventAttributes() *ActivityTaskCompletedEventAttributes {
	a, _ := e.attributes().(*ActivityTaskCompletedEventAttributes)
	return a
}

// GetActivityTaskFailedEventAttributes returns the attributes of a ActivityTaskFailed event, or nil.
func (e *Event) GetActivityTaskFailedEventAttributes() *ActivityTaskFailedEventAttributes {
	a, _ := e.attributes().(*ActivityTaskFailedEventAttributes)
	return a
}

// GetActivityTaskTimedOutEventAttributes returns the attributes of a ActivityTaskTimedOut event, or nil.
func (e *Event) GetActivityTaskTimedOutEventAttributes() *ActivityTaskTimedOutEventAttributes {
	a, _ := e.attributes().(*ActivityTaskTimedOutEventAttributes)
	return a
}

// GetActivityTaskCancelRequestedEventAttributes returns the attributes of a ActivityTaskCancelRequested event, or nil.
func (e *Event) GetActivityTaskCancelRequestedEventAttributes() *ActivityTaskCancelRequestedEventAttributes {
	a, _ := e.attributes().(*ActivityTaskCancelRequestedEventAttributes)
	return a
}

// GetActivityTaskCanceledEventAttributes returns the attributes of a ActivityTaskCanceled event, or nil.
func (e *Event) GetActivityTaskCanceledEventAttributes() *ActivityTaskCanceledEventAttributes {
	a, _ := e.attributes().(*ActivityTaskCanceledEventAttributes)
	return a
}

// GetTimerStartedEventAttributes returns the attributes of a TimerStarted event, or nil.
func (e *Event) GetTimerStartedEventAttributes() *TimerStartedEventAttributes {
	a, _ := e.attributes().(*TimerStartedEventAttributes)
	return a
}

// GetTimerFiredEventAttributes returns the attributes of a TimerFired event, or nil.
func (e *Event) GetTimerFiredEventAttributes() *TimerFiredEventAttributes {
	a, _ := e.attributes().(*TimerFiredEventAttributes)
	return a
}

// GetTimerCanceledEventAttributes returns the attributes of a TimerCanceled event, or nil.
func (e *Event) GetTimerCanceledEventAttributes() *TimerCanceledEventAttributes {
	a, _ := e.attributes().(*TimerCanceledEventAttributes)
	return a
}

// GetWorkflowExecutionCancelRequestedEventAttributes returns the attributes of a WorkflowExecutionCancelRequested event, or nil.
func (e *Event) GetWorkflowExecutionCancelRequestedEventAttributes() *WorkflowExecutionCancelRequestedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionCancelRequestedEventAttributes)
	return a
}

// GetWorkflowExecutionCanceledEventAttributes returns the attributes of a WorkflowExecutionCanceled event, or nil.
func (e *Event) GetWorkflowExecutionCanceledEventAttributes() *WorkflowExecutionCanceledEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionCanceledEventAttributes)
	return a
}

// GetRequestCancelExternalWorkflowExecutionInitiatedEventAttributes returns the attributes of a RequestCancelExternalWorkflowExecutionInitiated event, or nil.
func (e *Event) GetRequestCancelExternalWorkflowExecutionInitiatedEventAttributes() *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
	a, _ := e.attributes().(*RequestCancelExternalWorkflowExecutionInitiatedEventAttributes)
	return a
}

// GetRequestCancelExternalWorkflowExecutionFailedEventAttributes returns the attributes of a RequestCancelExternalWorkflowExecutionFailed event, or nil.
func (e *Event) GetRequestCancelExternalWorkflowExecutionFailedEventAttributes() *RequestCancelExternalWorkflowExecutionFailedEventAttributes {
	a, _ := e.attributes().(*RequestCancelExternalWorkflowExecutionFailedEventAttributes)
	return a
}

// GetExternalWorkflowExecutionCancelRequestedEventAttributes returns the attributes of a ExternalWorkflowExecutionCancelRequested event, or nil.
func (e *Event) GetExternalWorkflowExecutionCancelRequestedEventAttributes() *ExternalWorkflowExecutionCancelRequestedEventAttributes {
	a, _ := e.attributes().(*ExternalWorkflowExecutionCancelRequestedEventAttributes)
	return a
}

// GetMarkerRecordedEventAttributes returns the attributes of a MarkerRecorded event, or nil.
func (e *Event) GetMarkerRecordedEventAttributes() *MarkerRecordedEventAttributes {
	a, _ := e.attributes().(*MarkerRecordedEventAttributes)
	return a
}

// GetWorkflowExecutionSignaledEventAttributes returns the attributes of a WorkflowExecutionSignaled event, or nil.
func (e *Event) GetWorkflowExecutionSignaledEventAttributes() *WorkflowExecutionSignaledEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionSignaledEventAttributes)
	return a
}

// GetWorkflowExecutionTerminatedEventAttributes returns the attributes of a WorkflowExecutionTerminated event, or nil.
func (e *Event) GetWorkflowExecutionTerminatedEventAttributes() *WorkflowExecutionTerminatedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionTerminatedEventAttributes)
	return a
}

// GetWorkflowExecutionContinuedAsNewEventAttributes returns the attributes of a WorkflowExecutionContinuedAsNew event, or nil.
func (e *Event) GetWorkflowExecutionContinuedAsNewEventAttributes() *WorkflowExecutionContinuedAsNewEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionContinuedAsNewEventAttributes)
	return a
}

// GetStartChildWorkflowExecutionInitiatedEventAttributes returns the attributes of a StartChildWorkflowExecutionInitiated event, or nil.
func (e *Event) GetStartChildWorkflowExecutionInitiatedEventAttributes() *StartChildWorkflowExecutionInitiatedEventAttributes {
	a, _ := e.attributes().(*StartChildWorkflowExecutionInitiatedEventAttributes)
	return a
}

// GetStartChildWorkflowExecutionFailedEventAttributes returns the attributes of a StartChildWorkflowExecutionFailed event, or nil.
func (e *Event) GetStartChildWorkflowExecutionFailedEventAttributes() *StartChildWorkflowExecutionFailedEventAttributes {
	a, _ := e.attributes().(*StartChildWorkflowExecutionFailedEventAttributes)
	return a
}

// GetChildWorkflowExecutionStartedEventAttributes returns the attributes of a ChildWorkflowExecutionStarted event, or nil.
func (e *Event) GetChildWorkflowExecutionStartedEventAttributes() *ChildWorkflowExecutionStartedEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionStartedEventAttributes)
	return a
}

// GetChildWorkflowExecutionCompletedEventAttributes returns the attributes of a ChildWorkflowExecutionCompleted event, or nil.
func (e *Event) GetChildWorkflowExecutionCompletedEventAttributes() *ChildWorkflowExecutionCompletedEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionCompletedEventAttributes)
	return a
}

// GetChildWorkflowExecutionFailedEventAttributes returns the attributes of a ChildWorkflowExecutionFailed event, or nil.
func (e *Event) GetChildWorkflowExecutionFailedEventAttributes() *ChildWorkflowExecutionFailedEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionFailedEventAttributes)
	return a
}

// GetChildWorkflowExecutionCanceledEventAttributes returns the attributes of a ChildWorkflowExecutionCanceled event, or nil.
func (e *Event) GetChildWorkflowExecutionCanceledEventAttributes() *ChildWorkflowExecutionCanceledEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionCanceledEventAttributes)
	return a
}

// GetChildWorkflowExecutionTimedOutEventAttributes returns the attributes of a ChildWorkflowExecutionTimedOut event, or nil.
func (e *Event) GetChildWorkflowExecutionTimedOutEventAttributes() *ChildWorkflowExecutionTimedOutEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionTimedOutEventAttributes)
	return a
}

// GetChildWorkflowExecutionTerminatedEventAttributes returns the attributes of a ChildWorkflowExecutionTerminated event, or nil.
func (e *Event) GetChildWorkflowExecutionTerminatedEventAttributes() *ChildWorkflowExecutionTerminatedEventAttributes {
	a, _ := e.attributes().(*ChildWorkflowExecutionTerminatedEventAttributes)
	return a
}

// GetSignalExternalWorkflowExecutionInitiatedEventAttributes returns the attributes of a SignalExternalWorkflowExecutionInitiated event, or nil.
func (e *Event) GetSignalExternalWorkflowExecutionInitiatedEventAttributes() *SignalExternalWorkflowExecutionInitiatedEventAttributes {
	a, _ := e.attributes().(*SignalExternalWorkflowExecutionInitiatedEventAttributes)
	return a
}

// GetSignalExternalWorkflowExecutionFailedEventAttributes returns the attributes of a SignalExternalWorkflowExecutionFailed event, or nil.
func (e *Event) GetSignalExternalWorkflowExecutionFailedEventAttributes() *SignalExternalWorkflowExecutionFailedEventAttributes {
	a, _ := e.attributes().(*SignalExternalWorkflowExecutionFailedEventAttributes)
	return a
}

// GetExternalWorkflowExecutionSignaledEventAttributes returns the attributes of a ExternalWorkflowExecutionSignaled event, or nil.
func (e *Event) GetExternalWorkflowExecutionSignaledEventAttributes() *ExternalWorkflowExecutionSignaledEventAttributes {
	a, _ := e.attributes().(*ExternalWorkflowExecutionSignaledEventAttributes)
	return a
}

// GetUpsertWorkflowSearchAttributesEventAttributes returns the attributes of a UpsertWorkflowSearchAttributes event, or nil.
func (e *Event) GetUpsertWorkflowSearchAttributesEventAttributes() *UpsertWorkflowSearchAttributesEventAttributes {
	a, _ := e.attributes().(*UpsertWorkflowSearchAttributesEventAttributes)
	return a
}

// GetWorkflowExecutionUpdateAcceptedEventAttributes returns the attributes of a WorkflowExecutionUpdateAccepted event, or nil.
func (e *Event) GetWorkflowExecutionUpdateAcceptedEventAttributes() *WorkflowExecutionUpdateAcceptedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionUpdateAcceptedEventAttributes)
	return a
}

// GetWorkflowExecutionUpdateRejectedEventAttributes returns the attributes of a WorkflowExecutionUpdateRejected event, or nil.
func (e *Event) GetWorkflowExecutionUpdateRejectedEventAttributes() *WorkflowExecutionUpdateRejectedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionUpdateRejectedEventAttributes)
	return a
}

// GetWorkflowExecutionUpdateCompletedEventAttributes returns the attributes of a WorkflowExecutionUpdateCompleted event, or nil.
func (e *Event) GetWorkflowExecutionUpdateCompletedEventAttributes() *WorkflowExecutionUpdateCompletedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionUpdateCompletedEventAttributes)
	return a
}

// GetWorkflowPropertiesModifiedExternallyEventAttributes returns the attributes of a WorkflowPropertiesModifiedExternally event, or nil.
func (e *Event) GetWorkflowPropertiesModifiedExternallyEventAttributes() *WorkflowPropertiesModifiedExternallyEventAttributes {
	a, _ := e.attributes().(*WorkflowPropertiesModifiedExternallyEventAttributes)
	return a
}

// GetActivityPropertiesModifiedExternallyEventAttributes returns the attributes of a ActivityPropertiesModifiedExternally event, or nil.
func (e *Event) GetActivityPropertiesModifiedExternallyEventAttributes() *ActivityPropertiesModifiedExternallyEventAttributes {
	a, _ := e.attributes().(*ActivityPropertiesModifiedExternallyEventAttributes)
	return a
}

// GetWorkflowPropertiesModifiedEventAttributes returns the attributes of a WorkflowPropertiesModified event, or nil.
func (e *Event) GetWorkflowPropertiesModifiedEventAttributes() *WorkflowPropertiesModifiedEventAttributes {
	a, _ := e.attributes().(*WorkflowPropertiesModifiedEventAttributes)
	return a
}

// GetWorkflowExecutionUpdateAdmittedEventAttributes returns the attributes of a WorkflowExecutionUpdateAdmitted event, or nil.
func (e *Event) GetWorkflowExecutionUpdateAdmittedEventAttributes() *WorkflowExecutionUpdateAdmittedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionUpdateAdmittedEventAttributes)
	return a
}

// GetNexusOperationScheduledEventAttributes returns the attributes of a NexusOperationScheduled event, or nil.
func (e *Event) GetNexusOperationScheduledEventAttributes() *NexusOperationScheduledEventAttributes {
	a, _ := e.attributes().(*NexusOperationScheduledEventAttributes)
	return a
}

// GetNexusOperationStartedEventAttributes returns the attributes of a NexusOperationStarted event, or nil.
func (e *Event) GetNexusOperationStartedEventAttributes() *NexusOperationStartedEventAttributes {
	a, _ := e.attributes().(*NexusOperationStartedEventAttributes)
	return a
}

// GetNexusOperationCompletedEventAttributes returns the attributes of a NexusOperationCompleted event, or nil.
func (e *Event) GetNexusOperationCompletedEventAttributes() *NexusOperationCompletedEventAttributes {
	a, _ := e.attributes().(*NexusOperationCompletedEventAttributes)
	return a
}

// GetNexusOperationFailedEventAttributes returns the attributes of a NexusOperationFailed event, or nil.
func (e *Event) GetNexusOperationFailedEventAttributes() *NexusOperationFailedEventAttributes {
	a, _ := e.attributes().(*NexusOperationFailedEventAttributes)
	return a
}

// GetNexusOperationCanceledEventAttributes returns the attributes of a NexusOperationCanceled event, or nil.
func (e *Event) GetNexusOperationCanceledEventAttributes() *NexusOperationCanceledEventAttributes {
	a, _ := e.attributes().(*NexusOperationCanceledEventAttributes)
	return a
}

// GetNexusOperationTimedOutEventAttributes returns the attributes of a NexusOperationTimedOut event, or nil.
func (e *Event) GetNexusOperationTimedOutEventAttributes() *NexusOperationTimedOutEventAttributes {
	a, _ := e.attributes().(*NexusOperationTimedOutEventAttributes)
	return a
}

// GetNexusOperationCancelRequestedEventAttributes returns the attributes of a NexusOperationCancelRequested event, or nil.
func (e *Event) GetNexusOperationCancelRequestedEventAttributes() *NexusOperationCancelRequestedEventAttributes {
	a, _ := e.attributes().(*NexusOperationCancelRequestedEventAttributes)
	return a
}

// GetWorkflowExecutionOptionsUpdatedEventAttributes returns the attributes of a WorkflowExecutionOptionsUpdated event, or nil.
func (e *Event) GetWorkflowExecutionOptionsUpdatedEventAttributes() *WorkflowExecutionOptionsUpdatedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionOptionsUpdatedEventAttributes)
	return a
}

// GetNexusOperationCancelRequestCompletedEventAttributes returns the attributes of a NexusOperationCancelRequestCompleted event, or nil.
func (e *Event) GetNexusOperationCancelRequestCompletedEventAttributes() *NexusOperationCancelRequestCompletedEventAttributes {
	a, _ := e.attributes().(*NexusOperationCancelRequestCompletedEventAttributes)
	return a
}

// GetNexusOperationCancelRequestFailedEventAttributes returns the attributes of a NexusOperationCancelRequestFailed event, or nil.
func (e *Event) GetNexusOperationCancelRequestFailedEventAttributes() *NexusOperationCancelRequestFailedEventAttributes {
	a, _ := e.attributes().(*NexusOperationCancelRequestFailedEventAttributes)
	return a
}

// GetWorkflowExecutionPausedEventAttributes returns the attributes of a WorkflowExecutionPaused event, or nil.
func (e *Event) GetWorkflowExecutionPausedEventAttributes() *WorkflowExecutionPausedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionPausedEventAttributes)
	return a
}

// GetWorkflowExecutionUnpausedEventAttributes returns the attributes of a WorkflowExecutionUnpaused event, or nil.
func (e *Event) GetWorkflowExecutionUnpausedEventAttributes() *WorkflowExecutionUnpausedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionUnpausedEventAttributes)
	return a
}

// GetWorkflowExecutionTimeSkippingTransitionedEventAttributes returns the attributes of a WorkflowExecutionTimeSkippingTransitioned event, or nil.
func (e *Event) GetWorkflowExecutionTimeSkippingTransitionedEventAttributes() *WorkflowExecutionTimeSkippingTransitionedEventAttributes {
	a, _ := e.attributes().(*WorkflowExecutionTimeSkippingTransitionedEventAttributes)
	return a
}
