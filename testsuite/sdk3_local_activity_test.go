package testsuite_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the local activity tests of Temporal's
// internal/internal_workflow_testsuite_test.go: running one, NextRetryDelay,
// mocks with listeners, the activity environment, headers, retries.

// s3LocalOptions are the local activity options of Temporal's suite.
var s3LocalOptions = workflow.LocalActivityOptions{ScheduleToCloseTimeout: 3 * time.Second}

// s3Greet is a local activity: "hello " + name.
func s3Greet(_ context.Context, name string) (string, error) {
	return "hello " + name, nil
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowWithLocalActivity
func TestSDK3LocalActivityResultReachesWorkflow(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, s3LocalOptions)
		var out string
		err := workflow.ExecuteLocalActivity(ctx, s3Greet, "local_activity").Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	assert.Equal(t, "hello local_activity", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowWithLocalActivityNextDelay
func TestSDK3LocalActivityNextRetryDelayDrivesBackoff(t *testing.T) {
	t.Parallel()
	alwaysDelays := func(_ context.Context, delay time.Duration) error {
		return temporal.NewApplicationErrorWithOptions("test delay", "DelayError",
			temporal.ApplicationErrorOptions{NextRetryDelay: delay})
	}
	wf := func(ctx workflow.Context) (time.Duration, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Minute,
			RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 5},
		})
		start := workflow.Now(ctx)
		_ = workflow.ExecuteLocalActivity(ctx, alwaysDelays, time.Second).Get(ctx, nil)
		return workflow.Now(ctx).Sub(start), nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var took time.Duration
	require.NoError(t, env.GetWorkflowResult(&took))
	// Five attempts, four waits of the error's NextRetryDelay between them.
	assert.Equal(t, 4*time.Second, took)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LocalActivity
func TestSDK3ActivityEnvironmentRunsLocalActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	val, err := env.ExecuteLocalActivity(s3Greet, "local_activity")
	require.NoError(t, err)
	var out string
	require.NoError(t, val.Get(&out))
	assert.Equal(t, "hello local_activity", out)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowLocalActivityWithMockAndListeners
func TestSDK3LocalActivityMockAndListeners(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var sawCancel atomic.Bool
	var started, completed, canceled atomic.Int32

	mocked := func(context.Context, string) (string, error) {
		panic("mocked: never runs")
	}
	waitsForCancel := func(ctx context.Context) error {
		env.SignalWorkflow("la-started", nil)
		<-ctx.Done()
		sawCancel.Store(true)
		return nil
	}
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, s3LocalOptions)
		f := workflow.ExecuteLocalActivity(ctx, mocked, "local_activity")
		cctx, cancel := workflow.WithCancel(ctx)
		// The signal waits at the server while the task is open: the
		// workflow sees it after the worker's heartbeat at 8s, which
		// a 3s timeout would not reach (Temporal's test environment
		// delivers it at once).
		cctx = workflow.WithLocalActivityOptions(cctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 20 * time.Second})
		f2 := workflow.ExecuteLocalActivity(cctx, waitsForCancel)
		if err := f.Get(ctx, nil); err != nil {
			return "", err
		}
		// Cancel only once the second activity is surely running.
		workflow.GetSignalChannel(ctx, "la-started").Receive(ctx, nil)
		cancel()
		if err := f2.Get(ctx, nil); !temporal.IsCanceledError(err) {
			return "", err
		}
		var out string
		err := f.Get(ctx, &out)
		return out, err
	}

	env.OnActivity(mocked, mock.Anything, "local_activity").Return("hello mock", nil).Once()
	env.SetOnLocalActivityStartedListener(func(*activity.Info, context.Context, []any) { started.Add(1) })
	env.SetOnLocalActivityCompletedListener(func(_ *activity.Info, result converter.EncodedValue, err error) {
		assert.NoError(t, err)
		var v string
		assert.NoError(t, result.Get(&v))
		assert.Equal(t, "hello mock", v)
		completed.Add(1)
	})
	env.SetOnLocalActivityCanceledListener(func(*activity.Info) { canceled.Add(1) })

	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	env.AssertExpectations(t)
	assert.Equal(t, "hello mock", out)
	assert.Equal(t, int32(2), started.Load())
	assert.Equal(t, int32(1), completed.Load())
	assert.Equal(t, int32(1), canceled.Load())
	assert.True(t, sawCancel.Load(), "the canceled local activity's context was not canceled")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LocalActivityWithHeaderContext
