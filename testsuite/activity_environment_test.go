package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
)

// Resume continues from the last heartbeat's progress, heartbeating each
// step.
func Resume(ctx context.Context, steps int) (string, error) {
	done := 0
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &done); err != nil {
			return "", err
		}
	}
	for ; done < steps; done++ {
		activity.RecordHeartbeat(ctx, done+1)
	}
	info := activity.GetInfo(ctx)
	return fmt.Sprintf("%s attempt %d done %d local %v", info.ActivityType.Name, info.Attempt, done, info.IsLocalActivity), nil
}

func TestActivityEnvironment(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(Resume)
	env.SetHeartbeatDetails(2)
	var beats []int
	env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
		var n int
		require.NoError(t, details.Get(&n))
		beats = append(beats, n)
	})
	v, err := env.ExecuteActivity(Resume, 4)
	require.NoError(t, err)
	var out string
	require.NoError(t, v.Get(&out))
	require.Equal(t, "Resume attempt 1 done 4 local false", out)
	// The worker sends the first heartbeat; the second, made in the same
	// batch, is dropped when the activity completes (as Temporal's).
	require.Equal(t, []int{3}, beats)

	v, err = env.ExecuteLocalActivity(Resume, 2)
	require.NoError(t, err)
	require.NoError(t, v.Get(&out))
	require.Equal(t, "Resume attempt 1 done 2 local true", out)
}

func TestActivityEnvironmentErrors(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	tests := []struct {
		name  string
		fn    any
		args  []any
		check func(t *testing.T, err error)
	}{
		{"an ApplicationError, wrapped in an ActivityError", Fail, []any{"x"}, func(t *testing.T, err error) {
			var ae *wfsim.ActivityError
			require.ErrorAs(t, err, &ae)
			var app *wfsim.ApplicationError
			require.ErrorAs(t, err, &app)
			require.Equal(t, "Boom", app.Type())
		}},
		{"a panic", func(ctx context.Context) error { panic("oops") }, nil, func(t *testing.T, err error) {
			var pe *wfsim.PanicError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, "oops", pe.Error())
		}},
		{"ErrResultPending is reported as such", func(ctx context.Context) error { return activity.ErrResultPending }, nil, func(t *testing.T, err error) {
			require.ErrorIs(t, err, activity.ErrResultPending)
		}},
		{"arguments that do not fit", Echo, []any{42}, func(t *testing.T, err error) {
			var ae *wfsim.ArgumentError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, `activity "Echo": argument 1: the function takes string, got int`, err.Error())
		}},
		{"an unknown name", "Nope", nil, func(t *testing.T, err error) {
			require.ErrorContains(t, err, "unable to find activityType=Nope")
		}},
		{"sleeping past the 10-minute StartToClose, in virtual time", func(ctx context.Context) error {
			time.Sleep(time.Hour)
			return nil
		}, nil, func(t *testing.T, err error) {
			var te *wfsim.TimeoutError
			require.ErrorAs(t, err, &te)
			require.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
			require.True(t, errors.Is(err, context.DeadlineExceeded))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := env.ExecuteActivity(tt.fn, tt.args...)
			require.Error(t, err)
			tt.check(t, err)
		})
	}
}

// A local activity ends at its deadline (the test timeout) without waiting
// for its code, with the error itself, not an ActivityError.
func TestActivityEnvironmentLocalDeadline(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t).SetTestTimeout(5 * time.Second)
	_, err := env.ExecuteLocalActivity(func(ctx context.Context) error {
		<-ctx.Done()
		time.Sleep(time.Minute)
		return nil
	})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, err, &te)
	require.Equal(t, "deadline exceeded", te.Message())
	var ae *wfsim.ActivityError
	require.False(t, errors.As(err, &ae))
}

func TestActivityEnvironmentFromSuite(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	stop := make(chan struct{})
	env.SetWorkerStopChannel(stop)
	close(stop)
	v, err := env.ExecuteActivity(func(ctx context.Context) (string, error) {
		select {
		case <-activity.GetWorkerStopChannel(ctx):
			return "stopping", nil
		default:
			return "running", nil
		}
	})
	require.NoError(t, err)
	var out string
	require.NoError(t, v.Get(&out))
	require.Equal(t, "stopping", out)
}
