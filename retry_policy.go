package wfsim

import "time"

// RetryPolicy says how the server retries a failed activity or workflow:
// the delay before attempt n+1 is InitialInterval × BackoffCoefficientⁿ⁻¹,
// capped at MaximumInterval, until MaximumAttempts attempts have been made,
// an error is non-retryable, or a timeout such as ScheduleToClose ends the
// whole execution. It is Temporal's temporal.RetryPolicy.
//
// Zero fields take the server's defaults: InitialInterval 1s,
// BackoffCoefficient 2.0, MaximumInterval 100 × InitialInterval, and
// MaximumAttempts 0, meaning unlimited.
type RetryPolicy struct {
	// InitialInterval is the delay before the first retry.
	InitialInterval time.Duration

	// BackoffCoefficient multiplies the delay after each retry. It must be
	// at least 1.
	BackoffCoefficient float64

	// MaximumInterval caps the delay between retries.
	MaximumInterval time.Duration

	// MaximumAttempts caps the number of attempts, the first included; 0
	// means no cap, and 1 means no retries.
	MaximumAttempts int32

	// NonRetryableErrorTypes lists the ApplicationError types (see
	// ApplicationError.Type) that are not retried. The type of an error that
	// is not an ApplicationError is its Go type name, without package or
	// pointer: "MyError" for a *mypkg.MyError.
	NonRetryableErrorTypes []string
}
