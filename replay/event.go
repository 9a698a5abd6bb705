package replay

import "time"

// Event is one event of a workflow history, with Temporal's fields.
// Attributes holds the attributes of its type (an ActivityTaskScheduled event
// holds an *ActivityTaskScheduledEventAttributes); the Get methods, such as
// GetActivityTaskScheduledEventAttributes, return them typed.
//
// The fields few events carry (user metadata, links, principal, unknown
// fields) are in Extras, nil for most events; GetUserMetadata, GetLinks,
// GetPrincipal and UnknownFields read them as Temporal's getters do.
//
// An event of a type this package does not know, read from a history that
// marks it WorkerMayIgnore, is kept with EventType EventTypeUnspecified and
// no attributes, so that event IDs stay contiguous; replay skips it. Its
// type and attributes are kept as unknown fields.
type Event struct {
	EventID   int64
	EventTime time.Time
	EventType EventType
	// WorkerMayIgnore tells a worker that does not know the event's type to
	// skip it instead of failing. (It sits next to EventType, in what would
	// be padding: a simulated run records events by the thousand.)
	WorkerMayIgnore bool
	// Version is the failover version of the namespace; replay ignores it.
	Version int64
	// TaskID is the server's internal task ID; replay ignores it.
	TaskID int64

	// Attributes is the event's attributes, of the type named after
	// EventType, or nil.
	Attributes EventAttributes

	// Extras holds the fields few events carry, or nil when the event has
	// none. (Kept apart, they make every other event 40 bytes smaller: a
	// simulated run records events by the thousand.)
	Extras *EventExtras
}

// EventExtras holds the fields of an event that most events lack.
type EventExtras struct {
	// UserMetadata is the summary and details a workflow gave the command
	// that recorded the event (a timer's or an activity's Summary).
	UserMetadata *UserMetadata
	Links        []*Link
	Principal    *Principal
	// Unknown holds the fields of the event's JSON that this package does
	// not know (fields of newer servers, enum values without a name here,
	// the type and attributes of an unknown event), ordered by Object and
	// Name. WriteJSON writes them back; replay ignores them.
	Unknown []UnknownField
}

// extras returns e.Extras, made first if e has none.
func (e *Event) extras() *EventExtras {
	if e.Extras == nil {
		e.Extras = &EventExtras{}
	}
	return e.Extras
}

// GetUserMetadata returns the event's user metadata, or nil.
func (e *Event) GetUserMetadata() *UserMetadata {
	if e == nil || e.Extras == nil {
		return nil
	}
	return e.Extras.UserMetadata
}

// GetLinks returns the event's links, or nil.
func (e *Event) GetLinks() []*Link {
	if e == nil || e.Extras == nil {
		return nil
	}
	return e.Extras.Links
}

// GetPrincipal returns who caused the event, or nil.
func (e *Event) GetPrincipal() *Principal {
	if e == nil || e.Extras == nil {
		return nil
	}
	return e.Extras.Principal
}

// UnknownFields returns the fields of the event's JSON that this package
// does not know (see EventExtras.Unknown), or nil.
func (e *Event) UnknownFields() []UnknownField {
	if e == nil || e.Extras == nil {
		return nil
	}
	return e.Extras.Unknown
}

// attributes returns e.Attributes, or nil when e is nil.
func (e *Event) attributes() EventAttributes {
	if e == nil {
		return nil
	}
	return e.Attributes
}

// eventKind describes one event type: its CamelCase name and how to reach
// its attributes.
type eventKind struct {
	name string
	slot eventSlot
}

// eventSlot reads and fills the attributes of one event type.
type eventSlot struct {
	get   func(*Event) any // the attributes if of this type, or an untyped nil
	alloc func(*Event) any // sets new zero attributes of this type and returns them
}

func slot[T any, P interface {
	*T
	EventAttributes
}]() eventSlot {
	return eventSlot{
		get: func(e *Event) any {
			if p, ok := e.Attributes.(P); ok && p != nil {
				return p
			}
			return nil
		},
		alloc: func(e *Event) any {
			p := P(new(T))
			e.Attributes = p
			return p
		},
	}
}

