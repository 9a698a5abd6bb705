package run

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// CommandKind says what workflow code asks the server to do.
type CommandKind int

const (
	CommandUnknown CommandKind = iota
	CommandScheduleActivity
	CommandRequestCancelActivity
	CommandStartTimer
	CommandCancelTimer
	CommandRecordMarker
	CommandCompleteWorkflow
	CommandFailWorkflow
	CommandCancelWorkflow
	CommandContinueAsNew
	CommandStartChildWorkflow
	CommandSignalExternalWorkflow
	CommandRequestCancelExternalWorkflow
	CommandUpsertSearchAttributes
	CommandModifyProperties
	CommandProtocolMessage
)

var commandNames = [...]string{
	"Unknown", "ScheduleActivityTask", "RequestCancelActivityTask", "StartTimer", "CancelTimer",
	"RecordMarker", "CompleteWorkflowExecution", "FailWorkflowExecution", "CancelWorkflowExecution",
	"ContinueAsNewWorkflowExecution", "StartChildWorkflowExecution", "SignalExternalWorkflowExecution",
	"RequestCancelExternalWorkflowExecution", "UpsertWorkflowSearchAttributes", "ModifyWorkflowProperties",
	"ProtocolMessage",
}

func (k CommandKind) String() string {
	if k >= 0 && int(k) < len(commandNames) {
		return commandNames[k]
	}
	return "Unknown"
}

// Command is one request of workflow code, with the attributes of its kind.
type Command struct {
	Kind CommandKind
	// ID is the command's identity: activity ID, timer ID, child workflow
	// ID, marker name, update ID, or the seq of an external signal/cancel.
	ID string

	Activity         *ScheduleActivity
	ScheduledEventID int64         // RequestCancelActivity
	TimerDuration    time.Duration // StartTimer
	Marker           *Marker
	Result           *converter.Payloads // CompleteWorkflow; CancelWorkflow details
	Failure          *wfsim.Failure      // FailWorkflow
	ContinueAsNew    *ContinueAsNew
	Child            *StartChild
	External         *External
	SearchAttributes map[string]*converter.Payload
	Memo             map[string]*converter.Payload
	Update           *UpdateResponse
	// Summary is the user metadata summary of a StartTimer, RecordMarker
	// or ScheduleActivityTask command (Temporal's UserMetadata.Summary),
	// recorded on its event.
	Summary *converter.Payload
	// Priority is a ScheduleActivityTask command's task priority
	// (ActivityOptions.Priority); nil when unset. (Not in ScheduleActivity,
	// which every activity carries: few set one.)
	Priority *wfsim.Priority
}

// ScheduleActivity holds a ScheduleActivityTask command's attributes. The
// activity ID is the command's ID (Command.ID): every activity carries
// these, and the workflow keeps them in an allocation of its own, where a
// second copy of the ID would take it into the next size class.
type ScheduleActivity struct {
	ActivityType           string
	TaskQueue              string
	Input                  *converter.Payloads
	Header                 map[string]*converter.Payload
	ScheduleToCloseTimeout time.Duration
	ScheduleToStartTimeout time.Duration
	StartToCloseTimeout    time.Duration
	HeartbeatTimeout       time.Duration
	RetryPolicy            *wfsim.RetryPolicy
}

// Marker holds a RecordMarker command's attributes.
type Marker struct {
	Name    string
	Details map[string]*converter.Payloads
	Failure *wfsim.Failure
}

// ContinueAsNew holds a ContinueAsNewWorkflowExecution command's attributes.
type ContinueAsNew struct {
	WorkflowType        string
	TaskQueue           string
	Input               *converter.Payloads
	WorkflowRunTimeout  time.Duration
	WorkflowTaskTimeout time.Duration
	RetryPolicy         *wfsim.RetryPolicy
	Memo                map[string]*converter.Payload
	SearchAttributes    map[string]*converter.Payload

	// Header is what the run's context propagators injected when the
	// code called NewContinueAsNewError; nil without propagators.
	Header map[string]*converter.Payload

	// BackoffStartInterval delays the new run's first workflow task.
	BackoffStartInterval time.Duration

	// InitialVersioningBehavior is the new run's
	// wfsim.ContinueAsNewVersioningBehavior, recorded as the event's.
	InitialVersioningBehavior int32
}

// StartChild holds a StartChildWorkflowExecution command's attributes.
type StartChild struct {
	Namespace                string
	WorkflowID               string
	WorkflowType             string
	TaskQueue                string
	Input                    *converter.Payloads
	WorkflowExecutionTimeout time.Duration
	WorkflowRunTimeout       time.Duration
	WorkflowTaskTimeout      time.Duration
	ParentClosePolicy        int32
	WorkflowIDReusePolicy    int32
	RetryPolicy              *wfsim.RetryPolicy
	CronSchedule             string
	Memo                     map[string]*converter.Payload
	SearchAttributes         map[string]*converter.Payload

	// Header is what the run's context propagators injected; nil
	// without propagators.
	Header map[string]*converter.Payload

	// StaticSummary and StaticDetails are the command's user metadata
	// (ChildWorkflowOptions.StaticSummary/StaticDetails, encoded); nil
	// when unset.
	StaticSummary *converter.Payload
	StaticDetails *converter.Payload
	// Priority is the child's task priority; nil when unset.
	Priority *wfsim.Priority
}

// External holds a SignalExternalWorkflowExecution or
// RequestCancelExternalWorkflowExecution command's attributes.
type External struct {
	Namespace         string
	WorkflowID        string
	RunID             string
	SignalName        string
	Input             *converter.Payloads
	ChildWorkflowOnly bool

	// Header is a signal's header, what the run's context propagators
	// injected; nil without propagators.
	Header map[string]*converter.Payload
	// Arg is the signal's argument as the workflow passed it, which the
	// test environment hands to a SignalExternalWorkflow mock, as
	// Temporal's does; a history holds only its encoding (Input).
	Arg any
}

// UpdateResponse is a protocol message answering an update: its
// acceptance (Accepted), its rejection (Rejected: the server records no
// event for it) or its outcome (Done, with Result or Failure).
type UpdateResponse struct {
	UpdateID string
	Accepted bool
	Rejected *wfsim.Failure
	Result   *converter.Payloads
	Failure  *wfsim.Failure
	Done     bool
	// Value and Err are the handler's result and error (or the rejection's
	// error) as Go values, which the test environment hands to its update
	// callbacks, as Temporal's does; a history holds only their encoding.
	Value any
	Err   error
	// Seq orders the task's update responses as the workflow made them:
	// rejections travel apart from the other commands, and the test
	// environment calls its update callbacks in this order, as Temporal
	// calls them from the handlers. (Equal values keep their order.)
	Seq uint64
}
