package replay

import "time"

// Event is one event of a workflow history, with Temporal's fields. Exactly
// one of the attribute fields is set, the one named after EventType (an
// ActivityTaskScheduled event has ActivityTaskScheduled set); Attributes
// returns it.
//
// An event of a type this package does not know, read from a history that
// marks it WorkerMayIgnore, is kept with EventType EventTypeUnspecified and
// no attributes, so that event IDs stay contiguous; replay skips it.
type Event struct {
	EventID   int64
	EventTime time.Time
	EventType EventType
	// Version is the failover version of the namespace; replay ignores it.
	Version int64
	// TaskID is the server's internal task ID; replay ignores it.
	TaskID int64
	// WorkerMayIgnore tells a worker that does not know the event's type to
	// skip it instead of failing.
	WorkerMayIgnore bool
	UserMetadata    *UserMetadata
	Links           []*Link
	Principal       *Principal

	WorkflowExecutionStarted                        *WorkflowExecutionStartedEventAttributes
	WorkflowExecutionCompleted                      *WorkflowExecutionCompletedEventAttributes
	WorkflowExecutionFailed                         *WorkflowExecutionFailedEventAttributes
	WorkflowExecutionTimedOut                       *WorkflowExecutionTimedOutEventAttributes
	WorkflowTaskScheduled                           *WorkflowTaskScheduledEventAttributes
	WorkflowTaskStarted                             *WorkflowTaskStartedEventAttributes
	WorkflowTaskCompleted                           *WorkflowTaskCompletedEventAttributes
	WorkflowTaskTimedOut                            *WorkflowTaskTimedOutEventAttributes
	WorkflowTaskFailed                              *WorkflowTaskFailedEventAttributes
	ActivityTaskScheduled                           *ActivityTaskScheduledEventAttributes
	ActivityTaskStarted                             *ActivityTaskStartedEventAttributes
	ActivityTaskCompleted                           *ActivityTaskCompletedEventAttributes
	ActivityTaskFailed                              *ActivityTaskFailedEventAttributes
	ActivityTaskTimedOut                            *ActivityTaskTimedOutEventAttributes
	ActivityTaskCancelRequested                     *ActivityTaskCancelRequestedEventAttributes
	ActivityTaskCanceled                            *ActivityTaskCanceledEventAttributes
	TimerStarted                                    *TimerStartedEventAttributes
	TimerFired                                      *TimerFiredEventAttributes
	TimerCanceled                                   *TimerCanceledEventAttributes
	WorkflowExecutionCancelRequested                *WorkflowExecutionCancelRequestedEventAttributes
	WorkflowExecutionCanceled                       *WorkflowExecutionCanceledEventAttributes
	RequestCancelExternalWorkflowExecutionInitiated *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes
	RequestCancelExternalWorkflowExecutionFailed    *RequestCancelExternalWorkflowExecutionFailedEventAttributes
	ExternalWorkflowExecutionCancelRequested        *ExternalWorkflowExecutionCancelRequestedEventAttributes
	MarkerRecorded                                  *MarkerRecordedEventAttributes
	WorkflowExecutionSignaled                       *WorkflowExecutionSignaledEventAttributes
	WorkflowExecutionTerminated                     *WorkflowExecutionTerminatedEventAttributes
	WorkflowExecutionContinuedAsNew                 *WorkflowExecutionContinuedAsNewEventAttributes
	StartChildWorkflowExecutionInitiated            *StartChildWorkflowExecutionInitiatedEventAttributes
	StartChildWorkflowExecutionFailed               *StartChildWorkflowExecutionFailedEventAttributes
	ChildWorkflowExecutionStarted                   *ChildWorkflowExecutionStartedEventAttributes
	ChildWorkflowExecutionCompleted                 *ChildWorkflowExecutionCompletedEventAttributes
	ChildWorkflowExecutionFailed                    *ChildWorkflowExecutionFailedEventAttributes
	ChildWorkflowExecutionCanceled                  *ChildWorkflowExecutionCanceledEventAttributes
	ChildWorkflowExecutionTimedOut                  *ChildWorkflowExecutionTimedOutEventAttributes
	ChildWorkflowExecutionTerminated                *ChildWorkflowExecutionTerminatedEventAttributes
	SignalExternalWorkflowExecutionInitiated        *SignalExternalWorkflowExecutionInitiatedEventAttributes
	SignalExternalWorkflowExecutionFailed           *SignalExternalWorkflowExecutionFailedEventAttributes
	ExternalWorkflowExecutionSignaled               *ExternalWorkflowExecutionSignaledEventAttributes
	UpsertWorkflowSearchAttributes                  *UpsertWorkflowSearchAttributesEventAttributes
	WorkflowExecutionUpdateAccepted                 *WorkflowExecutionUpdateAcceptedEventAttributes
	WorkflowExecutionUpdateRejected                 *WorkflowExecutionUpdateRejectedEventAttributes
	WorkflowExecutionUpdateCompleted                *WorkflowExecutionUpdateCompletedEventAttributes
	WorkflowPropertiesModifiedExternally            *WorkflowPropertiesModifiedExternallyEventAttributes
	ActivityPropertiesModifiedExternally            *ActivityPropertiesModifiedExternallyEventAttributes
	WorkflowPropertiesModified                      *WorkflowPropertiesModifiedEventAttributes
	WorkflowExecutionUpdateAdmitted                 *WorkflowExecutionUpdateAdmittedEventAttributes
	NexusOperationScheduled                         *NexusOperationScheduledEventAttributes
	NexusOperationStarted                           *NexusOperationStartedEventAttributes
	NexusOperationCompleted                         *NexusOperationCompletedEventAttributes
	NexusOperationFailed                            *NexusOperationFailedEventAttributes
	NexusOperationCanceled                          *NexusOperationCanceledEventAttributes
	NexusOperationTimedOut                          *NexusOperationTimedOutEventAttributes
	NexusOperationCancelRequested                   *NexusOperationCancelRequestedEventAttributes
	WorkflowExecutionOptionsUpdated                 *WorkflowExecutionOptionsUpdatedEventAttributes
	NexusOperationCancelRequestCompleted            *NexusOperationCancelRequestCompletedEventAttributes
	NexusOperationCancelRequestFailed               *NexusOperationCancelRequestFailedEventAttributes
	WorkflowExecutionPaused                         *WorkflowExecutionPausedEventAttributes
	WorkflowExecutionUnpaused                       *WorkflowExecutionUnpausedEventAttributes
	WorkflowExecutionTimeSkippingTransitioned       *WorkflowExecutionTimeSkippingTransitionedEventAttributes
}

