package testsuite

import (
	"math"
	"slices"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// defaultMaximumAttempts bounds the retries of an activity whose retry policy
// sets no maximum, so an always-failing activity ends. The server retries
// without bound; Temporal's test environment uses the same bound of 10.
const defaultMaximumAttempts = 10

// timeoutTypePrefix prefixes a timeout type in RetryPolicy.NonRetryableErrorTypes
// ("TemporalTimeout:StartToClose") to stop retries after that timeout, as on
// the server.
const timeoutTypePrefix = "TemporalTimeout:"

// notEnoughTimeMessage is the server's message when an attempt timed out and
// no retry fits before the ScheduleToClose deadline (and, on current servers,
// when the ScheduleToClose timeout itself fires).
const notEnoughTimeMessage = "Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying"

// givenMaximumAttempts is the MaximumAttempts the workflow asked for: 0, for
// unlimited, when it set none.
func givenMaximumAttempts(p *wfsim.RetryPolicy) int32 {
	if p == nil {
		return 0
	}
	return p.MaximumAttempts
}

// retryPolicyOf returns the policy with the server's defaults filled in:
// InitialInterval 1s, BackoffCoefficient 2, MaximumInterval 100 ×
// InitialInterval, and MaximumAttempts defaultMaximumAttempts.
func retryPolicyOf(p *wfsim.RetryPolicy) wfsim.RetryPolicy {
	var out wfsim.RetryPolicy
	if p != nil {
		out = *p
	}
	if out.InitialInterval <= 0 {
		out.InitialInterval = time.Second
	}
	if out.BackoffCoefficient == 0 {
		out.BackoffCoefficient = 2
	}
	if out.MaximumInterval <= 0 {
		out.MaximumInterval = 100 * out.InitialInterval
	}
	if out.MaximumAttempts == 0 {
		out.MaximumAttempts = defaultMaximumAttempts
	}
	return out
}

// deriveTimeouts fills and caps activity timeouts the way the server
// normalizes a ScheduleActivityTask command: with ScheduleToClose set, unset
// ScheduleToStart and StartToClose take its value and set ones are capped by
// it; with only StartToClose set, ScheduleToClose (and an unset
// ScheduleToStart) become the run timeout (zero: unbounded); every timeout
// is capped by the run timeout; Heartbeat is capped by StartToClose.
func deriveTimeouts(a *run.ScheduleActivity, runTimeout time.Duration) {
	switch {
	case a.ScheduleToCloseTimeout > 0:
		if a.ScheduleToStartTimeout > 0 {
			a.ScheduleToStartTimeout = min(a.ScheduleToStartTimeout, a.ScheduleToCloseTimeout)
		} else {
			a.ScheduleToStartTimeout = a.ScheduleToCloseTimeout
		}
		if a.StartToCloseTimeout > 0 {
			a.StartToCloseTimeout = min(a.StartToCloseTimeout, a.ScheduleToCloseTimeout)
		} else {
			a.StartToCloseTimeout = a.ScheduleToCloseTimeout
		}
	default:
		a.ScheduleToCloseTimeout = runTimeout
		if a.ScheduleToStartTimeout <= 0 {
			a.ScheduleToStartTimeout = runTimeout
		}
	}
	if runTimeout > 0 {
		a.ScheduleToCloseTimeout = min(a.ScheduleToCloseTimeout, runTimeout)
		a.ScheduleToStartTimeout = min(a.ScheduleToStartTimeout, runTimeout)
		a.StartToCloseTimeout = min(a.StartToCloseTimeout, runTimeout)
		a.HeartbeatTimeout = min(a.HeartbeatTimeout, runTimeout)
	}
	a.HeartbeatTimeout = min(a.HeartbeatTimeout, a.StartToCloseTimeout)
}

// isRetryable applies the server's rule: canceled and terminated failures,
// ScheduleToStart and ScheduleToClose timeouts, and non-retryable
// application errors are never retried; a StartToClose or Heartbeat
// timeout is retried unless "TemporalTimeout:<type>" is listed as
// non-retryable; an application error is retried unless its type is listed.
func isRetryable(f *wfsim.Failure, nonRetryable []string) bool {
	switch {
	case f == nil:
		return true
	case f.TerminatedFailureInfo != nil, f.CanceledFailureInfo != nil:
		return false
	case f.TimeoutFailureInfo != nil:
		tt := f.TimeoutFailureInfo.TimeoutType
		if tt == wfsim.TimeoutTypeStartToClose || tt == wfsim.TimeoutTypeHeartbeat {
			return !slices.Contains(nonRetryable, timeoutTypePrefix+tt.String())
		}
		return false
	case f.ServerFailureInfo != nil:
		return !f.ServerFailureInfo.NonRetryable
	case f.ApplicationFailureInfo != nil:
		if f.ApplicationFailureInfo.NonRetryable {
			return false
		}
		return !slices.Contains(nonRetryable, f.ApplicationFailureInfo.Type)
	}
	return true
}

// retryDecision decides what follows a failed attempt, as the server's
// RetryActivity does: RetryStateInProgress with the backoff before the next
// attempt, or the state that closes the activity.
func (t *activityTask) retryDecision(f *wfsim.Failure) (wfsim.RetryState, time.Duration) {
	if t.cancelRequested {
		return wfsim.RetryStateCancelRequested, 0
	}
	if info := f.TimeoutFailureInfo; info != nil &&
		(info.TimeoutType == wfsim.TimeoutTypeScheduleToStart || info.TimeoutType == wfsim.TimeoutTypeScheduleToClose) {
		return wfsim.RetryStateTimeout, 0
	}
	if !isRetryable(f, t.recordedPolicy().NonRetryableErrorTypes) {
		return wfsim.RetryStateNonRetryableFailure, 0
	}
	var delay *time.Duration
	if info := f.ApplicationFailureInfo; info != nil && info.NextRetryDelay != 0 {
		delay = &info.NextRetryDelay
	}
	var expiration time.Time
	if t.attrs().ScheduleToCloseTimeout > 0 {
		expiration = t.scheduledTime().Add(t.attrs().ScheduleToCloseTimeout)
	}
	return nextBackoff(t.run.env.clock.Now(), t.attempt, t.retryPolicy(), delay, expiration)
}

// nextBackoff is the server's nextBackoffInterval: attempts count from 1 and
// MaximumAttempts includes the first; the interval is InitialInterval ×
// BackoffCoefficient^(attempt-1) capped at MaximumInterval, or the delay an
// ApplicationError asked for (which the cap does not apply to); a retry
// that would start after the expiration (strictly) is not made.
func nextBackoff(now time.Time, attempt int32, p wfsim.RetryPolicy, delay *time.Duration, expiration time.Time) (wfsim.RetryState, time.Duration) {
	attempt = max(attempt, 1)
	if p.MaximumAttempts > 0 && attempt >= p.MaximumAttempts {
		return wfsim.RetryStateMaximumAttemptsReached, 0
	}
	maxInterval := p.MaximumInterval
	var interval time.Duration
	if delay != nil {
		maxInterval = *delay
		interval = *delay
	} else {
		interval = exponential(p.InitialInterval, p.BackoffCoefficient, attempt)
	}
	if maxInterval == 0 && interval <= 0 {
		return wfsim.RetryStateTimeout, 0
	}
	if maxInterval != 0 && (interval <= 0 || interval > maxInterval) {
		interval = maxInterval
	}
	if !expiration.IsZero() && now.Add(interval).After(expiration) {
		return wfsim.RetryStateTimeout, 0
	}
	return wfsim.RetryStateInProgress, interval
}

// exponential returns initial × coefficient^(attempt-1), clamped to
// [0, MaxInt64].
func exponential(initial time.Duration, coefficient float64, attempt int32) time.Duration {
	d := float64(initial) * math.Pow(coefficient, float64(attempt-1))
	if d >= float64(math.MaxInt64) || math.IsInf(d, 1) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(max(0, int64(d)))
}

// timeoutFailure is the failure the server records for a timeout: "activity
// StartToClose timeout", source "Server".
func timeoutFailure(tt wfsim.TimeoutType) *wfsim.Failure {
	return serverTimeoutFailure(timeoutMessage(tt), tt)
}

// timeoutMessage returns timeoutFailure's message: a constant for the four
// timeouts an activity has, not a string made for each timeout.
func timeoutMessage(tt wfsim.TimeoutType) string {
	switch tt {
	case wfsim.TimeoutTypeStartToClose:
		return "activity StartToClose timeout"
	case wfsim.TimeoutTypeScheduleToStart:
		return "activity ScheduleToStart timeout"
	case wfsim.TimeoutTypeScheduleToClose:
		return "activity ScheduleToClose timeout"
	case wfsim.TimeoutTypeHeartbeat:
		return "activity Heartbeat timeout"
	}
	return "activity " + tt.String() + " timeout"
}

// serverTimeoutFailure is a timeout failure from the server, made with its
// TimeoutFailureInfo in one allocation.
func serverTimeoutFailure(message string, tt wfsim.TimeoutType) *wfsim.Failure {
	b := &struct {
		f    wfsim.Failure
		info wfsim.TimeoutFailureInfo
	}{f: wfsim.Failure{Message: message, Source: "Server"}, info: wfsim.TimeoutFailureInfo{TimeoutType: tt}}
	b.f.TimeoutFailureInfo = &b.info
	return &b.f
}

// finalTimeoutFailure completes a timeout failure that closes the activity,
// as the server does: when no retry fits before ScheduleToClose (for any
// timeout but ScheduleToStart) it becomes a ScheduleToClose timeout with
// the server's message; it carries the last heartbeat details, and the
// failure of the attempt before as its cause.
func finalTimeoutFailure(f *wfsim.Failure, state wfsim.RetryState, details *converter.Payloads, lastFailure *wfsim.Failure) *wfsim.Failure {
	if state == wfsim.RetryStateTimeout && f.TimeoutFailureInfo.TimeoutType != wfsim.TimeoutTypeScheduleToStart {
		f = serverTimeoutFailure(notEnoughTimeMessage, wfsim.TimeoutTypeScheduleToClose)
	}
	f.TimeoutFailureInfo.LastHeartbeatDetails = details
	f.Cause = lastFailure
	return f
}

// failureConverter is the environment's failure converter: the one set by
// SetFailureConverter, or the default one, over the default data converter
// whatever SetDataConverter set, as in Temporal's test environment and
// worker.
func (e *environment) failureConverter() wfsim.FailureConverter {
	if e.fc == nil {
		return wfsim.GetDefaultFailureConverter()
	}
	return e.fc
}
