package replay

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/go-cmp/cmp"
)

// NondeterminismError reports that the workflow code, replayed against a
// history, did something other than what the history records: it issued a
// command the history does not have, failed to issue one it has, issued a
// different one, or ended the run differently.
//
// Error reads like
//
//	replay: event 7: history schedules activity "Charge" (ID 7), the code started a 1h0m0s timer (ID 7) instead
//	[TMPRL1100] nondeterministic workflow: history event is ActivityTaskScheduled: (ActivityId:7, ...), replay command is StartTimer: (TimerId:7, ...)
//	diff (-history +code):
//	...
//
// where the second line is the message Temporal's Go replayer gives for the
// same history and code (Message), so that searches for Temporal's texts
// find it. The diff is go-cmp's, whose layout is not stable: match on the
// fields, not on Error's text.
type NondeterminismError struct {
	// EventID is the history event at which replay diverged. When the code
	// issued a command the history lacks, it is the WorkflowTaskCompleted
	// event after which the history would have recorded it.
	EventID int64
	// EventType is the type of that event.
	EventType EventType
	// History is the command the event records, nil when the event records
	// none (such as an ActivityTaskCompleted that refers to an activity the
	// code did not schedule, or a WorkflowTaskCompleted after which the
	// code issued an extra command).
	History *Command
	// Code is the command the workflow code issued in its place, nil when
	// it issued none.
	Code *Command
	// Strict reports that only strict mode's comparisons (inputs, timer
	// durations, task queues, results) tell the two apart: Temporal's
	// replayer accepts the history.
	Strict bool
	// Message is Temporal's text for this mismatch: a "[TMPRL1100] ..."
	// message, or "replay workflow doesn't return the same result as the
	// last event, ..." when the run ends differently.
	Message string
}

func (e *NondeterminismError) Error() string {
	var b strings.Builder
	b.WriteString("replay: event ")
	b.WriteString(strconv.FormatInt(e.EventID, 10))
	b.WriteString(": ")
	b.WriteString(e.summary())
	if e.Message != "" {
		b.WriteString("\n")
		b.WriteString(e.Message)
	}
	if d := e.Diff(); d != "" {
		b.WriteString("\ndiff (-history +code):\n")
		b.WriteString(d)
	}
	return b.String()
}

// Diff returns go-cmp's diff of History and Code (-history +code), or ""
// when there is at most one of them.
func (e *NondeterminismError) Diff() string {
	if e.History == nil || e.Code == nil {
		return ""
	}
	return cmp.Diff(*e.History, *e.Code)
}

// summary says in words what the history holds and what the code did.
func (e *NondeterminismError) summary() string {
	h, c := e.History, e.Code
	switch {
	case e.EventType == EventTypeWorkflowTaskCompleted && h == nil && c != nil:
		return "the code " + c.phrase(past) + " in the workflow task completed here, but the history has no such command"
	case h == nil && c == nil && e.EventType == EventTypeWorkflowTaskStarted:
		// No event refers to a missing command: the code itself (GetVersion,
		// say) found the history does not fit it; Message says how.
		return "the code, replaying the workflow task started here, found that the history does not fit it"
	case h == nil && c == nil:
		return "history " + eventPhrase(e.EventType) + ", which refers to a command the code did not issue"
	case h == nil:
		return "history " + eventPhrase(e.EventType) + ", the code " + c.phrase(past) + " instead"
	case c == nil && h.closes():
		return "history " + h.phrase(present) + ", but the code did not by the end of the history"
	case c == nil:
		return "history " + h.phrase(present) + ", but the code issued no such command"
	case e.Strict || *h == *c:
		return "history " + h.phrase(present) + " and the code did too, but with a different " + strings.Join(differences(h, c), " and ") + " (strict mode)"
	default:
		return "history " + h.phrase(present) + ", the code " + c.phrase(past) + " instead"
	}
}

// Command is a workflow command reduced to what replay compares: its type
// and the attributes that identify it (compared as Temporal's replayer
// compares them), plus the attributes only strict mode compares. The
// history's side is read from the event that recorded the command.
type Command struct {
	Type CommandType
	// ID identifies the command: the activity ID, timer ID, child workflow
	// ID, update ID, or the sequence number of an external signal or
	// cancellation.
	ID string
	// Name is the activity type, child or continued workflow type, marker
	// name, signal name, the "service/operation" of a Nexus operation, or
	// what a protocol message does with an update: "accept", "reject" or
	// "complete".
	Name string
	// ScheduledEventID is the event of the activity or Nexus operation a
	// cancellation request is for.
	ScheduledEventID int64
	// Namespace and WorkflowID name the target of an external signal or
	// cancellation.
	Namespace  string
	WorkflowID string

	// The attributes strict mode compares. Payloads are shown as JSON text
	// when JSON-encoded, as encoding and base64 data otherwise.

	// TaskQueue is the task queue of an activity.
	TaskQueue string
	// Input holds the arguments of an activity.
	Input string
	// Duration is a timer's duration.
	Duration time.Duration
	// Result is the result of a completed workflow.
	Result string
}

