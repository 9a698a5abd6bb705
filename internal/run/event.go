package run

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// EventKind says what happened. Only what workflow code can observe is here;
// drivers translate history events into these.
type EventKind int

const (
	EventUnknown EventKind = iota
	EventWorkflowTaskStarted
	EventWorkflowTaskFailedReset // ID holds the new run ID
	EventActivityScheduled       // ID: activity ID; Name: activity type
	EventActivityCompleted       // ScheduledEventID, Payloads: result
	EventActivityFailed          // ScheduledEventID, StartedEventID, Failure, RetryState
	EventActivityTimedOut        // ScheduledEventID, StartedEventID, Failure, RetryState
	EventActivityCancelRequested // ScheduledEventID
	EventActivityCanceled        // ScheduledEventID, StartedEventID, Payloads: details
	EventTimerStarted            // ID: timer ID
	EventTimerFired              // ID: timer ID
	EventTimerCanceled           // ID: timer ID
	EventMarkerRecorded          // Name: marker name, Details, Failure
	EventSignaled                // Name: signal name, Payloads: input
	EventCancelRequested
	EventChildInitiated          // ID: child workflow ID, Name: workflow type
	EventChildStartFailed        // InitiatedEventID; Name: CauseNamespaceNotFound or "" (the ID is taken)
	EventChildStarted            // InitiatedEventID, RunID
	EventChildCompleted          // InitiatedEventID, Payloads
	EventChildFailed             // InitiatedEventID, Failure, RetryState
	EventChildCanceled           // InitiatedEventID, Payloads: details
	EventChildTimedOut           // InitiatedEventID, RetryState
	EventChildTerminated         // InitiatedEventID
	EventSignalExternalInitiated // ID: target workflow ID, Name: signal, Control: seq
	EventSignalExternalFailed    // InitiatedEventID, Control; Name: CauseNamespaceNotFound or "" (no such workflow)
	EventExternalSignaled        // InitiatedEventID, Control
	EventCancelExternalInitiated // ID: target workflow ID, Control
	EventCancelExternalFailed    // InitiatedEventID, Control; Name: CauseNamespaceNotFound or "" (no such workflow)
	EventExternalCancelRequested // InitiatedEventID, Control
	EventUpsertSearchAttributes  // Fields: the search attributes upserted
	EventPropertiesModified      // Fields: the memo fields set
	EventUpdateAdmitted          // ID: update ID, Name, Payloads
	EventUpdateAccepted          // ID: update ID
	EventUpdateCompleted         // ID: update ID
	EventUpdateRejected          // ID: update ID
	EventNoop                    // a history event with no effect on workflow code
)

// CauseNamespaceNotFound, in the Name of a failed child start or external
// signal or cancellation, says the target namespace does not exist.
const CauseNamespaceNotFound = "NamespaceNotFound"

// Event is one thing that happened, as workflow code sees it.
type Event struct {
	EventID int64
	Kind    EventKind
	Time    time.Time

	ID               string
	Name             string
	RunID            string
	Control          string
	Identity         string
	ScheduledEventID int64
	StartedEventID   int64
	InitiatedEventID int64
	Payloads         *converter.Payloads
	Details          map[string]*converter.Payloads
	Failure          *wfsim.Failure
	RetryState       wfsim.RetryState
	Flags            []uint32
	// Fields holds the search attributes an UpsertWorkflowSearchAttributes
	// event upserts, or the memo fields a WorkflowPropertiesModified event
	// sets (a field without data removes one).
	Fields map[string]*converter.Payload
	// Task is what a WorkflowTaskStarted event tells the workflow of its
	// history besides its ID; nil when it tells nothing more.
	Task *TaskStarted
}

// TaskStarted is what a WorkflowTaskStarted event tells the workflow of its
// history (GetInfo's GetCurrentHistorySize, GetContinueAsNewSuggested, …).
// It hangs off Event by pointer: most events, and the simulator's tasks
// unless a test sets these values, have none, and Event stays small.
type TaskStarted struct {
	HistorySizeBytes int64
	// HistoryLength, when not 0, is what GetCurrentHistoryLength reports
	// instead of the event's ID (the test environment's
	// SetCurrentHistoryLength; no history records it).
	HistoryLength        int64
	SuggestContinueAsNew bool
	TargetVersionChanged bool
	// SuggestReasons is a set of Temporal's SuggestContinueAsNewReason
	// values: bit r set for reason r.
	SuggestReasons uint32
}
