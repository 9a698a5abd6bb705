package testsuite_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// TestActivityRetries checks the retry rules: when the last attempt starts,
// when the activity ends, how many attempts ran and why retrying stopped.
func TestActivityRetries(t *testing.T) {
	t.Parallel()
	boom := wfsim.NewApplicationError("boom", "Boom")
	tests := []struct {
		name     string
		policy   *wfsim.RetryPolicy
		s2c      time.Duration
		err      error // every attempt's error
		attempts int
		lastAt   time.Duration // start of the last attempt = end of the activity
		state    wfsim.RetryState
	}{
		// Backoffs 1, 2, 4, …, 64s, then capped at 100 × InitialInterval.
		{"no policy: Temporal's test-environment defaults, 10 attempts, 1s doubling up to 100s",
			nil, 0, boom, 10, 327 * time.Second, wfsim.RetryStateMaximumAttemptsReached},
		{"MaximumAttempts counts the first attempt",
			&wfsim.RetryPolicy{MaximumAttempts: 3}, 0, boom, 3, 3 * time.Second, wfsim.RetryStateMaximumAttemptsReached},
		{"MaximumAttempts 1 disables retries",
			&wfsim.RetryPolicy{MaximumAttempts: 1}, 0, boom, 1, 0, wfsim.RetryStateMaximumAttemptsReached},
		{"MaximumInterval caps the backoff",
			&wfsim.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 10, MaximumInterval: 5 * time.Second, MaximumAttempts: 4},
			0, boom, 4, 11 * time.Second, wfsim.RetryStateMaximumAttemptsReached},
		{"NonRetryableErrorTypes stops at the first failure",
			&wfsim.RetryPolicy{NonRetryableErrorTypes: []string{"Boom"}}, 0, boom, 1, 0, wfsim.RetryStateNonRetryableFailure},
		{"a non-retryable ApplicationError stops at once",
			nil, 0, wfsim.NewNonRetryableApplicationError("fatal", "Fatal", nil), 1, 0, wfsim.RetryStateNonRetryableFailure},
		{"a Go error is typed by its Go type name",
			&wfsim.RetryPolicy{NonRetryableErrorTypes: []string{"quotaError"}}, 0, &quotaError{}, 1, 0, wfsim.RetryStateNonRetryableFailure},
		{"a plain Go error is retried",
			&wfsim.RetryPolicy{MaximumAttempts: 2}, 0, errors.New("plain"), 2, time.Second, wfsim.RetryStateMaximumAttemptsReached},
		{"NextRetryDelay replaces the backoff, even beyond MaximumInterval",
			&wfsim.RetryPolicy{MaximumInterval: 2 * time.Second, MaximumAttempts: 3},
			0, wfsim.NewApplicationErrorWithOptions("later", "Later", wfsim.ApplicationErrorOptions{NextRetryDelay: 30 * time.Second}),
			3, 60 * time.Second, wfsim.RetryStateMaximumAttemptsReached},
		{"ScheduleToClose ends retrying when the next backoff would pass it",
			&wfsim.RetryPolicy{InitialInterval: time.Second}, 10 * time.Second, boom, 4, 7 * time.Second, wfsim.RetryStateTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Fail)
			env.OnActivity(Fail, mock.Anything, mock.Anything).Return("", tt.err)
			opts := workflow.ActivityOptions{StartToCloseTimeout: time.Minute, ScheduleToCloseTimeout: tt.s2c, RetryPolicy: tt.policy}
			env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Fail", Options: opts})
			err := env.GetWorkflowError()
			ae := activityErrorOf(t, err)
			require.Equal(t, tt.state, ae.RetryState())
			var appErr *wfsim.ApplicationError
			require.ErrorAs(t, err, &appErr)
			h := env.History()
			require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", tt.lastAt}, {"Failed", tt.lastAt}}, actEvents(h), "history:\n%s", h)
			started := lastEvent(t, h, "ActivityTaskStarted").GetActivityTaskStartedEventAttributes()
			require.Equal(t, int32(tt.attempts), started.Attempt)
			if tt.attempts > 1 {
				require.NotNil(t, started.LastFailure)
			}
			env.AssertNumberOfCalls(t, "Fail", tt.attempts)
		})
	}
}

type quotaError struct{}

func (*quotaError) Error() string { return "over quota" }

