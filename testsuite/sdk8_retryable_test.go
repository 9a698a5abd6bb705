package testsuite_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type sdk8CoolError struct{}

func (*sdk8CoolError) Error() string { return "cool error" }

// Temporal: internal/error_test.go Test_IsRetryable (IsRetryable is internal;
// it decides a local activity's retries, which is where a user sees it)
func TestSDKWhichLocalActivityErrorsAreRetried(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		err          error
		nonRetryable []string
		attempts     int32
	}{
		{"canceled", wfsim.NewCanceledError(), nil, 1},
		{"terminated", &wfsim.TerminatedError{}, nil, 1},
		{"start-to-close timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeStartToClose, nil), nil, 3},
		{"schedule-to-start timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeScheduleToStart, nil), nil, 1},
		{"schedule-to-close timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeScheduleToClose, nil), nil, 1},
		{"heartbeat timeout", wfsim.NewTimeoutError(wfsim.TimeoutTypeHeartbeat, nil), nil, 3},
		{"non-retryable application error", wfsim.NewNonRetryableApplicationError("", "", nil), nil, 1},
		{"application error", wfsim.NewApplicationError("", ""), nil, 3},
		{"application error type listed", wfsim.NewApplicationError("", "MyCoolErr"), []string{"MyCoolErr"}, 1},
		{"Go error", &sdk8CoolError{}, nil, 3},
		{"Go error type listed", &sdk8CoolError{}, []string{"sdk8CoolError"}, 1},
		{"Go error, another type listed", &sdk8CoolError{}, []string{"anotherError"}, 3},
		{"Go error among the types listed", &sdk8CoolError{}, []string{"anotherError", "sdk8CoolError"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			var calls atomic.Int32
			fail := func(ctx context.Context) error {
				calls.Add(1)
				if activity.GetInfo(ctx).Attempt > 3 {
					return nil // a safety net: the policy allows three
				}
				return tt.err
			}
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
					ScheduleToCloseTimeout: time.Hour,
					RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 3, InitialInterval: time.Second,
						NonRetryableErrorTypes: tt.nonRetryable},
				})
				return workflow.ExecuteLocalActivity(ctx, fail).Get(ctx, nil)
			})
			require.Error(t, env.GetWorkflowError())
			require.Equal(t, tt.attempts, calls.Load())
		})
	}
}
