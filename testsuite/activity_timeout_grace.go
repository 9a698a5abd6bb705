package testsuite

import "time"

// SetActivityTimeoutGracePeriod is accepted for compatibility with
// Temporal's test environment, and has no effect.
//
// Temporal's environment runs activity code in wall-clock time and watches
// it: an attempt still running gracePeriod after its StartToClose timeout
// is marked timed out. An attempt past its StartToClose times out there
// either way (one that returns within the grace period does so through its
// context's deadline), so the grace period only tunes when the timeout is
// noticed. In the simulation the StartToClose timeout falls due at its
// virtual instant, as on a server: the attempt times out then, whatever its
// code does, and a result the code returns later is dropped, as the server
// drops a late response.
func (env *TestWorkflowEnvironment) SetActivityTimeoutGracePeriod(gracePeriod time.Duration) *TestWorkflowEnvironment {
	return env
}
