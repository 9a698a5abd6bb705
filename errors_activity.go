package wfsim

import "fmt"

// ActivityError is what a workflow gets when an activity it ran failed: it
// names the activity and its events, and wraps the reason (an
// *ApplicationError, *TimeoutError, *CanceledError or *PanicError), which
// errors.As finds.
type ActivityError struct {
	origin
	scheduledEventID int64
	startedEventID   int64
	identity         string
	activityType     string
	activityID       string
	retryState       RetryState
	cause            error
}

// NewActivityError returns an *ActivityError.
func NewActivityError(
	scheduledEventID int64,
	startedEventID int64,
	identity string,
	activityType string,
	activityID string,
	retryState RetryState,
	cause error,
) *ActivityError {
	return &ActivityError{
		scheduledEventID: scheduledEventID,
		startedEventID:   startedEventID,
		identity:         identity,
		activityType:     activityType,
		activityID:       activityID,
		retryState:       retryState,
		cause:            cause,
	}
}

// Error returns "activity error (type: Charge, scheduledEventID: 5,
// startedEventID: 6, identity: worker-1)", then the cause.
func (e *ActivityError) Error() string {
	msg := fmt.Sprintf("%s (type: %s, scheduledEventID: %d, startedEventID: %d, identity: %s)",
		e.message(), e.activityType, e.scheduledEventID, e.startedEventID, e.identity)
	if e.cause != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.cause)
	}
	return msg
}

func (e *ActivityError) message() string { return "activity error" }

// ScheduledEventID returns the ID of the ActivityTaskScheduled event.
func (e *ActivityError) ScheduledEventID() int64 { return e.scheduledEventID }

// StartedEventID returns the ID of the ActivityTaskStarted event.
func (e *ActivityError) StartedEventID() int64 { return e.startedEventID }

// Identity returns the identity of the worker that ran the last attempt.
func (e *ActivityError) Identity() string { return e.identity }

// ActivityType returns the activity's type.
func (e *ActivityError) ActivityType() *ActivityType { return &ActivityType{Name: e.activityType} }

// ActivityType names an activity type, as the type Temporal's
// ActivityError.ActivityType returns does (a ported
// err.ActivityType().Name or GetName() keeps compiling).
type ActivityType struct {
	Name string
}

// GetName returns t.Name, or "" when t is nil.
func (t *ActivityType) GetName() string {
	if t == nil {
		return ""
	}
	return t.Name
}

// ActivityID returns the activity's ID.
func (e *ActivityError) ActivityID() string { return e.activityID }

// RetryState says why the activity is no longer retried.
func (e *ActivityError) RetryState() RetryState { return e.retryState }

// Unwrap returns the cause.
func (e *ActivityError) Unwrap() error { return e.cause }
