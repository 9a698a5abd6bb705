package workflow

import (
	"log/slog"
	"maps"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// WorkflowExecution identifies a workflow run.
type WorkflowExecution struct {
	ID    string
	RunID string
}

// WorkflowType names a workflow function. It is wfsim.WorkflowType, the
// type of wfsim.ContinueAsNewError's WorkflowType, as in Temporal's SDK
// both are one type.
type WorkflowType = wfsim.WorkflowType

// Info describes the running workflow.
type Info struct {
	WorkflowExecution        WorkflowExecution
	OriginalRunID            string
	FirstRunID               string
	WorkflowType             WorkflowType
	TaskQueueName            string
	WorkflowExecutionTimeout time.Duration
	WorkflowRunTimeout       time.Duration
	WorkflowTaskTimeout      time.Duration
	Namespace                string
	Attempt                  int32
	continueAsNewSuggested   bool
	targetVersionChanged     bool
	suggestReasons           uint8 // bit r set: reason r suggested
	WorkflowStartTime        time.Time
	CronSchedule             string
	ContinuedExecutionRunID  string
	ParentWorkflowNamespace  string
	ParentWorkflowExecution  *WorkflowExecution
	RootWorkflowExecution    *WorkflowExecution // a child's top parent; nil for a workflow that is no child
	// Memo is the workflow's memo, as in Temporal a message with Fields
	// (read them with the nil-safe GetFields): nil when the run started
	// with none and has upserted none. UpsertMemo replaces it with the
	// merged memo at once, so read it again after an upsert (Temporal's
	// merges into the message in place). The run's own copy: writing to
	// it changes no recorded history.
	Memo *converter.Memo
	// SearchAttributes are the workflow's search attributes as payloads,
	// as in Temporal a message with IndexedFields (GetIndexedFields): nil
	// when there are none. UpsertTypedSearchAttributes and
	// UpsertSearchAttributes replace it with the merged set at once (read
	// it again after an upsert), and it is the run's own copy, as Memo.
	// GetTypedSearchAttributes reads them typed.
	SearchAttributes *converter.SearchAttributes
	RetryPolicy      *wfsim.RetryPolicy
	// Priority is the priority of the workflow's tasks, as it was started
	// with (for a child, its own merged over its parent's).
	Priority wfsim.Priority
	// BinaryChecksum is, on a Temporal worker, the binary checksum (or
	// build ID) of the worker that completed the run's last workflow task.
	// Deprecated in Temporal with build-ID versioning. Temporal's test
	// environment leaves it empty, and so does wfsim, simulating or
	// replaying (Temporal's replayer takes it from the history's
	// WorkflowTaskCompleted events; wfsim does not); it is here so that
	// code reading it ports.
	BinaryChecksum string

	// What the current task's WorkflowTaskStarted says of the history
	// (info_history.go), packed: the bools and the reasons sit in the
	// padding after Attempt, so that Info (in the run's instance) keeps
	// its size.
	currentHistoryLength, currentHistorySize int32
}

// fillInfo sets info from the run's start.
func fillInfo(info *Info, st *run.Start) {
	// info is fresh (zero): set field by field, as a composite literal
	// would be built on the stack and copied in, with a write barrier over
	// every pointer word while the GC marks.
	info.WorkflowExecution = WorkflowExecution{ID: st.WorkflowID, RunID: st.RunID}
	info.OriginalRunID = originalRunID(st)
	info.FirstRunID = st.FirstRunID
	if info.FirstRunID == "" {
		info.FirstRunID = st.RunID
	}
	info.WorkflowType.Name = st.WorkflowType
	info.TaskQueueName = st.TaskQueue
	info.WorkflowExecutionTimeout = st.WorkflowExecutionTimeout
	info.WorkflowRunTimeout = st.WorkflowRunTimeout
	info.WorkflowTaskTimeout = st.WorkflowTaskTimeout
	info.Namespace = st.Namespace
	info.Attempt = st.Attempt
	if info.Attempt == 0 {
		info.Attempt = 1
	}
	info.WorkflowStartTime = st.StartTime
	info.CronSchedule = st.CronSchedule
	info.ContinuedExecutionRunID = st.ContinuedRunID
	info.Memo = ownMemo(st.Memo)
	info.SearchAttributes = ownSearchAttributes(st.SearchAttributes)
	info.RetryPolicy = st.RetryPolicy
	info.Priority = st.Priority
	if st.ParentWorkflowID != "" {
		info.ParentWorkflowExecution = &WorkflowExecution{ID: st.ParentWorkflowID, RunID: st.ParentRunID}
	}
	if st.RootWorkflowID != "" {
		info.RootWorkflowExecution = &WorkflowExecution{ID: st.RootWorkflowID, RunID: st.RootRunID}
	}
}

// GetInfo returns information about the running workflow.
func GetInfo(ctx Context) *Info { return &getState(ctx).info }

// GetLogger returns the workflow's logger. It is silent while the workflow
// replays history, so each line is logged once. In an update's handler or
// validator, its records also name the update (UpdateName, UpdateID), as
// Temporal's do.
func GetLogger(ctx Context) *slog.Logger {
	l := getState(ctx).logger()
	if u := GetCurrentUpdateInfo(ctx); u != nil {
		return l.With("UpdateName", u.Name, "UpdateID", u.ID)
	}
	return l
}

// IsReplaying reports whether the workflow is replaying history rather than
// making progress for the first time.
func IsReplaying(ctx Context) bool { return getState(ctx).replaying }

// originalRunID is the run's original run ID as Temporal's Info has it:
// the originalExecutionRunId of its WorkflowExecutionStarted event, whatever
// run ID a replay was given (run.Start.OriginalExecutionRunID, nil when it
// is the run's own ID).
func originalRunID(st *run.Start) string {
	if o := st.OriginalExecutionRunID; o != nil {
		return *o
	}
	return st.RunID
}

// ownMemo returns a copy of the started event's memo, so that workflow
// code writing to Info.Memo.Fields (a message invites it) changes neither
// the recorded history nor, through a shared map, another run's; nil for
// none. The payloads are shared: they are not changed in place.
func ownMemo(m *converter.Memo) *converter.Memo {
	if m == nil {
		return nil
	}
	return &converter.Memo{Fields: maps.Clone(m.Fields)}
}

// ownSearchAttributes is ownMemo for the search attributes.
func ownSearchAttributes(sa *converter.SearchAttributes) *converter.SearchAttributes {
	if sa == nil {
		return nil
	}
	return &converter.SearchAttributes{IndexedFields: maps.Clone(sa.IndexedFields)}
}
