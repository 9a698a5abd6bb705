package wfsim

import "fmt"

// TimeoutError reports that an activity, child workflow or workflow timed
// out. TimeoutType says which timeout fired; for a heartbeat timeout, the
// details of the last heartbeat are available. Its cause, when there is
// one, is the failure of the last attempt.
type TimeoutError struct {
	origin
	msg                  string
	timeoutType          TimeoutType
	cause                error
	lastHeartbeatDetails details
}

// NewTimeoutError returns a *TimeoutError, as an activity mock would return
// it. lastErr is the failure of the last attempt, if any, and details are
// the last heartbeat details. The message is Temporal's for errors made
// this way, "Test timeout"; timeouts fired by the simulator carry the
// server's message instead.
func NewTimeoutError(timeoutType TimeoutType, lastErr error, details ...any) error {
	return &TimeoutError{
		msg:                  "Test timeout",
		timeoutType:          timeoutType,
		cause:                lastErr,
		lastHeartbeatDetails: newDetails(details),
	}
}

// NewHeartbeatTimeoutError returns a heartbeat *TimeoutError carrying the
// last heartbeat details.
func NewHeartbeatTimeoutError(details ...any) error {
	return &TimeoutError{
		msg:                  "heartbeat timeout",
		timeoutType:          TimeoutTypeHeartbeat,
		lastHeartbeatDetails: newDetails(details),
	}
}

// Error returns "message (type: StartToClose)", then the cause.
func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("%s (type: %s)", e.msg, e.timeoutType)
	if e.cause != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.cause)
	}
	return msg
}

func (e *TimeoutError) message() string { return e.msg }

// Message returns the message alone, without what Error adds.
func (e *TimeoutError) Message() string { return e.msg }

// TimeoutType returns which timeout fired.
func (e *TimeoutError) TimeoutType() TimeoutType { return e.timeoutType }

// HasLastHeartbeatDetails reports whether the error carries the details of
// a last heartbeat.
func (e *TimeoutError) HasLastHeartbeatDetails() bool { return e.lastHeartbeatDetails.has() }

// LastHeartbeatDetails extracts the last heartbeat details into the
// variables d points to, in order. It returns ErrNoData when there are none.
func (e *TimeoutError) LastHeartbeatDetails(d ...any) error { return e.lastHeartbeatDetails.get(d...) }

// Unwrap returns the cause.
func (e *TimeoutError) Unwrap() error { return e.cause }
