package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half) about local activities, activity info, side effects and what
// workflow code may not do inside queries, validators and side effects.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// itInspectInfo checks the activity.Info an activity sees, as the
// integration suite's inspecting activity does.
func itInspectInfo(ctx context.Context, namespace, queue, wfType string, local bool, s2c, st2c time.Duration, rp *temporal.RetryPolicy) error {
	if !activity.IsActivity(ctx) {
		return errors.New("IsActivity is false")
	}
	info := activity.GetInfo(ctx)
	switch {
	case info.Namespace != namespace, info.WorkflowNamespace != namespace:
		return fmt.Errorf("namespace %q/%q, want %q", info.Namespace, info.WorkflowNamespace, namespace)
	case info.WorkflowType == nil || info.WorkflowType.Name != wfType:
		return fmt.Errorf("workflow type %v, want %v", info.WorkflowType, wfType)
	case info.ActivityID == "":
		return errors.New("empty ActivityID")
	case info.TaskQueue != queue:
		return fmt.Errorf("task queue %q, want %q", info.TaskQueue, queue)
	case info.Deadline.IsZero(), info.StartedTime.IsZero(), info.ScheduledTime.IsZero():
		return errors.New("zero deadline, started or scheduled time")
	case info.IsLocalActivity != local:
		return fmt.Errorf("IsLocalActivity %v", info.IsLocalActivity)
	case info.ScheduleToCloseTimeout != s2c:
		return fmt.Errorf("ScheduleToCloseTimeout %v, want %v", info.ScheduleToCloseTimeout, s2c)
	case info.StartToCloseTimeout != st2c:
		return fmt.Errorf("StartToCloseTimeout %v, want %v", info.StartToCloseTimeout, st2c)
	case !reflect.DeepEqual(info.RetryPolicy, rp):
		return fmt.Errorf("RetryPolicy %+v, want %+v", info.RetryPolicy, rp)
	case !info.IsWorkflowActivity():
		return errors.New("IsWorkflowActivity is false")
	case info.WorkflowExecution.ID == "", info.WorkflowExecution.RunID == "":
		return errors.New("empty workflow execution")
	case info.ActivityRunID != "":
		return fmt.Errorf("ActivityRunID %q", info.ActivityRunID)
	}
	return nil
}

// Temporal: test/integration_test.go TestInspectActivityInfo, TestInspectLocalActivityInfo
func TestIntActivityInfoSeenByActivity(t *testing.T) {
	t.Parallel()
	for _, local := range []bool{false, true} {
		t.Run(fmt.Sprint("local=", local), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivityWithOptions(itInspectInfo, activity.RegisterOptions{Name: "inspectActivityInfo"})
			wf := func(ctx workflow.Context) error {
				info := workflow.GetInfo(ctx)
				if local {
					ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 5 * time.Second, RetryPolicy: itDefaultRetry()})
					return workflow.ExecuteLocalActivity(ctx, itInspectInfo, info.Namespace, info.TaskQueueName, info.WorkflowType.Name,
						true, 5*time.Second, 5*time.Second, itDefaultRetry()).Get(ctx, nil)
				}
				ctx = workflow.WithActivityOptions(ctx, itDefaultAOWithRetry())
				return workflow.ExecuteActivity(ctx, "inspectActivityInfo", info.Namespace, info.TaskQueueName, info.WorkflowType.Name,
					false, 5*time.Second, 5*time.Second, itDefaultRetry()).Get(ctx, nil)
			}
			env.ExecuteWorkflow(wf)
			require.NoError(t, env.GetWorkflowError())
		})
	}
}

func itEcho(_ context.Context, delaySeconds, v int) (int, error) {
	time.Sleep(time.Duration(delaySeconds) * time.Second)
	return v, nil
}

// Temporal: test/integration_test.go TestWorkflowWithParallelLocalActivities
func TestIntParallelLocalActivities(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 5 * time.Second})
		var fs []workflow.Future
		for i := range 10 {
			fs = append(fs, workflow.ExecuteLocalActivity(ctx, itEcho, 0, i))
		}
		for i, f := range fs {
			var v int
			if err := f.Get(ctx, &v); err != nil {
				return err
			}
			if v != i {
				return fmt.Errorf("got %d, want %d", v, i)
			}
		}
		return nil
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

// itFailN fails the first n calls for each id.
type itFailN struct {
	mu    sync.Mutex
	calls map[int]int
}

func (f *itFailN) Run(_ context.Context, n, id int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[id]++
	if f.calls[id] > n {
		return nil
	}
	return itErrOnPurpose
}

