package replay

import "strconv"

// EventType is the type of a history event. The values are Temporal's
// (enums.v1.EventType), so they can be compared with numbers printed by
// Temporal's tools.
type EventType int32

// The event types of Temporal's enum, in its numeric order.
const (
	EventTypeUnspecified                                     EventType = 0
	EventTypeWorkflowExecutionStarted                        EventType = 1
	EventTypeWorkflowExecutionCompleted                      EventType = 2
	EventTypeWorkflowExecutionFailed                         EventType = 3
	EventTypeWorkflowExecutionTimedOut                       EventType = 4
	EventTypeWorkflowTaskScheduled                           EventType = 5
	EventTypeWorkflowTaskStarted                             EventType = 6
	EventTypeWorkflowTaskCompleted                           EventType = 7
	EventTypeWorkflowTaskTimedOut                            EventType = 8
	EventTypeWorkflowTaskFailed                              EventType = 9
	EventTypeActivityTaskScheduled                           EventType = 10
	EventTypeActivityTaskStarted                             EventType = 11
	EventTypeActivityTaskCompleted                           EventType = 12
	EventTypeActivityTaskFailed                              EventType = 13
	EventTypeActivityTaskTimedOut                            EventType = 14
	EventTypeActivityTaskCancelRequested                     EventType = 15
	EventTypeActivityTaskCanceled                            EventType = 16
	EventTypeTimerStarted                                    EventType = 17
	EventTypeTimerFired                                      EventType = 18
	EventTypeTimerCanceled                                   EventType = 19
	EventTypeWorkflowExecutionCancelRequested                EventType = 20
	EventTypeWorkflowExecutionCanceled                       EventType = 21
	EventTypeRequestCancelExternalWorkflowExecutionInitiated EventType = 22
	EventTypeRequestCancelExternalWorkflowExecutionFailed    EventType = 23
	EventTypeExternalWorkflowExecutionCancelRequested        EventType = 24
	EventTypeMarkerRecorded                                  EventType = 25
	EventTypeWorkflowExecutionSignaled                       EventType = 26
	EventTypeWorkflowExecutionTerminated                     EventType = 27
	EventTypeWorkflowExecutionContinuedAsNew                 EventType = 28
	EventTypeStartChildWorkflowExecutionInitiated            EventType = 29
	EventTypeStartChildWorkflowExecutionFailed               EventType = 30
	EventTypeChildWorkflowExecutionStarted                   EventType = 31
	EventTypeChildWorkflowExecutionCompleted                 EventType = 32
	EventTypeChildWorkflowExecutionFailed                    EventType = 33
	EventTypeChildWorkflowExecutionCanceled                  EventType = 34
	EventTypeChildWorkflowExecutionTimedOut                  EventType = 35
	EventTypeChildWorkflowExecutionTerminated                EventType = 36
	EventTypeSignalExternalWorkflowExecutionInitiated        EventType = 37
	EventTypeSignalExternalWorkflowExecutionFailed           EventType = 38
	EventTypeExternalWorkflowExecutionSignaled               EventType = 39
	EventTypeUpsertWorkflowSearchAttributes                  EventType = 40
	EventTypeWorkflowExecutionUpdateAccepted                 EventType = 41
	EventTypeWorkflowExecutionUpdateRejected                 EventType = 42
	EventTypeWorkflowExecutionUpdateCompleted                EventType = 43
	EventTypeWorkflowPropertiesModifiedExternally            EventType = 44
	EventTypeActivityPropertiesModifiedExternally            EventType = 45
	EventTypeWorkflowPropertiesModified                      EventType = 46
	EventTypeWorkflowExecutionUpdateAdmitted                 EventType = 47
	EventTypeNexusOperationScheduled                         EventType = 48
	EventTypeNexusOperationStarted                           EventType = 49
	EventTypeNexusOperationCompleted                         EventType = 50
	EventTypeNexusOperationFailed                            EventType = 51
	EventTypeNexusOperationCanceled                          EventType = 52
	EventTypeNexusOperationTimedOut                          EventType = 53
	EventTypeNexusOperationCancelRequested                   EventType = 54
	EventTypeWorkflowExecutionOptionsUpdated                 EventType = 55
	EventTypeNexusOperationCancelRequestCompleted            EventType = 56
	EventTypeNexusOperationCancelRequestFailed               EventType = 57
	EventTypeWorkflowExecutionPaused                         EventType = 58
	EventTypeWorkflowExecutionUnpaused                       EventType = 59
	EventTypeWorkflowExecutionTimeSkippingTransitioned       EventType = 60
	maxEventType                                                       = EventTypeWorkflowExecutionTimeSkippingTransitioned
)

