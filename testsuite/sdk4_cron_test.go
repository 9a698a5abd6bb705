package testsuite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the cron and detached-child tests of Temporal's
// internal/internal_workflow_testsuite_test.go.

// Temporal: internal/internal_workflow_testsuite_test.go Test_CronWorkflow
//
// Temporal's test environment starts a cron child's first run at once
// (16:30), so the three hours see four runs (16:30, 17:00, 18:00, 19:00).
// A server waits for the schedule's first fire time: wfsim's runs start at
// 17:00, 18:00 and 19:00, so each count is three. As there, each run's
// first attempt fails and is retried by the retry policy. Temporal's
// environment hands the retry the last completion result, so the results
// count up to four; a server starts the retry of a failed run without one
// (handleRetry passes none), so every retry returns 1.
func TestSDK4CronChildRunsHourlyWithRetries(t *testing.T) {
	t.Parallel()
	failed, succeeded, last := 0, 0, 0
	var runStarts []time.Time
	var seen []int // the last completion result each run's first attempt sees
	cron := func(ctx workflow.Context) (int, error) {
		var result int
		if workflow.HasLastCompletionResult(ctx) {
			if err := workflow.GetLastCompletionResult(ctx, &result); err != nil {
				return 0, err
			}
		}
		// The counters skip replays: the environment replays every run's
		// history at the end.
		counting := !workflow.IsReplaying(ctx)
		if counting && workflow.GetInfo(ctx).Attempt == 1 {
			runStarts = append(runStarts, workflow.Now(ctx))
			seen = append(seen, result)
		}
		_ = workflow.Sleep(ctx, 3*time.Second)
		if workflow.GetInfo(ctx).Attempt == 1 {
			if counting {
				failed++
			}
			return 0, errors.New("please-retry")
		}
		result++
		if counting {
			succeeded++
			last = result
		}
		return result, nil
	}
	parent := func(ctx workflow.Context) error {
		ctx1 := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: 10 * time.Minute,
			RetryPolicy: &temporal.RetryPolicy{
				MaximumAttempts:        5,
				InitialInterval:        time.Second,
				MaximumInterval:        10 * time.Second,
				BackoffCoefficient:     2,
				NonRetryableErrorTypes: []string{"bad-bug"},
			},
			CronSchedule: "0 * * * *",
		})
		child := workflow.ExecuteChildWorkflow(ctx1, cron) // a cron chain never ends
		var err error
		workflow.NewSelector(ctx).
			AddFuture(child, func(workflow.Future) { err = errors.New("the cron child returned") }).
			AddFuture(workflow.NewTimer(ctx, 3*time.Hour), func(workflow.Future) {}).
			Select(ctx)
		return err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(cron)
	env.RegisterWorkflow(parent)
	start, err := time.Parse(time.RFC3339, "2018-12-20T16:30:00+08:00")
	require.NoError(t, err)
	env.SetStartTime(start)
	env.ExecuteWorkflow(parent)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, 3, failed)
	assert.Equal(t, 3, succeeded)
	assert.Equal(t, 1, last)
	assert.Equal(t, []int{0, 1, 1}, seen, "a cron run sees the result of the run before")
	require.Len(t, runStarts, 3)
	for i, s := range runStarts {
		assert.Equal(t, start.Add(time.Duration(2*i+1)*30*time.Minute).UTC(), s.UTC(), "run %d", i+1)
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_CronHasLastResult
func TestSDK4LastCompletionResultSetByTheTest(t *testing.T) {
	t.Parallel()
	next := func(ctx workflow.Context) (int, error) {
		var result int
		if workflow.HasLastCompletionResult(ctx) {
			if err := workflow.GetLastCompletionResult(ctx, &result); err != nil {
				return 0, err
			}
		}
		return result + 1, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(next)
	env.SetLastCompletionResult(3)
	env.ExecuteWorkflow(next)
	require.True(t, env.IsWorkflowCompleted())
	var result int
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, 4, result)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_CronGetLastFailure
func TestSDK4LastErrorSetByTheTest(t *testing.T) {
	t.Parallel()
	const want = "some previous failure"
	checks := func(ctx workflow.Context) (int, error) {
		if last := workflow.GetLastError(ctx); last == nil || last.Error() != want {
			return 1, errors.New("the last failure is not the one set")
		}
		return 0, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(checks)
	env.SetLastError(errors.New(want))
	env.ExecuteWorkflow(checks)
	require.True(t, env.IsWorkflowCompleted())
	assert.NoError(t, env.GetWorkflowError())
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_NoDetachedChildWait
func TestSDK4NoDetachedChildWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts workflow.ChildWorkflowOptions
		// ends is when the parent completes: at its timer, or when the
		// child's run times out (a cron child's Future waits for the chain).
		ends time.Duration
	}{
		{name: "abandoned cron child", opts: workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: 10 * time.Minute,
			ParentClosePolicy:  temporal.ParentClosePolicyAbandon,
			CronSchedule:       "0 * * * *",
		}, ends: 3 * time.Hour},
		{name: "child canceled on close", opts: workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: 10 * time.Minute,
			ParentClosePolicy:  temporal.ParentClosePolicyRequestCancel,
		}, ends: 10 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			child := func(ctx workflow.Context) error {
				calls++
				return workflow.Sleep(ctx, 1000*time.Hour)
			}
			parent := func(ctx workflow.Context) error {
				f := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, tt.opts), child)
				workflow.NewSelector(ctx).
					AddFuture(f, func(workflow.Future) {}).
					AddFuture(workflow.NewTimer(ctx, 3*time.Hour), func(workflow.Future) {}).
					Select(ctx)
				return nil
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetDetachedChildWait(false) // else ExecuteWorkflow would follow the child
			env.RegisterWorkflow(parent)
			env.RegisterWorkflow(child)
			env.ExecuteWorkflow(parent)
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			assert.GreaterOrEqual(t, calls, 1)
			assert.Equal(t, testsuite.DefaultStartTime.Add(tt.ends), env.Now(), "the test ends with the parent")
		})
	}
}
