// Package activity is what activity code calls: the wfsim counterpart of the
// Temporal Go SDK's go.temporal.io/sdk/activity package, with the same names
// and behaviour, so an activity ports by changing its import.
//
// An activity is an ordinary Go function whose first parameter is a
// context.Context. The simulator (package testsuite) runs it with an activity
// context, from which the functions of this package read the attempt's
// [Info] (its task token, attempt number, timeouts), its logger, and the
// heartbeat details of the previous attempt, and through which the activity
// records heartbeats:
//
//	func Download(ctx context.Context, url string) error {
//		info := activity.GetInfo(ctx)
//		var offset int
//		if activity.HasHeartbeatDetails(ctx) {
//			_ = activity.GetHeartbeatDetails(ctx, &offset) // resume where the last attempt stopped
//		}
//		for ; offset < size; offset += chunk {
//			// … download a chunk …
//			activity.RecordHeartbeat(ctx, offset)
//		}
//		activity.GetLogger(ctx).Info("done", "attempt", info.Attempt)
//		return nil
//	}
//
// An activity that returns [ErrResultPending] is not finished when it
// returns: it stays open, its timeouts still running, until the test
// completes it by its task token.
//
// [ErrActivityPaused] and [ErrActivityReset] are the causes Temporal's
// worker gives an activity's context when a heartbeat learns that a client
// paused or reset the activity; the simulator has no such operations, so
// they are there for code that checks for them to port.
//
// Calling these functions with a context that is not an activity context
// (one the simulator did not make) is a programming error: they panic, as
// Temporal's do. [IsActivity] tells the two apart.
package activity