// Attributes returns the event's attributes, such as an
// *ActivityTaskScheduledEventAttributes, or nil when none is set. When
// several are set (a programming error), it returns the one named after the
// event type if set, otherwise the first in Temporal's order.
func (e *Event) Attributes() any {
	if e == nil {
		return nil
	}
	if e.EventType.Known() {
		if a := eventKinds[e.EventType].slot.get(e); a != nil {
			return a
		}
	}
	for t := EventTypeWorkflowExecutionStarted; t <= maxEventType; t++ {
		if a := eventKinds[t].slot.get(e); a != nil {
			return a
		}
	}
	return nil
}

// eventKind describes one event type: its CamelCase name and the Event
// field that holds its attributes.
type eventKind struct {
	name string
	slot eventSlot
}

// eventSlot reads and fills one attribute field of an Event.
type eventSlot struct {
	get   func(*Event) any // the field's value, or an untyped nil
	alloc func(*Event) any // sets the field to a new zero value and returns it
	clear func(*Event)
}

func slot[T any](field func(*Event) **T) eventSlot {
	return eventSlot{
		get: func(e *Event) any {
			if p := *field(e); p != nil {
				return p
			}
			return nil
		},
		alloc: func(e *Event) any {
			p := new(T)
			*field(e) = p
			return p
		},
		clear: func(e *Event) { *field(e) = nil },
	}
}