// Temporal: test/integration_test.go TestWorkflowWithLocalActivityRetries,
// TestWorkflowWithLocalActivityRetriesDefaultRetryPolicy,
// TestWorkflowWithLocalActivityRetriesPartialPolicy
func TestIntParallelLocalActivityRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		policy *temporal.RetryPolicy
	}{
		{"explicit policy", &temporal.RetryPolicy{InitialInterval: 50 * time.Millisecond, BackoffCoefficient: 1.1, MaximumInterval: 5 * time.Second}},
		{"default policy", nil},
		{"partial policy", &temporal.RetryPolicy{MaximumAttempts: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.DisableReplayCheck() // the activity counts its calls
			f := &itFailN{calls: map[int]int{}}
			wf := func(ctx workflow.Context) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 5 * time.Second, RetryPolicy: tc.policy})
				var fs []workflow.Future
				for i := 1; i <= 10; i++ {
					fs = append(fs, workflow.ExecuteLocalActivity(ctx, f.Run, 2, i))
				}
				for _, fu := range fs {
					if err := fu.Get(ctx, nil); err != nil {
						return err
					}
				}
				return nil
			}
			env.ExecuteWorkflow(wf)
			require.NoError(t, env.GetWorkflowError())
			for i := 1; i <= 10; i++ {
				require.Equal(t, 3, f.calls[i], "local activity %d", i)
			}
		})
	}
}

func itSleepN(ctx context.Context, d time.Duration, n int) (int32, error) {
	if a := activity.GetInfo(ctx).Attempt; a >= int32(n) {
		return a, nil
	}
	time.Sleep(d)
	return activity.GetInfo(ctx).Attempt, nil
}

// Temporal: test/integration_test.go TestWorkflowWithLocalActivityStartToClose
func TestIntLocalActivityStartToCloseRetries(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) error {
		o := workflow.LocalActivityOptions{ScheduleToCloseTimeout: 10 * time.Second, StartToCloseTimeout: time.Second,
			RetryPolicy: &temporal.RetryPolicy{MaximumInterval: time.Second, MaximumAttempts: 5}}
		var n int32
		if err := workflow.ExecuteLocalActivity(workflow.WithLocalActivityOptions(ctx, o), itSleepN, 3*time.Second, 3).Get(ctx, &n); err != nil {
			return err
		}
		if n != 3 {
			return fmt.Errorf("attempt %d, want 3", n)
		}
		o.RetryPolicy = &temporal.RetryPolicy{MaximumInterval: time.Second, MaximumAttempts: 1}
		err := workflow.ExecuteLocalActivity(workflow.WithLocalActivityOptions(ctx, o), itSleepN, 3*time.Second, 3).Get(ctx, nil)
		var te *temporal.TimeoutError
		if !errors.As(err, &te) || te.TimeoutType() != temporal.TimeoutTypeStartToClose {
			return fmt.Errorf("want a StartToClose timeout, got %v", err)
		}
		return nil
	}
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
}

// Temporal: test/integration_test.go TestActivityTimeoutsWorkflow
func TestIntActivityNeedsCloseTimeout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		opts    workflow.ActivityOptions
		wantErr bool
	}{
		{"ScheduleToClose only", workflow.ActivityOptions{ScheduleToCloseTimeout: 5 * time.Second}, false},
		{"StartToClose only", workflow.ActivityOptions{StartToCloseTimeout: 5 * time.Second}, false},
		{"none", workflow.ActivityOptions{}, true},
		{"ScheduleToStart only", workflow.ActivityOptions{ScheduleToStartTimeout: 5 * time.Second}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, _ := newITEnv(t)
			wf := func(ctx workflow.Context, o workflow.ActivityOptions) error {
				return workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, o), "SleepFor", time.Second).Get(ctx, nil)
			}
			env.ExecuteWorkflow(wf, tc.opts)
			if tc.wantErr {
				require.Error(t, env.GetWorkflowError())
			} else {
				require.NoError(t, env.GetWorkflowError())
			}
		})
	}
}