// A retry due exactly at the ScheduleToClose deadline never starts: the
// deadline's timer was armed first (when the activity was scheduled), so at
// that instant the activity times out, "not enough time" for the retry.
func TestRetryDueAtTheScheduleToCloseDeadline(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Fail)
	// Attempts at 0, 1 and 3s; the next is due at 7s, the deadline.
	env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Fail", Options: workflow.ActivityOptions{
		ScheduleToCloseTimeout: 7 * time.Second, RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second}}})
	err := env.GetWorkflowError()
	require.Equal(t, wfsim.RetryStateTimeout, activityErrorOf(t, err).RetryState())
	var te *wfsim.TimeoutError
	require.ErrorAs(t, err, &te)
	require.Equal(t, wfsim.TimeoutTypeScheduleToClose, te.TimeoutType())
	var cause *wfsim.ApplicationError
	require.ErrorAs(t, te.Unwrap(), &cause)
	require.Equal(t, "boom", cause.Message())
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"TimedOut", 7 * time.Second}}, actEvents(env.History()))
}

// Only StartToClose and Heartbeat timeouts are retried; listing
// "TemporalTimeout:StartToClose" as non-retryable stops that too.
func TestTimeoutRetryRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     workflow.ActivityOptions
		attempts int
		state    wfsim.RetryState
	}{
		{"StartToClose is retried", workflow.ActivityOptions{StartToCloseTimeout: time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 3}}, 3, wfsim.RetryStateMaximumAttemptsReached},
		{"Heartbeat is retried", workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 2}}, 2, wfsim.RetryStateMaximumAttemptsReached},
		{"TemporalTimeout:StartToClose is not", workflow.ActivityOptions{StartToCloseTimeout: time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 3, NonRetryableErrorTypes: []string{"TemporalTimeout:StartToClose"}}}, 1, wfsim.RetryStateNonRetryableFailure},
		{"ScheduleToStart is not", workflow.ActivityOptions{TaskQueue: "nobody", StartToCloseTimeout: time.Second, ScheduleToStartTimeout: time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 3}}, 0, wfsim.RetryStateTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Slow)
			env.SetActivityTaskQueue(defaultTaskQueue, Slow) // no worker polls "nobody" for it
			env.OnActivity(Slow, mock.Anything, mock.Anything).Return("late", nil).After(time.Hour).Maybe()
			env.ExecuteWorkflow(actWorkflow, actCase{Activity: "Slow", Options: tt.opts})
			ae := activityErrorOf(t, env.GetWorkflowError())
			require.Equal(t, tt.state, ae.RetryState())
			env.AssertNumberOfCalls(t, "Slow", tt.attempts)
		})
	}
}

// TestActivityOptionsValidation checks the server's rules, reported on the
// Future.
func TestActivityOptionsValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts *workflow.ActivityOptions
		want string
	}{
		{"no options", nil, `activity "Echo": missing activity parameters through context, check ActivityOptions`},
		{"no StartToClose or ScheduleToClose", &workflow.ActivityOptions{HeartbeatTimeout: time.Second},
			`activity "Echo": a valid StartToCloseTimeout or ScheduleToCloseTimeout must be set on the activity. ActivityId=5 ActivityType=Echo`},
		{"negative timeout", &workflow.ActivityOptions{StartToCloseTimeout: -time.Second},
			`activity "Echo": invalid StartToCloseTimeout: negative duration`},
		{"backoff below 1", &workflow.ActivityOptions{StartToCloseTimeout: time.Second, RetryPolicy: &wfsim.RetryPolicy{BackoffCoefficient: 0.5}},
			`activity "Echo": BackoffCoefficient cannot be less than 1 on retry policy.`},
		{"maximum below initial", &workflow.ActivityOptions{StartToCloseTimeout: time.Second, RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Minute, MaximumInterval: time.Second}},
			`activity "Echo": MaximumInterval cannot be less than InitialInterval on retry policy.`},
		{"bad timeout type", &workflow.ActivityOptions{StartToCloseTimeout: time.Second, RetryPolicy: &wfsim.RetryPolicy{NonRetryableErrorTypes: []string{"TemporalTimeout:Never"}}},
			`activity "Echo": Invalid timeout type value: Never.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Echo)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				if tt.opts != nil {
					ctx = workflow.WithActivityOptions(ctx, *tt.opts)
				}
				err := workflow.ExecuteActivity(ctx, Echo, "x").Get(ctx, nil)
				var oe *workflow.ActivityOptionsError
				if !errors.As(err, &oe) {
					return "", fmt.Errorf("not an ActivityOptionsError: %v", err)
				}
				return oe.Error(), nil
			})
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			require.Equal(t, tt.want, got)
		})
	}
}
