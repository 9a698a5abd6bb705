package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Sleeper sleeps a day and returns what the sleep returned.
func Sleeper(ctx workflow.Context) error {
	return workflow.Sleep(ctx, 24*time.Hour)
}

// Work heartbeats until it is canceled; cancellation reaches an activity
// through its heartbeats.
func Work(ctx context.Context) error {
	for {
		activity.RecordHeartbeat(ctx)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Minute):
		}
	}
}

// Cleanup undoes what Work did.
func Cleanup(ctx context.Context) (string, error) { return "cleaned", nil }

// WorkThenCleanup runs Work until canceled, then Cleanup on a
// disconnected context, and returns the cancellation.
func WorkThenCleanup(ctx workflow.Context, wait bool) (string, error) {
	ao := workflow.ActivityOptions{StartToCloseTimeout: 48 * time.Hour, HeartbeatTimeout: 2 * time.Minute, WaitForCancellation: wait}
	err := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, ao), Work).Get(ctx, nil)
	if !wfsim.IsCanceledError(err) {
		return "", err
	}
	dctx, cancel := workflow.NewDisconnectedContext(ctx)
	defer cancel()
	var out string
	if err := workflow.ExecuteActivity(workflow.WithActivityOptions(dctx, ao), Cleanup).Get(dctx, &out); err != nil {
		return "", err
	}
	workflow.GetLogger(ctx).Info("cleanup done", "result", out)
	return out, ctx.Err()
}

// IgnoresCancel notices the cancellation and completes anyway.
func IgnoresCancel(ctx workflow.Context) (string, error) {
	if err := workflow.Sleep(ctx, 24*time.Hour); err != nil {
		return "noticed " + err.Error(), nil
	}
	return "slept", nil
}

// CancelsItself returns a cancellation nobody requested, with details.
func CancelsItself(ctx workflow.Context) error {
	return wfsim.NewCanceledError("my reason")
}

func TestCancelWorkflow(t *testing.T) {
	t.Parallel()
	start := []string{"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowTaskStarted", "0s WorkflowTaskCompleted"}
	cancelTask := []string{
		"10m0s WorkflowExecutionCancelRequested", "10m0s WorkflowTaskScheduled", "10m0s WorkflowTaskStarted", "10m0s WorkflowTaskCompleted",
	}
	tests := []struct {
		name     string
		wf       any
		args     []any
		cancel   func(env *testsuite.TestWorkflowEnvironment)
		canceled bool   // the workflow ends canceled
		result   string // otherwise its result
		events   []string
	}{
		{
			name:     "a sleeping workflow: its timer is canceled",
			wf:       Sleeper,
			cancel:   func(env *testsuite.TestWorkflowEnvironment) { env.CancelWorkflow() },
			canceled: true,
			events: concat(start, []string{"0s TimerStarted 5"}, cancelTask, []string{
				"10m0s TimerCanceled 5", "10m0s WorkflowExecutionCanceled",
			}),
		},
		{
			name: "requested twice: recorded once",
			wf:   Sleeper,
			cancel: func(env *testsuite.TestWorkflowEnvironment) {
				env.CancelWorkflow()
				require.NoError(t, env.CancelWorkflowByID("default-test-workflow-id", ""))
			},
			canceled: true,
			events: concat(start, []string{"0s TimerStarted 5"}, cancelTask, []string{
				"10m0s TimerCanceled 5", "10m0s WorkflowExecutionCanceled",
			}),
		},
		{
			name:   "a workflow that ignores it completes",
			wf:     IgnoresCancel,
			cancel: func(env *testsuite.TestWorkflowEnvironment) { env.CancelWorkflow() },
			result: "noticed canceled",
			events: concat(start, []string{"0s TimerStarted 5"}, cancelTask, []string{
				"10m0s TimerCanceled 5", "10m0s WorkflowExecutionCompleted",
			}),
		},
		{
			name: "by ID and run ID",
			wf:   Sleeper,
			cancel: func(env *testsuite.TestWorkflowEnvironment) {
				require.NoError(t, env.CancelWorkflowByID("default-test-workflow-id", "default-test-run-id"))
			},
			canceled: true,
			events: concat(start, []string{"0s TimerStarted 5"}, cancelTask, []string{
				"10m0s TimerCanceled 5", "10m0s WorkflowExecutionCanceled",
			}),
		},
		{
			name:     "an activity, not waiting for it: cleanup runs on a disconnected context",
			wf:       WorkThenCleanup,
			args:     []any{false},
			cancel:   func(env *testsuite.TestWorkflowEnvironment) { env.CancelWorkflow() },
			canceled: true,
			events: concat(start, []string{"0s ActivityTaskScheduled Work"}, cancelTask, []string{
				"10m0s ActivityTaskCancelRequested", "10m0s ActivityTaskScheduled Cleanup",
				// Work stops; the server records its start (as of 0s) when
				// it closes.
				"0s ActivityTaskStarted", "10m0s ActivityTaskCanceled",
				"10m0s WorkflowTaskScheduled", "10m0s WorkflowTaskStarted", "10m0s WorkflowTaskCompleted",
				"10m0s ActivityTaskStarted", "10m0s ActivityTaskCompleted",
				"10m0s WorkflowTaskScheduled", "10m0s WorkflowTaskStarted", "10m0s WorkflowTaskCompleted",
				"10m0s WorkflowExecutionCanceled",
			}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Work)
			env.RegisterActivity(Cleanup)
			env.RegisterDelayedCallback(func() { tt.cancel(env) }, 10*time.Minute)
			env.ExecuteWorkflow(tt.wf, tt.args...)
			require.True(t, env.IsWorkflowCompleted())
			err := env.GetWorkflowError()
			if tt.canceled {
				var ce *wfsim.CanceledError
				require.ErrorAs(t, err, &ce)
				var wee *wfsim.WorkflowExecutionError
				require.ErrorAs(t, err, &wee, "the cause is wrapped, as in Temporal")
			} else {
				require.NoError(t, err)
				var got string
				require.NoError(t, env.GetWorkflowResult(&got))
				assert.Equal(t, tt.result, got)
			}
			assert.Equal(t, tt.events, msgEvents(env.History()))
		})
	}
}