// Temporal: test/integration_test.go TestWorkflowWithParallelSideEffects,
// TestWorkflowWithParallelMutableSideEffects
func TestIntParallelSideEffects(t *testing.T) {
	t.Parallel()
	for _, mutable := range []bool{false, true} {
		t.Run(fmt.Sprint("mutable=", mutable), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			wf := func(ctx workflow.Context) error {
				var fs []workflow.Future
				for i := range 10 {
					f, set := workflow.NewFuture(ctx)
					fs = append(fs, f)
					workflow.Go(ctx, func(ctx workflow.Context) {
						var v converter.EncodedValue
						if mutable {
							v = workflow.MutableSideEffect(ctx, strconv.Itoa(i), func(workflow.Context) any { return i },
								func(a, b any) bool { return a == b })
						} else {
							v = workflow.SideEffect(ctx, func(workflow.Context) any { return i })
						}
						var got int
						err := v.Get(&got)
						set.Set(got, err)
					})
				}
				for i, f := range fs {
					var got int
					if err := f.Get(ctx, &got); err != nil {
						return err
					}
					if got != i {
						return fmt.Errorf("got %d, want %d", got, i)
					}
				}
				return nil
			}
			env.ExecuteWorkflow(wf)
			require.NoError(t, env.GetWorkflowError())
		})
	}
}

// Temporal: test/integration_test.go TestMutatingQuery
func TestIntQueryHandlerMayNotBlock(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) (string, error) {
		if err := workflow.SetQueryHandler(ctx, "mutating_query", func() (string, error) {
			_ = workflow.Sleep(ctx, time.Second)
			return "failed", nil
		}); err != nil {
			return "", err
		}
		workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
		return "hello", nil
	}
	env.RegisterDelayedCallback(func() {
		_, err := env.QueryWorkflow("mutating_query")
		require.Error(t, err)
		// The integration test then cancels the run, which this workflow
		// ignores (a server keeps it open); a signal ends it here.
		env.SignalWorkflow("finish", nil)
	}, time.Second)
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "hello", got)
}

// Temporal: test/integration_test.go TestMutatingUpdateValidator
func TestIntUpdateValidatorMayNotBlock(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) (string, error) {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, "mutating_update", func(ctx workflow.Context) (string, error) {
			return "failed", nil
		}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context) error {
			return workflow.Sleep(ctx, time.Second)
		}}); err != nil {
			return "", err
		}
		workflow.GetSignalChannel(ctx, "finish").Receive(ctx, nil)
		return "hello", nil
	}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow("mutating_update", "u1", &testsuite.TestUpdateCallback{
			OnAccept: func() {}, OnReject: func(error) {}, OnComplete: func(any, error) {},
		})
	}, time.Second)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "mutating-validator"})
	env.ExecuteWorkflow(wf)
	require.Error(t, env.GetWorkflowError())
}

// Temporal: test/integration_test.go TestMutatingSideEffect, TestMutatingMutableSideEffect
func TestIntSideEffectMayNotBlock(t *testing.T) {
	t.Parallel()
	for _, mutable := range []bool{false, true} {
		t.Run(fmt.Sprint("mutable=", mutable), func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			wf := func(ctx workflow.Context) (string, error) {
				f := func(ctx workflow.Context) any {
					_ = workflow.Sleep(ctx, 45*time.Second)
					return "fail"
				}
				var v converter.EncodedValue
				if mutable {
					v = workflow.MutableSideEffect(ctx, "test-id", f, func(a, b any) bool { return false })
				} else {
					v = workflow.SideEffect(ctx, f)
				}
				var s string
				err := v.Get(&s)
				return s, err
			}
			env.ExecuteWorkflow(wf)
			require.Error(t, env.GetWorkflowError())
		})
	}
}

// Temporal: test/integration_test.go TestConsistentQuery
func TestIntQuerySeesStateAfterLocalActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	localSleep := func(_ context.Context, d time.Duration) error { time.Sleep(d); return nil }
	wf := func(ctx workflow.Context, delay time.Duration) error {
		result := "starting-value"
		if err := workflow.SetQueryHandler(ctx, "consistent_query", func() (string, error) { return result, nil }); err != nil {
			return err
		}
		var data string
		workflow.GetSignalChannel(ctx, "consistent-query-signal-chan").Receive(ctx, &data)
		lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 5 * time.Second})
		_ = workflow.ExecuteLocalActivity(lctx, localSleep, delay).Get(lctx, nil)
		result = data
		return nil
	}
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "consistent-query", WorkflowTaskTimeout: 5 * time.Second})
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("consistent-query-signal-chan", "signal-input") }, time.Second)
	env.ExecuteWorkflow(wf, 3*time.Second)
	require.NoError(t, env.GetWorkflowError())
	// A query after the signal is answered once the task that handles it
	// (and the local activity it starts) has completed.
	v, err := env.QueryWorkflow("consistent_query")
	require.NoError(t, err)
	var got string
	require.NoError(t, v.Get(&got))
	require.Equal(t, "signal-input", got)
}
