package wfsim

import (
	"fmt"
	"time"
)

// ApplicationErrorCategory tells observers how to treat an ApplicationError
// in logs and metrics. The values are Temporal's.
type ApplicationErrorCategory int

const (
	// ApplicationErrorCategoryUnspecified is the default category.
	ApplicationErrorCategoryUnspecified ApplicationErrorCategory = iota
	// ApplicationErrorCategoryBenign marks an error expected in normal
	// operation, which should not raise alerts.
	ApplicationErrorCategoryBenign
)

// ApplicationErrorOptions holds the optional attributes of an
// ApplicationError.
type ApplicationErrorOptions struct {
	// NonRetryable stops retries whatever the retry policy says.
	NonRetryable bool
	// Cause is the error that caused this one.
	Cause error
	// Details are values the receiver can extract with
	// ApplicationError.Details. They must be encodable by the data
	// converter.
	Details []any
	// NextRetryDelay, when not zero, replaces the delay the retry policy
	// would give before the next attempt.
	NextRetryDelay time.Duration
	// Category says how to treat the error in logs and metrics.
	Category ApplicationErrorCategory
}

// ApplicationError is the error an activity or workflow returns to say that
// it failed, with a message, a type the caller can switch on, and optional
// details. Any other error an activity or workflow returns reaches the
// caller as an ApplicationError whose Type is the Go type name of the
// original error (see FailureConverter).
type ApplicationError struct {
	origin
	msg            string
	errType        string
	nonRetryable   bool
	cause          error
	details        details
	nextRetryDelay time.Duration
	category       ApplicationErrorCategory
}

// NewApplicationError returns a retryable *ApplicationError.
func NewApplicationError(message, errType string, details ...any) error {
	return NewApplicationErrorWithOptions(message, errType, ApplicationErrorOptions{Details: details})
}

// NewApplicationErrorWithCause returns a retryable *ApplicationError caused
// by cause.
func NewApplicationErrorWithCause(message, errType string, cause error, details ...any) error {
	return NewApplicationErrorWithOptions(message, errType, ApplicationErrorOptions{Cause: cause, Details: details})
}

// NewNonRetryableApplicationError returns an *ApplicationError that is never
// retried, whatever the retry policy says.
func NewNonRetryableApplicationError(message, errType string, cause error, details ...any) error {
	return NewApplicationErrorWithOptions(message, errType, ApplicationErrorOptions{NonRetryable: true, Cause: cause, Details: details})
}

// NewApplicationErrorWithOptions returns an *ApplicationError with the
// given options.
func NewApplicationErrorWithOptions(message, errType string, options ApplicationErrorOptions) error {
	return &ApplicationError{
		msg:            message,
		errType:        errType,
		nonRetryable:   options.NonRetryable,
		cause:          options.Cause,
		details:        newDetails(options.Details),
		nextRetryDelay: options.NextRetryDelay,
		category:       options.Category,
	}
}

// Error returns the message, then the type and retryability when there is a
// type, then the cause: "card declined (type: CardError, retryable: false):
// cause".
func (e *ApplicationError) Error() string {
	msg := e.msg
	if e.errType != "" {
		msg = fmt.Sprintf("%s (type: %s, retryable: %v)", msg, e.errType, !e.nonRetryable)
	}
	if e.cause != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.cause)
	}
	return msg
}

func (e *ApplicationError) message() string { return e.msg }

// Message returns the message alone, without what Error adds.
func (e *ApplicationError) Message() string { return e.msg }

// Type returns the error type given to the constructor, or the Go type name
// of the original error for an error that was not an ApplicationError.
func (e *ApplicationError) Type() string { return e.errType }

// NonRetryable reports whether the error stops retries.
func (e *ApplicationError) NonRetryable() bool { return e.nonRetryable }

// HasDetails reports whether the error carries detail values.
func (e *ApplicationError) HasDetails() bool { return e.details.has() }

// Details extracts the detail values into the variables d points to, in
// order. It returns ErrNoData when there are none.
func (e *ApplicationError) Details(d ...any) error { return e.details.get(d...) }

// NextRetryDelay returns the delay requested before the next attempt; zero
// means the retry policy decides.
func (e *ApplicationError) NextRetryDelay() time.Duration { return e.nextRetryDelay }

// Category returns the error's category.
func (e *ApplicationError) Category() ApplicationErrorCategory { return e.category }

// Unwrap returns the cause.
func (e *ApplicationError) Unwrap() error { return e.cause }