func TestSDK3ActivityEnvironmentLocalActivityGetsHeader(t *testing.T) {
	t.Parallel()
	fromHeader := func(ctx context.Context) (string, error) {
		if v, ok := ctx.Value(s2HeaderKey("test")).(string); ok {
			return v, nil
		}
		return "", errors.New("value not found in ctx")
	}
	env := testsuite.NewTestActivityEnvironment(t)
	env.SetHeader(s2TestHeader(t))
	env.SetContextPropagators([]workflow.ContextPropagator{s2KeysPropagator{"test"}})
	env.RegisterActivity(fromHeader)
	val, err := env.ExecuteLocalActivity(fromHeader)
	require.NoError(t, err)
	var out string
	require.NoError(t, val.Get(&out))
	assert.Equal(t, "test-data", out)
}

// s3LocalRetryPolicy is the retry policy of Temporal's local activity retry
// tests: three attempts, waits of 1s then 2s.
var s3LocalRetryPolicy = &temporal.RetryPolicy{
	MaximumAttempts:        3,
	InitialInterval:        time.Second,
	MaximumInterval:        10 * time.Second,
	BackoffCoefficient:     2,
	NonRetryableErrorTypes: []string{"bad-bug"},
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LocalActivityRetry
func TestSDK3LocalActivityRetriesWithBackoff(t *testing.T) {
	t.Parallel()
	third := func(ctx context.Context) (int32, error) {
		if a := activity.GetInfo(ctx).Attempt; a < 3 {
			return -1, temporal.NewApplicationError("bad-luck", "")
		}
		return activity.GetInfo(ctx).Attempt, nil
	}
	type out struct {
		Attempt int32
		Took    time.Duration
	}
	wf := func(ctx workflow.Context) (out, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Minute,
			RetryPolicy:            s3LocalRetryPolicy,
		})
		start := workflow.Now(ctx)
		var r out
		err := workflow.ExecuteLocalActivity(ctx, third).Get(ctx, &r.Attempt)
		r.Took = workflow.Now(ctx).Sub(start)
		return r, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var r out
	require.NoError(t, env.GetWorkflowResult(&r))
	assert.Equal(t, int32(3), r.Attempt)
	assert.Equal(t, 3*time.Second, r.Took, "1s before the second attempt, 2s before the third")
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LocalActivityRetry_MaxAttempts_Respected
func TestSDK3LocalActivityStopsAtMaximumAttempts(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	fails := func(context.Context) (int32, error) {
		runs.Add(1)
		return -1, temporal.NewApplicationError("i always fail", "")
	}
	wf := func(ctx workflow.Context) (int32, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:    5,
				InitialInterval:    time.Second,
				MaximumInterval:    10 * time.Second,
				BackoffCoefficient: 2,
			},
		})
		var r int32
		err := workflow.ExecuteLocalActivity(ctx, fails).Get(ctx, &r)
		return r, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.Error(t, env.GetWorkflowError())
	var r int32
	require.Error(t, env.GetWorkflowResult(&r))
	assert.Equal(t, int32(5), runs.Load())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_LocalActivityRetryOnCancel
func TestSDK3LocalActivityCanceledErrorIsNotRetried(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	cancels := func(ctx context.Context) (int32, error) {
		runs.Add(1)
		if a := activity.GetInfo(ctx).Attempt; a < 3 {
			return -1, temporal.NewCanceledError("details")
		}
		return activity.GetInfo(ctx).Attempt, nil
	}
	wf := func(ctx workflow.Context) (int32, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Minute,
			RetryPolicy:            s3LocalRetryPolicy,
		})
		var r int32
		err := workflow.ExecuteLocalActivity(ctx, cancels).Get(ctx, &r)
		return r, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(wf)
	require.True(t, env.IsWorkflowCompleted())
	require.Error(t, env.GetWorkflowError())
	assert.True(t, temporal.IsCanceledError(env.GetWorkflowError()), "got %v", env.GetWorkflowError())
	assert.Equal(t, int32(1), runs.Load())
}
