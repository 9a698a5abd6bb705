package replay

import (
	"time"

	"github.com/wfsim/wfsim/converter"
)

// The small messages that event attributes share. Each mirrors the Temporal
// message of the same name (common.v1, taskqueue.v1, sdk.v1, …) and is
// written under the same JSON keys.

// WorkflowType names a workflow function (JSON {"name": …}).
type WorkflowType struct {
	Name string
}

// ActivityType names an activity function (JSON {"name": …}).
type ActivityType struct {
	Name string
}

// WorkflowExecution identifies one run of a workflow.
type WorkflowExecution struct {
	WorkflowID string
	RunID      string
}

// TaskQueue is the task queue a task was scheduled on. Sticky queues (a
// worker's private queue) carry the name of the normal queue they stand in
// for in NormalName.
type TaskQueue struct {
	Name       string
	Kind       TaskQueueKind
	NormalName string
}

// RetryPolicy is a retry policy as recorded in history. A zero
// MaximumAttempts means unlimited attempts.
type RetryPolicy struct {
	InitialInterval        time.Duration
	BackoffCoefficient     float64
	MaximumInterval        time.Duration
	MaximumAttempts        int32
	NonRetryableErrorTypes []string
}

// Memo holds a workflow's memo: unindexed values attached to the
// execution. It is converter.Memo, the type of workflow.Info's Memo, so a
// started event's memo and the running workflow's are one type.
type Memo = converter.Memo

// SearchAttributes holds indexed values attached to a workflow execution.
// Their payloads carry a "type" metadata entry (Keyword, Int, Datetime, …).
// It is converter.SearchAttributes, the type of workflow.Info's
// SearchAttributes.
type SearchAttributes = converter.SearchAttributes

// Header holds context propagated with a workflow, activity, signal or
// update (tracing spans, auth tokens, …).
type Header struct {
	Fields map[string]*converter.Payload
}

// GetFields returns h.Fields, or nil when h is nil, as the getter of
// Temporal's protobuf Header does (context propagators call it).
func (h *Header) GetFields() map[string]*converter.Payload {
	if h == nil {
		return nil
	}
	return h.Fields
}

// WorkerVersionStamp identifies the build of the worker that handled a task.
type WorkerVersionStamp struct {
	BuildID       string
	UseVersioning bool
}

// WorkflowTaskCompletedMetadata is what an SDK records about itself when it
// completes a workflow task: the SDK flags it relied on while running the
// task (replay must apply the same ones), and its name and version.
type WorkflowTaskCompletedMetadata struct {
	CoreUsedFlags []uint32
	LangUsedFlags []uint32
	SDKName       string
	SDKVersion    string
}

// MeteringMetadata counts billable work done inside a workflow task.
type MeteringMetadata struct {
	NonfirstLocalActivityExecutionAttempts uint32
}

// Deployment names a worker deployment (Temporal's deprecated
// deployment.v1.Deployment).
type Deployment struct {
	SeriesName string
	BuildID    string
}

// WorkerDeploymentVersion names one version of a worker deployment.
type WorkerDeploymentVersion struct {
	BuildID        string
	DeploymentName string
}

// Priority is the priority and fairness settings of a task.
type Priority struct {
	PriorityKey    int32
	FairnessKey    string
	FairnessWeight float32
}

// UserMetadata is the summary and details a user attached to a workflow,
// activity, timer or child workflow, shown by Temporal's UI.
type UserMetadata struct {
	Summary *converter.Payload
	Details *converter.Payload
}

// ResetPoints lists the points a workflow can be reset to.
type ResetPoints struct {
	Points []*ResetPointInfo
}

// ResetPointInfo is one point a workflow can be reset to.
type ResetPointInfo struct {
	BuildID                      string
	BinaryChecksum               string
	RunID                        string
	FirstWorkflowTaskCompletedID int64
	CreateTime                   time.Time
	ExpireTime                   time.Time
	Resettable                   bool
}

// Link points from an event to something related in another workflow (for
// example the workflow a Nexus operation started). Exactly one field is set.
type Link struct {
	WorkflowEvent *LinkWorkflowEvent
	BatchJob      *LinkBatchJob
}

// LinkWorkflowEvent points to an event of another workflow, by event ID and
// type or by request ID.
type LinkWorkflowEvent struct {
	Namespace  string
	WorkflowID string
	RunID      string
	// EventRef is set when the link names the event by ID and type.
	EventRef *LinkEventReference
	// RequestIDRef is set when the link names the event by request ID.
	RequestIDRef *LinkRequestIDReference
}

// LinkEventReference names an event by ID and type.
type LinkEventReference struct {
	EventID   int64
	EventType EventType
}

// LinkRequestIDReference names an event by the request that caused it.
type LinkRequestIDReference struct {
	RequestID string
	EventType EventType
}

// LinkBatchJob points to a batch job.
type LinkBatchJob struct {
	JobID string
}

// Principal is the authenticated caller that caused an event.
type Principal struct {
	Type string
	Name string
}
