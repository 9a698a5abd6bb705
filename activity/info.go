package activity

import (
	"time"

	"github.com/wfsim/wfsim"
)

// Info describes the activity attempt that is running: what it is, which
// workflow scheduled it, its timeouts and its attempt number.
type Info struct {
	// TaskToken identifies this attempt's activity task. A test completes an
	// activity that returned ErrResultPending with it.
	TaskToken []byte
	// WorkflowType is the type of the workflow that scheduled the activity;
	// nil when no workflow did.
	WorkflowType *WorkflowType
	// WorkflowNamespace is the namespace of that workflow.
	WorkflowNamespace string
	// WorkflowExecution is that workflow's execution; its fields are empty
	// when no workflow scheduled the activity.
	WorkflowExecution WorkflowExecution
	// ActivityID is the activity's ID, unique within its workflow execution.
	ActivityID string
	// ActivityRunID is the run ID of a standalone activity (one no
	// workflow scheduled): in wfsim, an activity the activity test
	// environment runs after SetExecuteActivitiesInWorkflow(false); empty
	// for an activity a workflow scheduled.
	ActivityRunID string
	// ActivityType is the activity's type, the name it was registered under.
	ActivityType ActivityType
	// TaskQueue is the task queue the activity was scheduled on.
	TaskQueue string
	// Namespace is the activity's namespace (its workflow's).
	Namespace string
	// HeartbeatTimeout is the longest the activity may go without a
	// heartbeat; zero means it need not heartbeat.
	HeartbeatTimeout time.Duration
	// ScheduleToCloseTimeout limits the activity as a whole, retries
	// included; zero means no limit.
	ScheduleToCloseTimeout time.Duration
	// StartToCloseTimeout limits one attempt.
	StartToCloseTimeout time.Duration
	// ScheduledTime is when the workflow scheduled the activity.
	ScheduledTime time.Time
	// StartedTime is when this attempt started.
	StartedTime time.Time
	// Deadline is when this attempt times out: the earlier of
	// StartedTime+StartToCloseTimeout and ScheduledTime+ScheduleToCloseTimeout.
	Deadline time.Time
	// Attempt is this attempt's number: 1 for the first, and one more for
	// each retry.
	Attempt int32
	// IsLocalActivity is true for a local activity.
	IsLocalActivity bool
	// Priority is the priority of the activity's task: the activity's
	// own, each unset field taken from its workflow's, as a server sets it.
	Priority wfsim.Priority
	// RetryPolicy is the activity's retry policy as the server filled it
	// in (defaults for what the workflow left unset; a zero
	// MaximumAttempts means unlimited); nil when the activity has none,
	// as in the activity test environment.
	RetryPolicy *wfsim.RetryPolicy
}

// IsWorkflowActivity reports whether a workflow scheduled the activity.
func (i *Info) IsWorkflowActivity() bool {
	return i.WorkflowExecution.ID != ""
}

// WorkflowType identifies a workflow type.
type WorkflowType struct {
	Name string
}

// WorkflowExecution identifies a workflow execution: its workflow ID and the
// ID of one of its runs.
type WorkflowExecution struct {
	ID    string
	RunID string
}

// ActivityType identifies an activity type.
type ActivityType struct {
	Name string
}

// Type is the name Temporal's activity package gives [ActivityType]; it is
// here so ported code compiles unchanged.
type Type = ActivityType

// clone returns a copy of i that shares no memory with it, so activity code
// that changes what GetInfo returned cannot change what the simulator holds.
func (i Info) clone() Info {
	if i.TaskToken != nil {
		i.TaskToken = append([]byte(nil), i.TaskToken...)
	}
	if i.WorkflowType != nil {
		wt := *i.WorkflowType
		i.WorkflowType = &wt
	}
	return i
}
