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
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Beats heartbeats 1, 2, …, n, one a second (heartbeat i at i-1 seconds),
// then returns at n seconds: an error if fail, "ok" otherwise.
func Beats(ctx context.Context, n int, fail bool) (string, error) {
	for i := 1; i <= n; i++ {
		activity.RecordHeartbeat(ctx, i)
		time.Sleep(time.Second)
	}
	if fail {
		return "", errors.New("beats failed")
	}
	return "ok", nil
}

// beatsWorkflow runs Beats once under the given options.
func beatsWorkflow(ctx workflow.Context, o workflow.ActivityOptions, n int, fail bool) (string, error) {
	o.RetryPolicy = &wfsim.RetryPolicy{MaximumAttempts: 1}
	ctx = workflow.WithActivityOptions(ctx, o)
	var out string
	err := workflow.ExecuteActivity(ctx, Beats, n, fail).Get(ctx, &out)
	return out, err
}

// The simulated worker throttles heartbeats as Temporal's Go SDK worker:
// the listener sees only those sent, "detail@instant".
func TestHeartbeatThrottleInWorkflowEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		options workflow.ActivityOptions
		worker  *worker.Options
		n       int
		fail    bool
		want    []string
	}{
		{"batches of 80% of the heartbeat timeout; the last one dropped on completion",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 10 * time.Second}, nil, 20, false,
			[]string{"1@0s", "8@8s", "16@16s"}},
		{"the last one sent when the attempt fails",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 10 * time.Second}, nil, 20, true,
			[]string{"1@0s", "8@8s", "16@16s", "20@20s"}},
		{"without a heartbeat timeout, batches of 30s",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour}, nil, 70, false,
			[]string{"1@0s", "30@30s", "60@1m0s"}},
		{"worker option DefaultHeartbeatThrottleInterval",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour}, &worker.Options{DefaultHeartbeatThrottleInterval: 5 * time.Second}, 12, false,
			[]string{"1@0s", "5@5s", "10@10s"}},
		{"80% of a long heartbeat timeout capped at 60s",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: time.Hour}, nil, 130, false,
			[]string{"1@0s", "60@1m0s", "120@2m0s"}},
		{"worker option MaxHeartbeatThrottleInterval",
			workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: time.Hour}, &worker.Options{MaxHeartbeatThrottleInterval: 3 * time.Second}, 7, false,
			[]string{"1@0s", "3@3s", "6@6s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Beats)
			if tt.worker != nil {
				env.SetWorkerOptions(*tt.worker)
			}
			var beats []string
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, fmt.Sprint(i, "@", env.Now().Sub(testsuite.DefaultStartTime)))
			})
			env.ExecuteWorkflow(beatsWorkflow, tt.options, tt.n, tt.fail)
			require.True(t, env.IsWorkflowCompleted())
			require.Equal(t, tt.fail, env.GetWorkflowError() != nil, "workflow error: %v", env.GetWorkflowError())
			require.Equal(t, tt.want, beats)
		})
	}
}

// The server's heartbeat timeout counts from the last heartbeat it
// received, and the TimeoutError carries that heartbeat's details: a
// heartbeat held back by the worker keeps nothing alive until it is sent.
func TestHeartbeatTimeoutCountsFromTheLastHeartbeatSent(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		activity.RecordHeartbeat(ctx, 1) // sent at once
		time.Sleep(time.Second)
		activity.RecordHeartbeat(ctx, 2) // held back until the batch ends at 8s
		<-ctx.Done()
		return ctx.Err()
	}, activity.RegisterOptions{Name: "Stalls"})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 10 * time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
		return workflow.ExecuteActivity(ctx, "Stalls").Get(ctx, nil)
	})
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te)
	require.Equal(t, wfsim.TimeoutTypeHeartbeat, te.TimeoutType())
	var last int
	require.NoError(t, te.LastHeartbeatDetails(&last))
	require.Equal(t, 2, last)
	// 10s after 8s, when the server received heartbeat 2 (not 11s).
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", 18 * time.Second}}, actEvents(env.History()))
}

// An attempt that fails sends the heartbeat held back before its failure,
// so the retry resumes from it.
func TestHeartbeatHeldBackReachesTheRetry(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var resumed []int
	env.RegisterActivityWithOptions(func(ctx context.Context) (int, error) {
		from := 0
		if activity.HasHeartbeatDetails(ctx) {
			require.NoError(t, activity.GetHeartbeatDetails(ctx, &from))
		}
		resumed = append(resumed, from)
		if from > 0 {
			return from, nil
		}
		for i := 1; i <= 3; i++ {
			activity.RecordHeartbeat(ctx, i) // all at one instant: 2 and 3 held back
		}
		return 0, errors.New("transient")
	}, activity.RegisterOptions{Name: "Resumes"})
	env.ExecuteWorkflow(func(ctx workflow.Context) (int, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, HeartbeatTimeout: 10 * time.Second})
		var n int
		err := workflow.ExecuteActivity(ctx, "Resumes").Get(ctx, &n)
		return n, err
	})
	var n int
	require.NoError(t, env.GetWorkflowResult(&n))
	require.Equal(t, 3, n)
	require.Equal(t, []int{0, 3}, resumed)
}

