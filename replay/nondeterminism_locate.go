package replay

import (
	"regexp"
	"strconv"

	"github.com/wfsim/wfsim/internal/run"
)

// The workflow machinery reports a history event it cannot apply (one
// that refers to a command the code did not issue) with Temporal's texts,
// which name the command's ID or the event. These patterns find the event
// again.
var (
	// "a matching Activity command was expected in history event position 7."
	expectedCommandRE = regexp.MustCompile(`matching (\w+) command was expected in history event position (\S*?)\. `)
	// "lookup failed for scheduledEventID to activityID: scheduleEventID: 7, ..."
	scheduleEventIDRE = regexp.MustCompile(`scheduleEventID: (\d+)`)
	// "unable to find activityID for the scheduledEventID: 9"
	scheduledEventIDRE = regexp.MustCompile(`scheduledEventID: (\d+)`)
	// "marker event already exists for eventID in lookup: eventID: 5, ...",
	// "... for eventId 5: ..."
	eventIDRE = regexp.MustCompile(`event[Ii][Dd]:? (\d+)`)
)

// illegalState turns the workflow machinery's report of an event it could
// not apply into a *NondeterminismError at that event, keeping Temporal's
// text as its Message.
func (rs *replayRun) illegalState(t *task, ise *run.IllegalStateError) *NondeterminismError {
	e := rs.locate(t, ise.Message)
	nd := &NondeterminismError{EventID: e.EventID, EventType: e.EventType, History: commandOfEvent(e), Message: ise.Message}
	if nd.History != nil {
		// Set the event against the command the walk pairs it with, to
		// show what the code did instead.
		events := append([]*Event(nil), rs.events...)
		for _, x := range t.events {
			if isCommandEvent(x.EventType) {
				events = append(events, x)
			}
			if x == e {
				break
			}
		}
		m := &matcher{strict: rs.m.strict, protocolMessages: rs.m.protocolMessages, scheduled: make(map[string]int64)}
		m.walk(rs.cmds, events, func(p pair) bool {
			if p.event == e {
				if p.cmd != nil {
					nd.Code = m.command(p.cmd)
				}
				return false
			}
			if p.event != nil && p.cmd != nil {
				m.compare(p) // for the activities it learns
			}
			return true
		})
	}
	return nd
}

// locate finds the event of the task that a message of the workflow
// machinery is about; when the message names none it finds, it returns
// the task's WorkflowTaskStarted (or last) event.
func (rs *replayRun) locate(t *task, msg string) *Event {
	for _, re := range []*regexp.Regexp{scheduleEventIDRE, eventIDRE} {
		if m := re.FindStringSubmatch(msg); m != nil {
			if id, err := strconv.ParseInt(m[1], 10, 64); err == nil && id >= 1 && id <= int64(len(rs.h.Events)) {
				return rs.h.Events[id-1]
			}
		}
	}
	if m := scheduledEventIDRE.FindStringSubmatch(msg); m != nil {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		for _, e := range t.events {
			if scheduledEventOf(e) == id {
				return e
			}
		}
	}
	if m := expectedCommandRE.FindStringSubmatch(msg); m != nil {
		family, id := commandFamily(m[1]), m[2]
		for _, e := range t.events {
			if f, eid := rs.commandKey(e); eid == id && (family == "" || f == family) {
				return e
			}
		}
	}
	if t.started != nil {
		return t.started
	}
	return t.events[len(t.events)-1]
}

// commandFamily groups the command kinds Temporal's messages name by the
// events that refer to them.
func commandFamily(kind string) string {
	switch kind {
	case "Activity", "RequestCancelActivityTask":
		return "activity"
	case "Timer", "CancelTimer":
		return "timer"
	case "ChildWorkflow":
		return "child"
	case "Signal":
		return "signal"
	case "Cancellation", "RequestCancelExternalWorkflow":
		return "cancel"
	case "Marker":
		return "marker"
	}
	return ""
}

// commandKey returns the family and ID of the command an event refers to.
func (rs *replayRun) commandKey(e *Event) (family, id string) {
	switch a := e.Attributes().(type) {
	case *ActivityTaskScheduledEventAttributes:
		return "activity", a.ActivityID
	case *ActivityTaskCompletedEventAttributes, *ActivityTaskFailedEventAttributes, *ActivityTaskTimedOutEventAttributes,
		*ActivityTaskCanceledEventAttributes, *ActivityTaskCancelRequestedEventAttributes:
		return "activity", rs.activityID(scheduledEventOf(e))
	case *TimerStartedEventAttributes:
		return "timer", a.TimerID
	case *TimerFiredEventAttributes:
		return "timer", a.TimerID
	case *TimerCanceledEventAttributes:
		return "timer", a.TimerID
	case *StartChildWorkflowExecutionInitiatedEventAttributes:
		return "child", a.WorkflowID
	case *ChildWorkflowExecutionStartedEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *ChildWorkflowExecutionCompletedEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *ChildWorkflowExecutionFailedEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *ChildWorkflowExecutionCanceledEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *ChildWorkflowExecutionTimedOutEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *ChildWorkflowExecutionTerminatedEventAttributes:
		return "child", a.WorkflowExecution.WorkflowID
	case *StartChildWorkflowExecutionFailedEventAttributes:
		return "child", a.WorkflowID
	case *SignalExternalWorkflowExecutionInitiatedEventAttributes:
		return "signal", a.Control
	case *SignalExternalWorkflowExecutionFailedEventAttributes:
		return "signal", a.Control
	case *ExternalWorkflowExecutionSignaledEventAttributes:
		return "signal", a.Control
	case *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes:
		return "cancel", a.Control
	case *RequestCancelExternalWorkflowExecutionFailedEventAttributes:
		return "cancel", a.Control
	case *ExternalWorkflowExecutionCancelRequestedEventAttributes:
		return "cancel", strconv.FormatInt(a.InitiatedEventID, 10)
	case *MarkerRecordedEventAttributes:
		return "marker", a.MarkerName
	}
	return "", ""
}

// scheduledEventOf returns the scheduled event an activity event refers to.
func scheduledEventOf(e *Event) int64 {
	switch a := e.Attributes().(type) {
	case *ActivityTaskCompletedEventAttributes:
		return a.ScheduledEventID
	case *ActivityTaskFailedEventAttributes:
		return a.ScheduledEventID
	case *ActivityTaskTimedOutEventAttributes:
		return a.ScheduledEventID
	case *ActivityTaskCanceledEventAttributes:
		return a.ScheduledEventID
	case *ActivityTaskCancelRequestedEventAttributes:
		return a.ScheduledEventID
	case *ActivityTaskStartedEventAttributes:
		return a.ScheduledEventID
	}
	return 0
}

// activityID returns the ID of the activity the history scheduled at an
// event.
func (rs *replayRun) activityID(scheduled int64) string {
	if scheduled < 1 || scheduled > int64(len(rs.h.Events)) {
		return ""
	}
	if a := rs.h.Events[scheduled-1].ActivityTaskScheduled; a != nil {
		return a.ActivityID
	}
	return ""
}
