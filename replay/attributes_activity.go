package replay

import (
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// ActivityTaskScheduledEventAttributes records a ScheduleActivityTask command.
type ActivityTaskScheduledEventAttributes struct {
	ActivityID                   string
	ActivityType                 ActivityType
	TaskQueue                    TaskQueue
	Header                       *Header
	Input                        *converter.Payloads
	ScheduleToCloseTimeout       time.Duration
	ScheduleToStartTimeout       time.Duration
	StartToCloseTimeout          time.Duration
	HeartbeatTimeout             time.Duration
	WorkflowTaskCompletedEventID int64
	RetryPolicy                  *RetryPolicy
	// UseWorkflowBuildID is read from "useCompatibleVersion" too, its old name.
	UseWorkflowBuildID bool
	Priority           *Priority
}

// ActivityTaskStartedEventAttributes records the start of the last attempt
// of an activity (the server writes it only when the activity closes).
type ActivityTaskStartedEventAttributes struct {
	ScheduledEventID       int64
	Identity               string
	RequestID              string
	Attempt                int32
	LastFailure            *wfsim.Failure
	WorkerVersion          *WorkerVersionStamp
	BuildIDRedirectCounter int64
}

// ActivityTaskCompletedEventAttributes records an activity's result.
type ActivityTaskCompletedEventAttributes struct {
	Result           *converter.Payloads
	ScheduledEventID int64
	StartedEventID   int64
	Identity         string
	WorkerVersion    *WorkerVersionStamp
}

// ActivityTaskFailedEventAttributes records an activity that failed for good.
type ActivityTaskFailedEventAttributes struct {
	Failure          *wfsim.Failure
	ScheduledEventID int64
	StartedEventID   int64
	Identity         string
	RetryState       wfsim.RetryState
	WorkerVersion    *WorkerVersionStamp
}

// ActivityTaskTimedOutEventAttributes records an activity whose timeout
// fired and that will not be retried.
type ActivityTaskTimedOutEventAttributes struct {
	Failure          *wfsim.Failure
	ScheduledEventID int64
	StartedEventID   int64
	RetryState       wfsim.RetryState
}

// ActivityTaskCancelRequestedEventAttributes records a
// RequestCancelActivityTask command.
type ActivityTaskCancelRequestedEventAttributes struct {
	ScheduledEventID             int64
	WorkflowTaskCompletedEventID int64
}

// ActivityTaskCanceledEventAttributes records an activity that acknowledged
// its cancellation.
type ActivityTaskCanceledEventAttributes struct {
	Details                      *converter.Payloads
	LatestCancelRequestedEventID int64
	ScheduledEventID             int64
	StartedEventID               int64
	Identity                     string
	WorkerVersion                *WorkerVersionStamp
}

// ActivityPropertiesModifiedExternallyEventAttributes records an activity's
// retry policy changed from outside.
type ActivityPropertiesModifiedExternallyEventAttributes struct {
	ScheduledEventID int64
	NewRetryPolicy   *RetryPolicy
}

// TimerStartedEventAttributes records a StartTimer command.
type TimerStartedEventAttributes struct {
	TimerID                      string
	StartToFireTimeout           time.Duration
	WorkflowTaskCompletedEventID int64
}

// TimerFiredEventAttributes records a timer that fired.
type TimerFiredEventAttributes struct {
	TimerID        string
	StartedEventID int64
}

// TimerCanceledEventAttributes records a CancelTimer command.
type TimerCanceledEventAttributes struct {
	TimerID                      string
	StartedEventID               int64
	WorkflowTaskCompletedEventID int64
	Identity                     string
}

// MarkerRecordedEventAttributes records a RecordMarker command: the SDK's
// record of a side effect, a version decision or a local activity. Details
// maps the marker's keys ("data", "side-effect-id", "change-id", …) to
// their values.
type MarkerRecordedEventAttributes struct {
	MarkerName                   string
	Details                      map[string]*converter.Payloads
	WorkflowTaskCompletedEventID int64
	Header                       *Header
	Failure                      *wfsim.Failure
}
