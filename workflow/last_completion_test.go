package workflow_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type progress struct {
	Processed int
	Cursor    string
}

// ResumeFromLastRun continues from the last completed run's progress and reports the
// last run's error.
func ResumeFromLastRun(ctx workflow.Context) (string, error) {
	var p progress
	has := workflow.HasLastCompletionResult(ctx)
	err := workflow.GetLastCompletionResult(ctx, &p)
	out := "fresh"
	if has {
		out = "resumed at " + p.Cursor
	} else if !errors.Is(err, converter.ErrNoData) {
		return "", err
	}
	if last := workflow.GetLastError(ctx); last != nil {
		out += "; last run failed: " + last.Error()
	}
	return out, nil
}

func TestLastCompletionResultAndLastError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		lastResult any
		lastErr    error
		want       string
	}{
		{name: "first run", want: "fresh"},
		{name: "after a completed run", lastResult: progress{Processed: 10, Cursor: "k10"}, want: "resumed at k10"},
		{name: "after a failed run", lastErr: wfsim.NewApplicationError("disk full", "IOError"), want: "fresh; last run failed: disk full (type: IOError, retryable: true)"},
		{name: "both", lastResult: progress{Cursor: "k3"}, lastErr: errors.New("boom"), want: "resumed at k3; last run failed: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			if tt.lastResult != nil {
				env.SetLastCompletionResult(tt.lastResult)
			}
			env.SetLastError(tt.lastErr)
			env.ExecuteWorkflow(ResumeFromLastRun) // its history is replayed at the end
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)

			// Recorded where a server records them.
			a := env.History().Events[0].GetWorkflowExecutionStartedEventAttributes()
			assert.Equal(t, tt.lastResult != nil, len(a.LastCompletionResult.GetPayloads()) > 0)
			assert.Equal(t, tt.lastErr != nil, a.ContinuedFailure != nil)

			// A replay of the history (through its JSON form) reads
			// them from the start event.
			rp := replay.NewWorkflowReplayer()
			rp.RegisterWorkflow(ResumeFromLastRun)
			require.NoError(t, rp.ReplayWorkflowHistory(nil, jsonRoundTrip(t, env.History())))
		})
	}
}

func TestLastErrorKeepsTheErrorType(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		var app *wfsim.ApplicationError
		if !errors.As(workflow.GetLastError(ctx), &app) {
			return "not an ApplicationError", nil
		}
		return app.Type(), nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetLastError(wfsim.NewApplicationError("quota", "QuotaExceeded"))
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "QuotaExceeded", got)
}

// FlakyChild fails its first two attempts.
func FlakyChild(ctx workflow.Context) (string, error) {
	if workflow.GetInfo(ctx).Attempt < 3 {
		return "", wfsim.NewApplicationError("attempt failed", "FlakyChild")
	}
	last := workflow.GetLastError(ctx)
	return "last: " + last.Error() + "; has result: " + map[bool]string{true: "yes", false: "no"}[workflow.HasLastCompletionResult(ctx)], nil
}

func TestRetriedWorkflowSeesTheFailureItFollows(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "flaky", RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 5}})
		var out string
		err := workflow.ExecuteChildWorkflow(ctx, FlakyChild).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(FlakyChild)
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "last: attempt failed (type: FlakyChild, retryable: true); has result: no", got)
	runs := env.Histories("flaky")
	require.Len(t, runs, 3)
	assert.Nil(t, runs[0].Events[0].GetWorkflowExecutionStartedEventAttributes().ContinuedFailure)
	assert.NotNil(t, runs[2].Events[0].GetWorkflowExecutionStartedEventAttributes().ContinuedFailure)
}