func TestCancelBeforeTheFirstTask(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDelayedCallback(env.CancelWorkflow, 0)
	env.ExecuteWorkflow(Sleeper)
	require.True(t, wfsim.IsCanceledError(env.GetWorkflowError()))
	assert.Equal(t, []string{
		"0s WorkflowExecutionStarted", "0s WorkflowTaskScheduled", "0s WorkflowExecutionCancelRequested",
		"0s WorkflowTaskStarted", "0s WorkflowTaskCompleted",
		// Sleep on a canceled context starts its timer and cancels it at
		// once, as Temporal's SDK does.
		"0s TimerStarted 6", "0s TimerCanceled 6", "0s WorkflowExecutionCanceled",
	}, msgEvents(env.History()), "the root context is canceled before the workflow starts")
}

func TestReturningACancellationCancelsTheRun(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(CancelsItself)
	var ce *wfsim.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &ce)
	var reason string
	require.NoError(t, ce.Details(&reason))
	assert.Equal(t, "my reason", reason)
	h := env.History()
	last := h.Events[len(h.Events)-1]
	require.NotNil(t, last.GetWorkflowExecutionCanceledEventAttributes(), "Temporal's server accepts CancelWorkflowExecution without a request")
	assert.Equal(t, `"my reason"`, string(last.GetWorkflowExecutionCanceledEventAttributes().Details.Payloads[0].Data))
}

func TestCancelWaitingForTheActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Work)
	env.RegisterActivity(Cleanup)
	env.RegisterDelayedCallback(env.CancelWorkflow, 10*time.Minute)
	env.ExecuteWorkflow(WorkThenCleanup, true)
	require.True(t, wfsim.IsCanceledError(env.GetWorkflowError()))
	events := msgEvents(env.History())
	require.Contains(t, events, "10m0s ActivityTaskCancelRequested")
	// With WaitForCancellation the workflow learns of the cancellation only
	// once the activity stopped; cleanup is scheduled after that.
	iCanceled := indexOf(events, "ActivityTaskCanceled")
	iCleanup := indexOf(events, "ActivityTaskScheduled Cleanup")
	require.GreaterOrEqual(t, iCanceled, 0, "%q", events)
	assert.Less(t, iCanceled, iCleanup, "%q", events)
	assert.Equal(t, "WorkflowExecutionCanceled", events[len(events)-1][len("11m0s "):])
}

func indexOf(events []string, suffix string) int {
	for i, e := range events {
		if len(e) >= len(suffix) && e[len(e)-len(suffix):] == suffix {
			return i
		}
	}
	return -1
}

func TestCancelErrors(t *testing.T) {
	t.Parallel()
	t.Run("unknown ID", func(t *testing.T) {
		t.Parallel()
		env := msgEnv()
		env.ExecuteWorkflow(CancelsItself)
		err := env.CancelWorkflowByID("nope", "")
		var nf *testsuite.WorkflowNotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, []string{"default-test-workflow-id"}, nf.Known)
	})
	t.Run("unknown run ID", func(t *testing.T) {
		t.Parallel()
		env := msgEnv()
		env.ExecuteWorkflow(CancelsItself)
		err := env.CancelWorkflowByID("default-test-workflow-id", "run-9")
		assert.EqualError(t, err, `testsuite: workflow "default-test-workflow-id" (run "run-9") not found; the simulation has workflows "default-test-workflow-id"`)
	})
	t.Run("a closed workflow: nothing happens", func(t *testing.T) {
		t.Parallel()
		env := msgEnv()
		env.ExecuteWorkflow(CancelsItself)
		n := len(env.History().Events)
		require.NoError(t, env.CancelWorkflowByID("default-test-workflow-id", ""))
		assert.Len(t, env.History().Events, n)
	})
	t.Run("before ExecuteWorkflow fails a bound test", func(t *testing.T) {
		t.Parallel()
		rec := &recordingT{}
		env := testsuite.NewTestWorkflowEnvironment(rec)
		env.CancelWorkflow()
		require.Len(t, rec.errors, 1)
		assert.Contains(t, rec.errors[0], "call ExecuteWorkflow first")
	})
}

// CancelMock checks that a mocked activity sees the cancellation.
func TestCancelWithAMockedActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Work)
	env.RegisterActivity(Cleanup)
	env.OnActivity(Work, mock.Anything).Return(errors.New("never")).After(time.Hour)
	env.OnActivity(Cleanup, mock.Anything).Return("mock cleaned", nil)
	env.RegisterDelayedCallback(env.CancelWorkflow, 10*time.Minute)
	env.ExecuteWorkflow(WorkThenCleanup, false)
	require.True(t, wfsim.IsCanceledError(env.GetWorkflowError()))
	env.AssertActivityNumberOfCalls(t, "Cleanup", 1)
}
