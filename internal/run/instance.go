package run

import (
	"log/slog"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/metrics"
)

// Start describes a workflow run to create: what WorkflowExecutionStarted
// holds, plus the driver's settings.
type Start struct {
	Namespace        string
	WorkflowID       string
	RunID            string
	WorkflowType     string
	TaskQueue        string
	Input            *converter.Payloads
	Header           map[string]*converter.Payload
	Attempt          int32
	StartTime        time.Time
	CronSchedule     string
	ContinuedRunID   string
	ParentWorkflowID string
	ParentRunID      string
	RootWorkflowID   string // a child's top parent (rootWorkflowExecution); "" for no child
	RootRunID        string
	FirstRunID       string

	// OriginalExecutionRunID, when not nil, is the originalExecutionRunId
	// of the run's WorkflowExecutionStarted event where it differs from
	// RunID (a replayer given another run ID, or a history that records
	// none): Temporal's SDK derives child workflow IDs and random streams
	// from it, not from RunID. Nil means RunID.
	OriginalExecutionRunID *string

	// Memo and SearchAttributes are WorkflowExecutionStarted's (nil when it
	// has none); workflow.Info holds them as they are and replaces, never
	// changes, them on an upsert.
	Memo             *converter.Memo
	SearchAttributes *converter.SearchAttributes
	RetryPolicy      *wfsim.RetryPolicy
	// Priority is the run's task priority (WorkflowExecutionStarted's).
	Priority wfsim.Priority
	// LastCompletionResult and LastFailure are what the run's
	// WorkflowExecutionStarted event says of the runs before it (its
	// LastCompletionResult and ContinuedFailure): the result of the last
	// completed run of a cron chain, the failure of the run a retry or a
	// cron run follows.
	LastCompletionResult *converter.Payloads
	LastFailure          *wfsim.Failure

	WorkflowExecutionTimeout time.Duration
	WorkflowRunTimeout       time.Duration
	WorkflowTaskTimeout      time.Duration

	// ContextPropagators holds the run's []workflow.ContextPropagator
	// (package workflow's type, which this package cannot name); nil for
	// none. Header is extracted with them into the workflow's context.
	ContextPropagators any

	// Logger receives workflow.GetLogger output; the workflow machinery
	// silences it while replaying.
	Logger        *slog.Logger
	DataConverter converter.DataConverter
	// FailureConverter converts the run's errors to Failures and back;
	// nil means the default one (over the default data converter).
	FailureConverter wfsim.FailureConverter
	// Driver answers the requests of workflow code that are not commands;
	// nil while replaying (the recorded markers answer them).
	Driver Driver

	// Aliases names the functions workflow code passes (activities, local
	// activities, children, continue-as-new) by the names they were
	// registered under (Temporal's registration aliasing); nil when no
	// function has an alias or aliasing is disabled.
	Aliases *Aliases

	// Carrier, when set, is the driver's goroutine for root coroutines:
	// the instance's workflow function runs on it if it is free (see
	// Carrier). Nil gives the root coroutine a goroutine of its own.
	Carrier *Carrier

	// CommandRoom is how many commands the run is expected to issue, 0
	// when unknown. A replay knows it from its history: the instance then
	// makes room for them at once rather than growing its lists of
	// commands task after task.
	CommandRoom int
}

// Driver is the simulator's side of the calls that workflow code makes but
// that do not become commands.
type Driver interface {
	// GetVersion overrides GetVersion's answer when it is recorded for
	// the first time (the test environment's OnGetVersion mock); ok is
	// false when it has no answer.
	GetVersion(changeID string, minSupported, maxSupported int) (version int, ok bool)
	// StartLocalActivity asks the worker to run a local activity attempt;
	// its result comes back as a LocalActivity marker event in a later
	// call of ProcessTask.
	StartLocalActivity(la LocalActivity)
	// CancelLocalActivity asks the worker to cancel the attempt of a local
	// activity (by its ID) whose context was canceled.
	CancelLocalActivity(activityID string)
	// MetricsHandler returns the handler workflow.GetMetricsHandler builds
	// on, nil for none.
	MetricsHandler() metrics.Handler
}