// String returns the event type's name as Temporal's Go SDK prints it, such
// as "ActivityTaskScheduled". Values outside the enum print as
// "EventType(99)".
func (t EventType) String() string {
	if t.Known() || t == EventTypeUnspecified {
		return eventKinds[t].name
	}
	return "EventType(" + strconv.FormatInt(int64(t), 10) + ")"
}

// Known reports whether t is one of the event types of Temporal's enum
// (EventTypeUnspecified excluded).
func (t EventType) Known() bool {
	return t > EventTypeUnspecified && t <= maxEventType
}

// IsCommandEvent reports whether events of type t are recorded in response
// to a command of workflow code (ScheduleActivityTask → ActivityTaskScheduled,
// StartTimer → TimerStarted, …), as opposed to events that deliver something
// to the workflow. The replayer matches command events against the commands
// the code issues.
func (t EventType) IsCommandEvent() bool {
	return uint64(t) < 64 && commandEventTypes>>uint64(t)&1 != 0
}

// commandEventTypes has bit t set for each type t of command event: a mask
// rather than a switch, since a replay asks it of every event.
const commandEventTypes uint64 = 1<<EventTypeWorkflowExecutionCompleted | 1<<EventTypeWorkflowExecutionFailed |
	1<<EventTypeWorkflowExecutionCanceled | 1<<EventTypeWorkflowExecutionContinuedAsNew |
	1<<EventTypeActivityTaskScheduled | 1<<EventTypeActivityTaskCancelRequested |
	1<<EventTypeTimerStarted | 1<<EventTypeTimerCanceled | 1<<EventTypeMarkerRecorded |
	1<<EventTypeStartChildWorkflowExecutionInitiated |
	1<<EventTypeRequestCancelExternalWorkflowExecutionInitiated |
	1<<EventTypeSignalExternalWorkflowExecutionInitiated |
	1<<EventTypeUpsertWorkflowSearchAttributes | 1<<EventTypeWorkflowPropertiesModified |
	1<<EventTypeWorkflowExecutionUpdateAccepted | 1<<EventTypeWorkflowExecutionUpdateRejected |
	1<<EventTypeWorkflowExecutionUpdateCompleted |
	1<<EventTypeNexusOperationScheduled | 1<<EventTypeNexusOperationCancelRequested

// The mask has room for every event type.
var _ [64 - maxEventType - 1]struct{}

// eventTypeEnum gives both spellings of every event type:
// "ActivityTaskScheduled" and "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED".
var eventTypeEnum = func() *enumDesc {
	names := make([]string, maxEventType+1)
	for t := range names {
		names[t] = eventKinds[t].name
	}
	return newEnum("EventType", "EVENT_TYPE", names...)
}()

// attributesKeys[t] is the JSON key of the attributes of events of type t,
// such as "activityTaskScheduledEventAttributes"; attributesKeyTypes maps
// it back. Neither is modified after initialisation.
var (
	attributesKeys = func() (keys [maxEventType + 1]string) {
		for t := EventTypeWorkflowExecutionStarted; t <= maxEventType; t++ {
			n := eventKinds[t].name
			keys[t] = string(n[0]-'A'+'a') + n[1:] + "EventAttributes"
		}
		return keys
	}()
	attributesKeyTypes = func() map[string]EventType {
		m := make(map[string]EventType, len(attributesKeys))
		for t := EventTypeWorkflowExecutionStarted; t <= maxEventType; t++ {
			m[attributesKeys[t]] = t
		}
		return m
	}()
)
