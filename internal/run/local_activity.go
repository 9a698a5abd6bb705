package run

import (
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// LocalActivity is one attempt of a local activity that workflow code asks
// its worker to run (Driver.StartLocalActivity). A local activity is no command:
// the worker runs it and hands its result back to the run as a MarkerRecorded
// event named LocalActivityMarkerName (details LocalActivityDataKey and
// LocalActivityResultKey, Failure on failure), and the workflow then issues
// a RecordMarker command with those details, as Temporal's SDK does.
type LocalActivity struct {
	WorkflowID   string
	RunID        string
	ActivityID   string // "1", "2", … per run
	ActivityType string
	// Fn is the function workflow code passed, or nil when it passed a
	// name.
	Fn    any
	Input *converter.Payloads
	// Attempt counts from 1; a retry after a backoff the workflow slept
	// through (a timer) is a new request with the next attempt.
	Attempt int32
	// ScheduledTime is when workflow code first called
	// ExecuteLocalActivity.
	ScheduledTime          time.Time
	ScheduleToCloseTimeout time.Duration
	StartToCloseTimeout    time.Duration
	RetryPolicy            *wfsim.RetryPolicy

	// Header is what the run's context propagators injected, which the
	// worker extracts into the attempt's context; nil without
	// propagators.
	Header map[string]*converter.Payload
}

// The marker that records a local activity's result, as Temporal's SDK
// writes it.
const (
	LocalActivityMarkerName = "LocalActivity"
	LocalActivityDataKey    = "data"
	LocalActivityResultKey  = "result"
)

// LocalActivityMarkerData is the value of a local activity marker's "data"
// detail, encoded (JSON) with the field names of Temporal's SDK.
type LocalActivityMarkerData struct {
	ActivityID   string
	ActivityType string
	ReplayTime   time.Time
	// Attempt is the attempt that produced the result, counting from 1.
	Attempt int32
	// Backoff, on a failure, is how long the workflow waits (with a timer)
	// before the next attempt; zero or less means no retry (Temporal's
	// worker records -1ns for a failure it does not retry).
	Backoff time.Duration
}