// Task is one workflow task: the events since the previous task, ending
// with the WorkflowTaskStarted event that starts it.
type Task struct {
	Events []Event
	// Source, when set, supplies more of the task's events, applied after
	// Events (see EventSource).
	Source EventSource
	// Replaying reports that the task's commands are already in history.
	Replaying bool
	// Markers holds the MarkerRecorded events the task's commands recorded
	// (known while replaying), applied before its events so that GetVersion
	// and SideEffect return the recorded values.
	Markers []Event
	// Flags are the SDK flags recorded on the task's completion. While
	// replaying, a flag is on from the task whose completion recorded it
	// to the end of the run, as in Temporal's SDK.
	Flags []uint32
	// NoRun applies the events without running workflow code: the events
	// of a history after its last workflow task, which move the run's
	// state machines (and may issue commands from their callbacks, such
	// as cancellations) but start no task.
	NoRun bool
	// ReuseCommands says the caller is done with the commands that the
	// instance's previous ProcessTask call returned: this call may return
	// its commands in the same memory, which saves an allocation per task.
	// A caller that keeps that slice, or appends to it, across calls
	// leaves it false. Commands returned for reuse are valid until the
	// next ProcessTask call, whether it reuses or not (the instance may
	// write the run's completion in their memory): a caller that keeps
	// them longer copies them.
	ReuseCommands bool
}

// EventSource supplies a task's events one at a time: NextEvent returns the
// next one, or nil when there are no more. The instance applies each event
// before it asks for the next and keeps no pointer to it, so a source may
// hand out every event in the same memory: a task of hundreds of events
// then needs room for one, not for all of them at once.
type EventSource interface {
	NextEvent() *Event
}

// Instance is one workflow run's code, driven task by task.
type Instance interface {
	// ProcessTask applies the task's events and runs the workflow's
	// coroutines until all are blocked. It returns the commands issued,
	// which end with the workflow's completion command once it returns.
	// An error means the task failed (a panic in workflow code, or a
	// history that does not fit what the code does).
	ProcessTask(t Task) ([]Command, error)
	// Query runs a query handler against the current state.
	Query(name string, args *converter.Payloads) (*converter.Payloads, error)
	// Blocked describes where each live coroutine waits.
	Blocked() []string
	// Completed reports whether the workflow function has returned.
	Completed() bool
	// Close releases the run's coroutines.
	Close()
}

// FlagUser is implemented by an Instance that reports the SDK flags its
// code used (Temporal's numbering, e.g. 3 for protocol message commands):
// all of them so far, sorted. The simulator records each on the first
// WorkflowTaskCompleted after it was used, as Temporal's SDK does, so that
// a replay (by wfsim or by Temporal's SDK) takes the same paths.
type FlagUser interface {
	UsedFlags() []uint32
}

// Factory creates an Instance of fn, a registered workflow function.
type Factory func(fn any, start Start) (Instance, error)

// IllegalStateError reports a history that does not fit what the workflow
// code does: the code did not issue the command an event refers to, or
// issued it twice. The texts are those of Temporal's Go SDK.
type IllegalStateError struct {
	Message string
	// EventID is the history event that did not fit, or 0 when the
	// workflow code found the misfit itself (a version it does not
	// support, a side effect with no recorded result).
	EventID int64
	// Stack is the stack trace of the workflow coroutine whose call found
	// the misfit (a duplicate command), or of a panic while applying an
	// event; "" when applying an event found it otherwise. A worker
	// reports it with the failed task.
	Stack string
}

func (e *IllegalStateError) Error() string { return e.Message }

// PanicError reports a panic in workflow code.
type PanicError struct {
	Coroutine string
	Value     any
	Stack     string
}

func (e *PanicError) Error() string { return "workflow panic: " + fmtValue(e.Value) }

// NewInstance creates workflow instances. Package workflow sets it when it is
// initialised, and nothing else writes it.
var NewInstance Factory

// FromHistory translates a *replay.Event into the Event workflow code
// observes, in out. Package replay sets it when it is initialised, so the
// simulator, which records replay events, feeds runs exactly as the
// replayer does.
var FromHistory func(out *Event, ev any)

// IgnoredByInstance reports whether FromHistory makes the *replay.Event ev
// an EventNoop whatever its attributes hold, so that an event source may
// pass over it. Package replay sets it with FromHistory.
var IgnoredByInstance func(ev any) bool

// NewDetachedContext returns the workflow.Context (as any: this package
// cannot name the type) of a run that start describes but whose code does
// not run: workflow.GetInfo, GetLogger, the data converter and the values
// its context propagators extract from start.Header work on it; calls that
// block or issue commands panic, as from a goroutine that is not a
// workflow coroutine. The simulator consults a child workflow's mock with
// it, before the child's run exists (Temporal's environment consults it
// with a copy of the child's context). Package workflow sets it when it is
// initialised, and nothing else writes it.
var NewDetachedContext func(start Start) any
