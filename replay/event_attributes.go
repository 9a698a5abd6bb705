package replay

// EventAttributes is the attributes of one event type: it is implemented by
// *WorkflowExecutionStartedEventAttributes, *ActivityTaskScheduledEventAttributes
// and every other *XxxEventAttributes type of this package, and by nothing else.
type EventAttributes interface {
	isEventAttributes()
}

func (*WorkflowExecutionStartedEventAttributes) isEventAttributes()                        {}
func (*WorkflowExecutionCompletedEventAttributes) isEventAttributes()                      {}
func (*WorkflowExecutionFailedEventAttributes) isEventAttributes()                         {}
func (*WorkflowExecutionTimedOutEventAttributes) isEventAttributes()                       {}
func (*WorkflowTaskScheduledEventAttributes) isEventAttributes()                           {}
func (*WorkflowTaskStartedEventAttributes) isEventAttributes()                             {}
func (*WorkflowTaskCompletedEventAttributes) isEventAttributes()                           {}
func (*WorkflowTaskTimedOutEventAttributes) isEventAttributes()                            {}
func (*WorkflowTaskFailedEventAttributes) isEventAttributes()                              {}
func (*ActivityTaskScheduledEventAttributes) isEventAttributes()                           {}
func (*ActivityTaskStartedEventAttributes) isEventAttributes()                             {}
func (*ActivityTaskCompletedEventAttributes) isEventAttributes()                           {}
func (*ActivityTaskFailedEventAttributes) isEventAttributes()                              {}
func (*ActivityTaskTimedOutEventAttributes) isEventAttributes()                            {}
func (*ActivityTaskCancelRequestedEventAttributes) isEventAttributes()                     {}
func (*ActivityTaskCanceledEventAttributes) isEventAttributes()                            {}
func (*TimerStartedEventAttributes) isEventAttributes()                                    {}
func (*TimerFiredEventAttributes) isEventAttributes()                                      {}
func (*TimerCanceledEventAttributes) isEventAttributes()                                   {}
func (*WorkflowExecutionCancelRequestedEventAttributes) isEventAttributes()                {}
func (*WorkflowExecutionCanceledEventAttributes) isEventAttributes()                       {}
func (*RequestCancelExternalWorkflowExecutionInitiatedEventAttributes) isEventAttributes() {}
func (*RequestCancelExternalWorkflowExecutionFailedEventAttributes) isEventAttributes()    {}
func (*ExternalWorkflowExecutionCancelRequestedEventAttributes) isEventAttributes()        {}
func (*MarkerRecordedEventAttributes) isEventAttributes()                                  {}
func (*WorkflowExecutionSignaledEventAttributes) isEventAttributes()                       {}
func (*WorkflowExecutionTerminatedEventAttributes) isEventAttributes()                     {}
func (*WorkflowExecutionContinuedAsNewEventAttributes) isEventAttributes()                 {}
func (*StartChildWorkflowExecutionInitiatedEventAttributes) isEventAttributes()            {}
func (*StartChildWorkflowExecutionFailedEventAttributes) isEventAttributes()               {}
func (*ChildWorkflowExecutionStartedEventAttributes) isEventAttributes()                   {}
func (*ChildWorkflowExecutionCompletedEventAttributes) isEventAttributes()                 {}
func (*ChildWorkflowExecutionFailedEventAttributes) isEventAttributes()                    {}
func (*ChildWorkflowExecutionCanceledEventAttributes) isEventAttributes()                  {}
func (*ChildWorkflowExecutionTimedOutEventAttributes) isEventAttributes()                  {}
func (*ChildWorkflowExecutionTerminatedEventAttributes) isEventAttributes()                {}
func (*SignalExternalWorkflowExecutionInitiatedEventAttributes) isEventAttributes()        {}
func (*SignalExternalWorkflowExecutionFailedEventAttributes) isEventAttributes()           {}
func (*ExternalWorkflowExecutionSignaledEventAttributes) isEventAttributes()               {}
func (*UpsertWorkflowSearchAttributesEventAttributes) isEventAttributes()                  {}
func (*WorkflowExecutionUpdateAcceptedEventAttributes) isEventAttributes()                 {}
func (*WorkflowExecutionUpdateRejectedEventAttributes) isEventAttributes()                 {}
func (*WorkflowExecutionUpdateCompletedEventAttributes) isEventAttributes()                {}
func (*WorkflowPropertiesModifiedExternallyEventAttributes) isEventAttributes()            {}
func (*ActivityPropertiesModifiedExternallyEventAttributes) isEventAttributes()            {}
func (*WorkflowPropertiesModifiedEventAttributes) isEventAttributes()                      {}
func (*WorkflowExecutionUpdateAdmittedEventAttributes) isEventAttributes()                 {}
func (*NexusOperationScheduledEventAttributes) isEventAttributes()                         {}
func (*NexusOperationStartedEventAttributes) isEventAttributes()                           {}
func (*NexusOperationCompletedEventAttributes) isEventAttributes()                         {}
func (*NexusOperationFailedEventAttributes) isEventAttributes()                            {}
func (*NexusOperationCanceledEventAttributes) isEventAttributes()                          {}
func (*NexusOperationTimedOutEventAttributes) isEventAttributes()                          {}
func (*NexusOperationCancelRequestedEventAttributes) isEventAttributes()                   {}
func (*WorkflowExecutionOptionsUpdatedEventAttributes) isEventAttributes()                 {}
func (*NexusOperationCancelRequestCompletedEventAttributes) isEventAttributes()            {}
func (*NexusOperationCancelRequestFailedEventAttributes) isEventAttributes()               {}
func (*WorkflowExecutionPausedEventAttributes) isEventAttributes()                         {}
func (*WorkflowExecutionUnpausedEventAttributes) isEventAttributes()                       {}
func (*WorkflowExecutionTimeSkippingTransitionedEventAttributes) isEventAttributes()       {}