// eventKinds is indexed by EventType; it is never modified.
var eventKinds = [maxEventType + 1]eventKind{
	EventTypeUnspecified:                                     {name: "Unspecified"},
	EventTypeWorkflowExecutionStarted:                        {"WorkflowExecutionStarted", slot[WorkflowExecutionStartedEventAttributes]()},
	EventTypeWorkflowExecutionCompleted:                      {"WorkflowExecutionCompleted", slot[WorkflowExecutionCompletedEventAttributes]()},
	EventTypeWorkflowExecutionFailed:                         {"WorkflowExecutionFailed", slot[WorkflowExecutionFailedEventAttributes]()},
	EventTypeWorkflowExecutionTimedOut:                       {"WorkflowExecutionTimedOut", slot[WorkflowExecutionTimedOutEventAttributes]()},
	EventTypeWorkflowTaskScheduled:                           {"WorkflowTaskScheduled", slot[WorkflowTaskScheduledEventAttributes]()},
	EventTypeWorkflowTaskStarted:                             {"WorkflowTaskStarted", slot[WorkflowTaskStartedEventAttributes]()},
	EventTypeWorkflowTaskCompleted:                           {"WorkflowTaskCompleted", slot[WorkflowTaskCompletedEventAttributes]()},
	EventTypeWorkflowTaskTimedOut:                            {"WorkflowTaskTimedOut", slot[WorkflowTaskTimedOutEventAttributes]()},
	EventTypeWorkflowTaskFailed:                              {"WorkflowTaskFailed", slot[WorkflowTaskFailedEventAttributes]()},
	EventTypeActivityTaskScheduled:                           {"ActivityTaskScheduled", slot[ActivityTaskScheduledEventAttributes]()},
	EventTypeActivityTaskStarted:                             {"ActivityTaskStarted", slot[ActivityTaskStartedEventAttributes]()},
	EventTypeActivityTaskCompleted:                           {"ActivityTaskCompleted", slot[ActivityTaskCompletedEventAttributes]()},
	EventTypeActivityTaskFailed:                              {"ActivityTaskFailed", slot[ActivityTaskFailedEventAttributes]()},
	EventTypeActivityTaskTimedOut:                            {"ActivityTaskTimedOut", slot[ActivityTaskTimedOutEventAttributes]()},
	EventTypeActivityTaskCancelRequested:                     {"ActivityTaskCancelRequested", slot[ActivityTaskCancelRequestedEventAttributes]()},
	EventTypeActivityTaskCanceled:                            {"ActivityTaskCanceled", slot[ActivityTaskCanceledEventAttributes]()},
	EventTypeTimerStarted:                                    {"TimerStarted", slot[TimerStartedEventAttributes]()},
	EventTypeTimerFired:                                      {"TimerFired", slot[TimerFiredEventAttributes]()},
	EventTypeTimerCanceled:                                   {"TimerCanceled", slot[TimerCanceledEventAttributes]()},
	EventTypeWorkflowExecutionCancelRequested:                {"WorkflowExecutionCancelRequested", slot[WorkflowExecutionCancelRequestedEventAttributes]()},
	EventTypeWorkflowExecutionCanceled:                       {"WorkflowExecutionCanceled", slot[WorkflowExecutionCanceledEventAttributes]()},
	EventTypeRequestCancelExternalWorkflowExecutionInitiated: {"RequestCancelExternalWorkflowExecutionInitiated", slot[RequestCancelExternalWorkflowExecutionInitiatedEventAttributes]()},
	EventTypeRequestCancelExternalWorkflowExecutionFailed:    {"RequestCancelExternalWorkflowExecutionFailed", slot[RequestCancelExternalWorkflowExecutionFailedEventAttributes]()},
	EventTypeExternalWorkflowExecutionCancelRequested:        {"ExternalWorkflowExecutionCancelRequested", slot[ExternalWorkflowExecutionCancelRequestedEventAttributes]()},
	EventTypeMarkerRecorded:                                  {"MarkerRecorded", slot[MarkerRecordedEventAttributes]()},
	EventTypeWorkflowExecutionSignaled:                       {"WorkflowExecutionSignaled", slot[WorkflowExecutionSignaledEventAttributes]()},
	EventTypeWorkflowExecutionTerminated:                     {"WorkflowExecutionTerminated", slot[WorkflowExecutionTerminatedEventAttributes]()},
	EventTypeWorkflowExecutionContinuedAsNew:                 {"WorkflowExecutionContinuedAsNew", slot[WorkflowExecutionContinuedAsNewEventAttributes]()},
	EventTypeStartChildWorkflowExecutionInitiated:            {"StartChildWorkflowExecutionInitiated", slot[StartChildWorkflowExecutionInitiatedEventAttributes]()},
	EventTypeStartChildWorkflowExecutionFailed:               {"StartChildWorkflowExecutionFailed", slot[StartChildWorkflowExecutionFailedEventAttributes]()},
	EventTypeChildWorkflowExecutionStarted:                   {"ChildWorkflowExecutionStarted", slot[ChildWorkflowExecutionStartedEventAttributes]()},
	EventTypeChildWorkflowExecutionCompleted:                 {"ChildWorkflowExecutionCompleted", slot[ChildWorkflowExecutionCompletedEventAttributes]()},
	EventTypeChildWorkflowExecutionFailed:                    {"ChildWorkflowExecutionFailed", slot[ChildWorkflowExecutionFailedEventAttributes]()},
	EventTypeChildWorkflowExecutionCanceled:                  {"ChildWorkflowExecutionCanceled", slot[ChildWorkflowExecutionCanceledEventAttributes]()},
	EventTypeChildWorkflowExecutionTimedOut:                  {"ChildWorkflowExecutionTimedOut", slot[ChildWorkflowExecutionTimedOutEventAttributes]()},
	EventTypeChildWorkflowExecutionTerminated:                {"ChildWorkflowExecutionTerminated", slot[ChildWorkflowExecutionTerminatedEventAttributes]()},
	EventTypeSignalExternalWorkflowExecutionInitiated:        {"SignalExternalWorkflowExecutionInitiated", slot[SignalExternalWorkflowExecutionInitiatedEventAttributes]()},
	EventTypeSignalExternalWorkflowExecutionFailed:           {"SignalExternalWorkflowExecutionFailed", slot[SignalExternalWorkflowExecutionFailedEventAttributes]()},
	EventTypeExternalWorkflowExecutionSignaled:               {"ExternalWorkflowExecutionSignaled", slot[ExternalWorkflowExecutionSignaledEventAttributes]()},
	EventTypeUpsertWorkflowSearchAttributes:                  {"UpsertWorkflowSearchAttributes", slot[UpsertWorkflowSearchAttributesEventAttributes]()},
	EventTypeWorkflowExecutionUpdateAccepted:                 {"WorkflowExecutionUpdateAccepted", slot[WorkflowExecutionUpdateAcceptedEventAttributes]()},
	EventTypeWorkflowExecutionUpdateRejected:                 {"WorkflowExecutionUpdateRejected", slot[WorkflowExecutionUpdateRejectedEventAttributes]()},
	EventTypeWorkflowExecutionUpdateCompleted:                {"WorkflowExecutionUpdateCompleted", slot[WorkflowExecutionUpdateCompletedEventAttributes]()},
	EventTypeWorkflowPropertiesModifiedExternally:            {"WorkflowPropertiesModifiedExternally", slot[WorkflowPropertiesModifiedExternallyEventAttributes]()},
	EventTypeActivityPropertiesModifiedExternally:            {"ActivityPropertiesModifiedExternally", slot[ActivityPropertiesModifiedExternallyEventAttributes]()},
	EventTypeWorkflowPropertiesModified:                      {"WorkflowPropertiesModified", slot[WorkflowPropertiesModifiedEventAttributes]()},
	EventTypeWorkflowExecutionUpdateAdmitted:                 {"WorkflowExecutionUpdateAdmitted", slot[WorkflowExecutionUpdateAdmittedEventAttributes]()},
	EventTypeNexusOperationScheduled:                         {"NexusOperationScheduled", slot[NexusOperationScheduledEventAttributes]()},
	EventTypeNexusOperationStarted:                           {"NexusOperationStarted", slot[NexusOperationStartedEventAttributes]()},
	EventTypeNexusOperationCompleted:                         {"NexusOperationCompleted", slot[NexusOperationCompletedEventAttributes]()},
	EventTypeNexusOperationFailed:                            {"NexusOperationFailed", slot[NexusOperationFailedEventAttributes]()},
	EventTypeNexusOperationCanceled:                          {"NexusOperationCanceled", slot[NexusOperationCanceledEventAttributes]()},
	EventTypeNexusOperationTimedOut:                          {"NexusOperationTimedOut", slot[NexusOperationTimedOutEventAttributes]()},
	EventTypeNexusOperationCancelRequested:                   {"NexusOperationCancelRequested", slot[NexusOperationCancelRequestedEventAttributes]()},
	EventTypeWorkflowExecutionOptionsUpdated:                 {"WorkflowExecutionOptionsUpdated", slot[WorkflowExecutionOptionsUpdatedEventAttributes]()},
	EventTypeNexusOperationCancelRequestCompleted:            {"NexusOperationCancelRequestCompleted", slot[NexusOperationCancelRequestCompletedEventAttributes]()},
	EventTypeNexusOperationCancelRequestFailed:               {"NexusOperationCancelRequestFailed", slot[NexusOperationCancelRequestFailedEventAttributes]()},
	EventTypeWorkflowExecutionPaused:                         {"WorkflowExecutionPaused", slot[WorkflowExecutionPausedEventAttributes]()},
	EventTypeWorkflowExecutionUnpaused:                       {"WorkflowExecutionUnpaused", slot[WorkflowExecutionUnpausedEventAttributes]()},
	EventTypeWorkflowExecutionTimeSkippingTransitioned:       {"WorkflowExecutionTimeSkippingTransitioned", slot[WorkflowExecutionTimeSkippingTransitionedEventAttributes]()},
}

// GetEventId returns e.EventID, or 0 when e is nil, under the name of
// Temporal's protobuf getter, for code that walks a history's events.
func (e *Event) GetEventId() int64 {
	if e == nil {
		return 0
	}
	return e.EventID
}

// GetEventType returns e.EventType, or EventTypeUnspecified when e is nil,
// as Temporal's protobuf getter does.
func (e *Event) GetEventType() EventType {
	if e == nil {
		return EventTypeUnspecified
	}
	return e.EventType
}

// GetTaskId returns e.TaskID, or 0 when e is nil, as Temporal's protobuf
// getter does.
func (e *Event) GetTaskId() int64 {
	if e == nil {
		return 0
	}
	return e.TaskID
}
