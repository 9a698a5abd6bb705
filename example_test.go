package wfsim_test

import (
	"errors"
	"fmt"

	"github.com/wfsim/wfsim"
)

// An activity fails with details; the workflow sees an *ActivityError
// wrapping the *ApplicationError, rebuilt from the recorded Failure, and
// extracts the details.
func Example() {
	actErr := wfsim.NewApplicationError("card declined", "CardError", "insufficient funds")

	fc := wfsim.GetDefaultFailureConverter()
	recorded := &wfsim.Failure{
		Message: "activity error",
		ActivityFailureInfo: &wfsim.ActivityFailureInfo{
			ScheduledEventID: 5, StartedEventID: 6, Identity: "worker-1",
			ActivityType: "Charge", ActivityID: "5", RetryState: wfsim.RetryStateNonRetryableFailure,
		},
		Cause: fc.ErrorToFailure(actErr),
	}
	err := fc.FailureToError(recorded)
	fmt.Println(err)

	var appErr *wfsim.ApplicationError
	if errors.As(err, &appErr) {
		var reason string
		_ = appErr.Details(&reason)
		fmt.Println(appErr.Type(), "-", reason)
	}
	// Output:
	// activity error (type: Charge, scheduledEventID: 5, startedEventID: 6, identity: worker-1): card declined (type: CardError, retryable: true)
	// CardError - insufficient funds
}

// Go errors that are not this package's keep their Go type name as the
// ApplicationError type, so retry policies can name them.
func ExampleFailureConverter() {
	fc := wfsim.GetDefaultFailureConverter()
	err := fc.FailureToError(fc.ErrorToFailure(fmt.Errorf("charge: %w", &myErr{"limit reached"})))

	var appErr *wfsim.ApplicationError
	for e := err; errors.As(e, &appErr); e = appErr.Unwrap() {
		fmt.Printf("%q %q\n", appErr.Type(), appErr.Message())
	}
	// Output:
	// "wrapError" "charge: limit reached"
	// "myErr" "limit reached"
}

func ExampleNewTimeoutError() {
	err := wfsim.NewHeartbeatTimeoutError(40)
	var timeoutErr *wfsim.TimeoutError
	if errors.As(err, &timeoutErr) && timeoutErr.HasLastHeartbeatDetails() {
		var progress int
		_ = timeoutErr.LastHeartbeatDetails(&progress)
		fmt.Println(timeoutErr.TimeoutType(), progress)
	}
	// Output:
	// Heartbeat 40
}
