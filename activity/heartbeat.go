package activity

import (
	"context"
	"fmt"

	"github.com/wfsim/wfsim/converter"
)

// RecordHeartbeat reports that the activity is alive, with details of its
// progress. Heartbeats reset the heartbeat timeout; the last details
// recorded are handed to the next attempt if this one fails or times out
// (see GetHeartbeatDetails), and appear in a heartbeat TimeoutError.
//
// As Temporal's worker does, the simulated worker throttles heartbeats: the
// first is sent at once, later ones are batched for 80% of the heartbeat
// timeout (or worker.Options' DefaultHeartbeatThrottleInterval, 30s,
// without one; at most MaxHeartbeatThrottleInterval, 60s) and only the
// latest of a batch is sent when it ends; when the activity completes,
// the one held back is dropped, when it fails it is sent. Only what is
// sent resets the timeout and reaches the heartbeat listeners (see package
// testsuite).
//
// No details, or one nil detail, records a heartbeat without details. A
// local activity does not heartbeat: for it RecordHeartbeat does nothing.
//
// RecordHeartbeat panics if ctx is not an activity context, and, as
// Temporal's does, if the data converter cannot encode the details; the
// panic value is then an error wrapping the converter's *EncodeError, and
// the simulator fails the attempt with it.
func RecordHeartbeat(ctx context.Context, details ...any) {
	if o := intercepted(ctx); o != nil {
		o.RecordHeartbeat(ctx, details...)
		return
	}
	env := mustEnv(ctx, "RecordHeartbeat")
	if info(env, "RecordHeartbeat").IsLocalActivity || env.Heartbeat == nil {
		return
	}
	var payloads *converter.Payloads
	if len(details) > 1 || (len(details) == 1 && details[0] != nil) {
		var err error
		payloads, err = env.Converter().ToPayloads(details...)
		if err != nil {
			panic(fmt.Errorf("activity: RecordHeartbeat: cannot encode details: %w", err))
		}
	}
	env.Heartbeat.Heartbeat(payloads)
}

// HasHeartbeatDetails reports whether a previous attempt of the activity
// recorded heartbeat details. It panics if ctx is not an activity context.
func HasHeartbeatDetails(ctx context.Context) bool {
	if o := intercepted(ctx); o != nil {
		return o.HasHeartbeatDetails(ctx)
	}
	return mustEnv(ctx, "HasHeartbeatDetails").HeartbeatDetails != nil
}

// GetHeartbeatDetails decodes the heartbeat details last recorded by a
// previous attempt into the values d points to, in order, so that a retried
// activity can resume where the failed attempt stopped. Heartbeats of the
// running attempt do not change what it returns.
//
// It returns converter.ErrNoData when there are no details, and an error
// matching converter.ErrUnableToDecode when a detail does not fit its
// target. Decode into fresh variables: decoding on top of existing values
// merges, as json.Unmarshal does. It panics if ctx is not an activity
// context.
func GetHeartbeatDetails(ctx context.Context, d ...any) error {
	if o := intercepted(ctx); o != nil {
		return o.GetHeartbeatDetails(ctx, d...)
	}
	env := mustEnv(ctx, "GetHeartbeatDetails")
	return converter.NewEncodedValues(env.HeartbeatDetails, env.Converter()).Get(d...)
}