// Without a bubble activity code runs in zero virtual time: one batch.
func TestHeartbeatThrottleWithoutABubble(t *testing.T) {
	t.Parallel()
	for _, fail := range []bool{false, true} {
		t.Run(fmt.Sprint("fail=", fail), func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.RegisterActivityWithOptions(func(ctx context.Context) error {
				for i := 1; i <= 3; i++ {
					activity.RecordHeartbeat(ctx, i)
				}
				if fail {
					return errors.New("failed")
				}
				return nil
			}, activity.RegisterOptions{Name: "Three"})
			var beats []int
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, i)
			})
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
				return workflow.ExecuteActivity(ctx, "Three").Get(ctx, nil)
			})
			want := []int{1}
			if fail {
				want = []int{1, 3}
			}
			require.Equal(t, want, beats)
		})
	}
}

// An attempt that returns ErrResultPending sends the heartbeat held back,
// which keeps it alive against its heartbeat timeout from then on.
func TestHeartbeatHeldBackSentWhenResultPending(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		activity.RecordHeartbeat(ctx, 1)
		time.Sleep(5 * time.Second)
		activity.RecordHeartbeat(ctx, 2) // held back until the code returns
		return activity.ErrResultPending
	}, activity.RegisterOptions{Name: "Later"})
	var beats []string
	env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
		var i int
		require.NoError(t, details.Get(&i))
		beats = append(beats, fmt.Sprint(i, "@", env.Now().Sub(testsuite.DefaultStartTime)))
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, HeartbeatTimeout: 10 * time.Second,
			RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
		return workflow.ExecuteActivity(ctx, "Later").Get(ctx, nil)
	})
	require.Equal(t, []string{"1@0s", "2@5s"}, beats)
	var te *wfsim.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &te)
	require.Equal(t, wfsim.TimeoutTypeHeartbeat, te.TimeoutType())
	require.Equal(t, []actEvent{{"Scheduled", 0}, {"Started", 0}, {"TimedOut", 15 * time.Second}}, actEvents(env.History()))
}

// TestActivityEnvironment throttles heartbeats to its listener the same
// way, in the bubble's virtual time when bound to a test.
func TestHeartbeatThrottleInActivityEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		worker *worker.Options
		n      int
		fail   bool
		want   []int
	}{
		{"batches of 30s; the last one dropped on completion", nil, 65, false, []int{1, 30, 60}},
		{"the last one sent when the activity fails", nil, 65, true, []int{1, 30, 60, 65}},
		{"worker option DefaultHeartbeatThrottleInterval", &worker.Options{DefaultHeartbeatThrottleInterval: 10 * time.Second}, 25, false, []int{1, 10, 20}},
		{"worker option MaxHeartbeatThrottleInterval", &worker.Options{MaxHeartbeatThrottleInterval: 4 * time.Second}, 9, true, []int{1, 4, 8, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestActivityEnvironment(t)
			env.RegisterActivity(Beats)
			if tt.worker != nil {
				env.SetWorkerOptions(*tt.worker)
			}
			var beats []int
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, i)
			})
			_, err := env.ExecuteActivity(Beats, tt.n, tt.fail)
			require.Equal(t, tt.fail, err != nil, "error: %v", err)
			require.Equal(t, tt.want, beats)
		})
	}
}

// Outside a bubble, TestActivityEnvironment's clock stands still: the
// first heartbeat is sent, and the last one only if the activity fails.
func TestHeartbeatThrottleInActivityEnvironmentWithoutABubble(t *testing.T) {
	t.Parallel()
	for _, fail := range []bool{false, true} {
		t.Run(fmt.Sprint("fail=", fail), func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestActivityEnvironment()
			var beats []int
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, i)
			})
			_, err := env.ExecuteActivity(func(ctx context.Context) error {
				for i := 1; i <= 3; i++ {
					activity.RecordHeartbeat(ctx, i)
				}
				if fail {
					return errors.New("failed")
				}
				return nil
			})
			require.Equal(t, fail, err != nil)
			want := []int{1}
			if fail {
				want = []int{1, 3}
			}
			require.Equal(t, want, beats)
		})
	}
}

// Once the worker's stop channel is closed, the worker sends the heartbeat
// it held back and every later one, as Temporal's does before it stops.
func TestHeartbeatThrottleEndsWhenTheWorkerStops(t *testing.T) {
	t.Parallel()
	// stopping heartbeats 1 and 2, closes the stop channel (the worker
	// begins to stop), heartbeats 3 unless early, and completes.
	stopping := func(stop chan struct{}, early bool) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			activity.RecordHeartbeat(ctx, 1)
			activity.RecordHeartbeat(ctx, 2)
			close(stop)
			if !early {
				activity.RecordHeartbeat(ctx, 3)
			}
			return nil
		}
	}
	tests := []struct {
		name  string
		early bool
		want  []int
	}{
		{"heartbeats after the stop are sent", false, []int{1, 2, 3}},
		{"the held one is sent as the activity completes", true, []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run("workflow environment: "+tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			stop := make(chan struct{})
			env.SetWorkerStopChannel(stop)
			env.RegisterActivityWithOptions(stopping(stop, tt.early), activity.RegisterOptions{Name: "Stopping"})
			var beats []int
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, i)
			})
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
				return workflow.ExecuteActivity(ctx, "Stopping").Get(ctx, nil)
			})
			require.NoError(t, env.GetWorkflowError())
			require.Equal(t, tt.want, beats)
		})
		t.Run("activity environment: "+tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestActivityEnvironment(t)
			stop := make(chan struct{})
			env.SetWorkerStopChannel(stop)
			var beats []int
			env.SetOnActivityHeartbeatListener(func(info *activity.Info, details converter.EncodedValues) {
				var i int
				require.NoError(t, details.Get(&i))
				beats = append(beats, i)
			})
			_, err := env.ExecuteActivity(stopping(stop, tt.early))
			require.NoError(t, err)
			require.Equal(t, tt.want, beats)
		})
	}
}