// eventKinds is indexed by EventType; it is never modified.
var eventKinds = [maxEventType + 1]eventKind{
	EventTypeUnspecified:                 {name: "Unspecified"},
	EventTypeWorkflowExecutionStarted:    {"WorkflowExecutionStarted", slot(func(e *Event) **WorkflowExecutionStartedEventAttributes { return &e.WorkflowExecutionStarted })},
	EventTypeWorkflowExecutionCompleted:  {"WorkflowExecutionCompleted", slot(func(e *Event) **WorkflowExecutionCompletedEventAttributes { return &e.WorkflowExecutionCompleted })},
	EventTypeWorkflowExecutionFailed:     {"WorkflowExecutionFailed", slot(func(e *Event) **WorkflowExecutionFailedEventAttributes { return &e.WorkflowExecutionFailed })},
	EventTypeWorkflowExecutionTimedOut:   {"WorkflowExecutionTimedOut", slot(func(e *Event) **WorkflowExecutionTimedOutEventAttributes { return &e.WorkflowExecutionTimedOut })},
	EventTypeWorkflowTaskScheduled:       {"WorkflowTaskScheduled", slot(func(e *Event) **WorkflowTaskScheduledEventAttributes { return &e.WorkflowTaskScheduled })},
	EventTypeWorkflowTaskStarted:         {"WorkflowTaskStarted", slot(func(e *Event) **WorkflowTaskStartedEventAttributes { return &e.WorkflowTaskStarted })},
	EventTypeWorkflowTaskCompleted:       {"WorkflowTaskCompleted", slot(func(e *Event) **WorkflowTaskCompletedEventAttributes { return &e.WorkflowTaskCompleted })},
	EventTypeWorkflowTaskTimedOut:        {"WorkflowTaskTimedOut", slot(func(e *Event) **WorkflowTaskTimedOutEventAttributes { return &e.WorkflowTaskTimedOut })},
	EventTypeWorkflowTaskFailed:          {"WorkflowTaskFailed", slot(func(e *Event) **WorkflowTaskFailedEventAttributes { return &e.WorkflowTaskFailed })},
	EventTypeActivityTaskScheduled:       {"ActivityTaskScheduled", slot(func(e *Event) **ActivityTaskScheduledEventAttributes { return &e.ActivityTaskScheduled })},
	EventTypeActivityTaskStarted:         {"ActivityTaskStarted", slot(func(e *Event) **ActivityTaskStartedEventAttributes { return &e.ActivityTaskStarted })},
	EventTypeActivityTaskCompleted:       {"ActivityTaskCompleted", slot(func(e *Event) **ActivityTaskCompletedEventAttributes { return &e.ActivityTaskCompleted })},
	EventTypeActivityTaskFailed:          {"ActivityTaskFailed", slot(func(e *Event) **ActivityTaskFailedEventAttributes { return &e.ActivityTaskFailed })},
	EventTypeActivityTaskTimedOut:        {"ActivityTaskTimedOut", slot(func(e *Event) **ActivityTaskTimedOutEventAttributes { return &e.ActivityTaskTimedOut })},
	EventTypeActivityTaskCancelRequested: {"ActivityTaskCancelRequested", slot(func(e *Event) **ActivityTaskCancelRequestedEventAttributes { return &e.ActivityTaskCancelRequested })},
	EventTypeActivityTaskCanceled:        {"ActivityTaskCanceled", slot(func(e *Event) **ActivityTaskCanceledEventAttributes { return &e.ActivityTaskCanceled })},
	EventTypeTimerStarted:                {"TimerStarted", slot(func(e *Event) **TimerStartedEventAttributes { return &e.TimerStarted })},
	EventTypeTimerFired:                  {"TimerFired", slot(func(e *Event) **TimerFiredEventAttributes { return &e.TimerFired })},
	EventTypeTimerCanceled:               {"TimerCanceled", slot(func(e *Event) **TimerCanceledEventAttributes { return &e.TimerCanceled })},
	EventTypeWorkflowExecutionCancelRequested: {"WorkflowExecutionCancelRequested", slot(func(e *Event) **WorkflowExecutionCancelRequestedEventAttributes {
		return &e.WorkflowExecutionCancelRequested
	})},
	EventTypeWorkflowExecutionCanceled: {"WorkflowExecutionCanceled", slot(func(e *Event) **WorkflowExecutionCanceledEventAttributes { return &e.WorkflowExecutionCanceled })},
	EventTypeRequestCancelExternalWorkflowExecutionInitiated: {"RequestCancelExternalWorkflowExecutionInitiated", slot(func(e *Event) **RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
		return &e.RequestCancelExternalWorkflowExecutionInitiated
	})},
	EventTypeRequestCancelExternalWorkflowExecutionFailed: {"RequestCancelExternalWorkflowExecutionFailed", slot(func(e *Event) **RequestCancelExternalWorkflowExecutionFailedEventAttributes {
		return &e.RequestCancelExternalWorkflowExecutionFailed
	})},
	EventTypeExternalWorkflowExecutionCancelRequested: {"ExternalWorkflowExecutionCancelRequested", slot(func(e *Event) **ExternalWorkflowExecutionCancelRequestedEventAttributes {
		return &e.ExternalWorkflowExecutionCancelRequested
	})},
	EventTypeMarkerRecorded:              {"MarkerRecorded", slot(func(e *Event) **MarkerRecordedEventAttributes { return &e.MarkerRecorded })},
	EventTypeWorkflowExecutionSignaled:   {"WorkflowExecutionSignaled", slot(func(e *Event) **WorkflowExecutionSignaledEventAttributes { return &e.WorkflowExecutionSignaled })},
	EventTypeWorkflowExecutionTerminated: {"WorkflowExecutionTerminated", slot(func(e *Event) **WorkflowExecutionTerminatedEventAttributes { return &e.WorkflowExecutionTerminated })},
	EventTypeWorkflowExecutionContinuedAsNew: {"WorkflowExecutionContinuedAsNew", slot(func(e *Event) **WorkflowExecutionContinuedAsNewEventAttributes {
		return &e.WorkflowExecutionContinuedAsNew
	})},
	EventTypeStartChildWorkflowExecutionInitiated: {"StartChildWorkflowExecutionInitiated", slot(func(e *Event) **StartChildWorkflowExecutionInitiatedEventAttributes {
		return &e.StartChildWorkflowExecutionInitiated
	})},
	EventTypeStartChildWorkflowExecutionFailed: {"StartChildWorkflowExecutionFailed", slot(func(e *Event) **StartChildWorkflowExecutionFailedEventAttributes {
		return &e.StartChildWorkflowExecutionFailed
	})},
	EventTypeChildWorkflowExecutionStarted: {"ChildWorkflowExecutionStarted", slot(func(e *Event) **ChildWorkflowExecutionStartedEventAttributes { return &e.ChildWorkflowExecutionStarted })},
	EventTypeChildWorkflowExecutionCompleted: {"ChildWorkflowExecutionCompleted", slot(func(e *Event) **ChildWorkflowExecutionCompletedEventAttributes {
		return &e.ChildWorkflowExecutionCompleted
	})},
	EventTypeChildWorkflowExecutionFailed: {"ChildWorkflowExecutionFailed", slot(func(e *Event) **ChildWorkflowExecutionFailedEventAttributes { return &e.ChildWorkflowExecutionFailed })},
	EventTypeChildWorkflowExecutionCanceled: {"ChildWorkflowExecutionCanceled", slot(func(e *Event) **ChildWorkflowExecutionCanceledEventAttributes {
		return &e.ChildWorkflowExecutionCanceled
	})},
	EventTypeChildWorkflowExecutionTimedOut: {"ChildWorkflowExecutionTimedOut", slot(func(e *Event) **ChildWorkflowExecutionTimedOutEventAttributes {
		return &e.ChildWorkflowExecutionTimedOut
	})},
	EventTypeChildWorkflowExecutionTerminated: {"ChildWorkflowExecutionTerminated", slot(func(e *Event) **ChildWorkflowExecutionTerminatedEventAttributes {
		return &e.ChildWorkflowExecutionTerminated
	})},
	EventTypeSignalExternalWorkflowExecutionInitiated: {"SignalExternalWorkflowExecutionInitiated", slot(func(e *Event) **SignalExternalWorkflowExecutionInitiatedEventAttributes {
		return &e.SignalExternalWorkflowExecutionInitiated
	})},
	EventTypeSignalExternalWorkflowExecutionFailed: {"SignalExternalWorkflowExecutionFailed", slot(func(e *Event) **SignalExternalWorkflowExecutionFailedEventAttributes {
		return &e.SignalExternalWorkflowExecutionFailed
	})},
	EventTypeExternalWorkflowExecutionSignaled: {"ExternalWorkflowExecutionSignaled", slot(func(e *Event) **ExternalWorkflowExecutionSignaledEventAttributes {
		return &e.ExternalWorkflowExecutionSignaled
	})},
	EventTypeUpsertWorkflowSearchAttributes: {"UpsertWorkflowSearchAttributes", slot(func(e *Event) **UpsertWorkflowSearchAttributesEventAttributes {
		return &e.UpsertWorkflowSearchAttributes
	})},
	EventTypeWorkflowExecutionUpdateAccepted: {"WorkflowExecutionUpdateAccepted", slot(func(e *Event) **WorkflowExecutionUpdateAcceptedEventAttributes {
		return &e.WorkflowExecutionUpdateAccepted
	})},
	EventTypeWorkflowExecutionUpdateRejected: {"WorkflowExecutionUpdateRejected", slot(func(e *Event) **WorkflowExecutionUpdateRejectedEventAttributes {
		return &e.WorkflowExecutionUpdateRejected
	})},
	EventTypeWorkflowExecutionUpdateCompleted: {"WorkflowExecutionUpdateCompleted", slot(func(e *Event) **WorkflowExecutionUpdateCompletedEventAttributes {
		return &e.WorkflowExecutionUpdateCompleted
	})},
	EventTypeWorkflowPropertiesModifiedExternally: {"WorkflowPropertiesModifiedExternally", slot(func(e *Event) **WorkflowPropertiesModifiedExternallyEventAttributes {
		return &e.WorkflowPropertiesModifiedExternally
	})},
	EventTypeActivityPropertiesModifiedExternally: {"ActivityPropertiesModifiedExternally", slot(func(e *Event) **ActivityPropertiesModifiedExternallyEventAttributes {
		return &e.ActivityPropertiesModifiedExternally
	})},
	EventTypeWorkflowPropertiesModified: {"WorkflowPropertiesModified", slot(func(e *Event) **WorkflowPropertiesModifiedEventAttributes { return &e.WorkflowPropertiesModified })},
	EventTypeWorkflowExecutionUpdateAdmitted: {"WorkflowExecutionUpdateAdmitted", slot(func(e *Event) **WorkflowExecutionUpdateAdmittedEventAttributes {
		return &e.WorkflowExecutionUpdateAdmitted
	})},
	EventTypeNexusOperationScheduled:       {"NexusOperationScheduled", slot(func(e *Event) **NexusOperationScheduledEventAttributes { return &e.NexusOperationScheduled })},
	EventTypeNexusOperationStarted:         {"NexusOperationStarted", slot(func(e *Event) **NexusOperationStartedEventAttributes { return &e.NexusOperationStarted })},
	EventTypeNexusOperationCompleted:       {"NexusOperationCompleted", slot(func(e *Event) **NexusOperationCompletedEventAttributes { return &e.NexusOperationCompleted })},
	EventTypeNexusOperationFailed:          {"NexusOperationFailed", slot(func(e *Event) **NexusOperationFailedEventAttributes { return &e.NexusOperationFailed })},
	EventTypeNexusOperationCanceled:        {"NexusOperationCanceled", slot(func(e *Event) **NexusOperationCanceledEventAttributes { return &e.NexusOperationCanceled })},
	EventTypeNexusOperationTimedOut:        {"NexusOperationTimedOut", slot(func(e *Event) **NexusOperationTimedOutEventAttributes { return &e.NexusOperationTimedOut })},
	EventTypeNexusOperationCancelRequested: {"NexusOperationCancelRequested", slot(func(e *Event) **NexusOperationCancelRequestedEventAttributes { return &e.NexusOperationCancelRequested })},
	EventTypeWorkflowExecutionOptionsUpdated: {"WorkflowExecutionOptionsUpdated", slot(func(e *Event) **WorkflowExecutionOptionsUpdatedEventAttributes {
		return &e.WorkflowExecutionOptionsUpdated
	})},
	EventTypeNexusOperationCancelRequestCompleted: {"NexusOperationCancelRequestCompleted", slot(func(e *Event) **NexusOperationCancelRequestCompletedEventAttributes {
		return &e.NexusOperationCancelRequestCompleted
	})},
	EventTypeNexusOperationCancelRequestFailed: {"NexusOperationCancelRequestFailed", slot(func(e *Event) **NexusOperationCancelRequestFailedEventAttributes {
		return &e.NexusOperationCancelRequestFailed
	})},
	EventTypeWorkflowExecutionPaused:   {"WorkflowExecutionPaused", slot(func(e *Event) **WorkflowExecutionPausedEventAttributes { return &e.WorkflowExecutionPaused })},
	EventTypeWorkflowExecutionUnpaused: {"WorkflowExecutionUnpaused", slot(func(e *Event) **WorkflowExecutionUnpausedEventAttributes { return &e.WorkflowExecutionUnpaused })},
	EventTypeWorkflowExecutionTimeSkippingTransitioned: {"WorkflowExecutionTimeSkippingTransitioned", slot(func(e *Event) **WorkflowExecutionTimeSkippingTransitionedEventAttributes {
		return &e.WorkflowExecutionTimeSkippingTransitioned
	})},
}
