package wfsim

import "strconv"

// TimeoutType says which timeout fired. The values are Temporal's
// (enums.v1.TimeoutType).
type TimeoutType int32

const (
	TimeoutTypeUnspecified     TimeoutType = 0
	TimeoutTypeStartToClose    TimeoutType = 1
	TimeoutTypeScheduleToStart TimeoutType = 2
	TimeoutTypeScheduleToClose TimeoutType = 3
	TimeoutTypeHeartbeat       TimeoutType = 4
)

var timeoutTypeNames = [...]string{"Unspecified", "StartToClose", "ScheduleToStart", "ScheduleToClose", "Heartbeat"}

// String returns the name Temporal prints for the timeout type, such as
// "StartToClose".
func (t TimeoutType) String() string {
	if t >= 0 && int(t) < len(timeoutTypeNames) {
		return timeoutTypeNames[t]
	}
	return "TimeoutType(" + itoa(int64(t)) + ")"
}

// RetryState says why an activity or child workflow stopped being retried.
// The values are Temporal's (enums.v1.RetryState).
type RetryState int32

const (
	RetryStateUnspecified            RetryState = 0
	RetryStateInProgress             RetryState = 1
	RetryStateNonRetryableFailure    RetryState = 2
	RetryStateTimeout                RetryState = 3
	RetryStateMaximumAttemptsReached RetryState = 4
	RetryStateRetryPolicyNotSet      RetryState = 5
	RetryStateInternalServerError    RetryState = 6
	RetryStateCancelRequested        RetryState = 7
)

var retryStateNames = [...]string{"Unspecified", "InProgress", "NonRetryableFailure", "Timeout", "MaximumAttemptsReached", "RetryPolicyNotSet", "InternalServerError", "CancelRequested"}

// String returns the name Temporal prints for the retry state, such as
// "MaximumAttemptsReached".
func (s RetryState) String() string {
	if s >= 0 && int(s) < len(retryStateNames) {
		return retryStateNames[s]
	}
	return "RetryState(" + itoa(int64(s)) + ")"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
