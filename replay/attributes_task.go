package replay

import (
	"time"

	wfsim "github.com/wfsim/wfsim"
)

// WorkflowTaskScheduledEventAttributes records that a workflow task is
// waiting for a worker.
type WorkflowTaskScheduledEventAttributes struct {
	TaskQueue           TaskQueue
	StartToCloseTimeout time.Duration
	Attempt             int32
}

// WorkflowTaskStartedEventAttributes records that a worker picked up the
// workflow task. Its event time is what workflow.Now returns while the task
// runs.
type WorkflowTaskStartedEventAttributes struct {
	ScheduledEventID     int64
	Identity             string
	RequestID            string
	SuggestContinueAsNew bool
	// TargetWorkerDeploymentVersionChanged reports that the workflow's
	// target worker deployment version differs from its pinned one.
	TargetWorkerDeploymentVersionChanged bool
	// SuggestContinueAsNewReasons say why SuggestContinueAsNew is set.
	SuggestContinueAsNewReasons SuggestContinueAsNewReasonSet
	HistorySizeBytes            int64
	WorkerVersion               *WorkerVersionStamp
	BuildIDRedirectCounter      int64
}

// WorkflowTaskCompletedEventAttributes records that the worker finished the
// workflow task; the command events that follow it are the commands the
// task produced.
type WorkflowTaskCompletedEventAttributes struct {
	ScheduledEventID int64
	StartedEventID   int64
	Identity         string
	BinaryChecksum   string
	// WorkerVersion is read from "workerVersioningId" too, its old name.
	WorkerVersion           *WorkerVersionStamp
	SDKMetadata             *WorkflowTaskCompletedMetadata
	MeteringMetadata        *MeteringMetadata
	Deployment              *Deployment
	VersioningBehavior      VersioningBehavior
	WorkerDeploymentVersion string
	WorkerDeploymentName    string
	DeploymentVersion       *WorkerDeploymentVersion
}

// WorkflowTaskTimedOutEventAttributes records a workflow task that no
// worker completed in time.
type WorkflowTaskTimedOutEventAttributes struct {
	ScheduledEventID int64
	StartedEventID   int64
	TimeoutType      wfsim.TimeoutType
}

// WorkflowTaskFailedEventAttributes records a workflow task that failed: a
// worker error, an unhandled command, or a reset (Cause ResetWorkflow, with
// the run IDs before and after).
type WorkflowTaskFailedEventAttributes struct {
	ScheduledEventID int64
	StartedEventID   int64
	Cause            WorkflowTaskFailedCause
	Failure          *wfsim.Failure
	Identity         string
	BaseRunID        string
	NewRunID         string
	ForkEventVersion int64
	BinaryChecksum   string
	WorkerVersion    *WorkerVersionStamp
}