// closes reports whether the command closes the workflow run.
func (c *Command) closes() bool {
	switch c.Type {
	case CommandTypeCompleteWorkflowExecution, CommandTypeFailWorkflowExecution,
		CommandTypeCancelWorkflowExecution, CommandTypeContinueAsNewWorkflowExecution:
		return true
	}
	return false
}

// differences names the strict attributes in which two commands differ.
func differences(h, c *Command) []string {
	var d []string
	if h.TaskQueue != c.TaskQueue {
		d = append(d, "task queue")
	}
	if h.Input != c.Input {
		d = append(d, "input")
	}
	if h.Duration != c.Duration {
		d = append(d, "duration")
	}
	if h.Result != c.Result {
		d = append(d, "result")
	}
	if len(d) == 0 {
		d = append(d, "attribute")
	}
	return d
}

// CommandType is the type of a workflow command. The values are Temporal's
// (enums.v1.CommandType).
type CommandType int32

// The command types of Temporal's enum.
const (
	CommandTypeUnspecified                            CommandType = 0
	CommandTypeScheduleActivityTask                   CommandType = 1
	CommandTypeRequestCancelActivityTask              CommandType = 2
	CommandTypeStartTimer                             CommandType = 3
	CommandTypeCompleteWorkflowExecution              CommandType = 4
	CommandTypeFailWorkflowExecution                  CommandType = 5
	CommandTypeCancelTimer                            CommandType = 6
	CommandTypeCancelWorkflowExecution                CommandType = 7
	CommandTypeRequestCancelExternalWorkflowExecution CommandType = 8
	CommandTypeRecordMarker                           CommandType = 9
	CommandTypeContinueAsNewWorkflowExecution         CommandType = 10
	CommandTypeStartChildWorkflowExecution            CommandType = 11
	CommandTypeSignalExternalWorkflowExecution        CommandType = 12
	CommandTypeUpsertWorkflowSearchAttributes         CommandType = 13
	CommandTypeProtocolMessage                        CommandType = 14
	CommandTypeModifyWorkflowProperties               CommandType = 16
	CommandTypeScheduleNexusOperation                 CommandType = 17
	CommandTypeRequestCancelNexusOperation            CommandType = 18
)

var commandTypeNames = map[CommandType]string{
	CommandTypeUnspecified:                            "Unspecified",
	CommandTypeScheduleActivityTask:                   "ScheduleActivityTask",
	CommandTypeRequestCancelActivityTask:              "RequestCancelActivityTask",
	CommandTypeStartTimer:                             "StartTimer",
	CommandTypeCompleteWorkflowExecution:              "CompleteWorkflowExecution",
	CommandTypeFailWorkflowExecution:                  "FailWorkflowExecution",
	CommandTypeCancelTimer:                            "CancelTimer",
	CommandTypeCancelWorkflowExecution:                "CancelWorkflowExecution",
	CommandTypeRequestCancelExternalWorkflowExecution: "RequestCancelExternalWorkflowExecution",
	CommandTypeRecordMarker:                           "RecordMarker",
	CommandTypeContinueAsNewWorkflowExecution:         "ContinueAsNewWorkflowExecution",
	CommandTypeStartChildWorkflowExecution:            "StartChildWorkflowExecution",
	CommandTypeSignalExternalWorkflowExecution:        "SignalExternalWorkflowExecution",
	CommandTypeUpsertWorkflowSearchAttributes:         "UpsertWorkflowSearchAttributes",
	CommandTypeProtocolMessage:                        "ProtocolMessage",
	CommandTypeModifyWorkflowProperties:               "ModifyWorkflowProperties",
	CommandTypeScheduleNexusOperation:                 "ScheduleNexusOperation",
	CommandTypeRequestCancelNexusOperation:            "RequestCancelNexusOperation",
}

// String returns the command type's name as Temporal's Go SDK prints it,
// such as "ScheduleActivityTask".
func (t CommandType) String() string {
	if s, ok := commandTypeNames[t]; ok {
		return s
	}
	return "CommandType(" + strconv.Itoa(int(t)) + ")"
}
