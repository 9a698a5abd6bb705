package workflow_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Counter counts to n, one run per step, each run a minute long.
func Counter(ctx workflow.Context, i, n int) (string, error) {
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	info := workflow.GetInfo(ctx)
	if i < n {
		return "", workflow.NewContinueAsNewError(ctx, Counter, i+1, n)
	}
	return fmt.Sprintf("%d runs; last %s continued %s, first %s, attempt %d", i, info.WorkflowExecution.RunID,
		info.ContinuedExecutionRunID, info.FirstRunID, info.Attempt), nil
}

func TestContinueAsNewWithoutFollowing(t *testing.T) {
	t.Parallel()
	env := executeUnbound(Counter, 1, 3)
	err := env.GetWorkflowError()
	var can *wfsim.ContinueAsNewError
	require.ErrorAs(t, err, &can)
	assert.True(t, workflow.IsContinueAsNewError(err))
	assert.Equal(t, "Counter", can.WorkflowType.Name)
	assert.Equal(t, "default-test-taskqueue", can.TaskQueueName)
	var args [2]int
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &args[0], &args[1]))
	assert.Equal(t, [2]int{2, 3}, args)
	h := env.History()
	last := h.Events[len(h.Events)-1]
	require.NotNil(t, last.GetWorkflowExecutionContinuedAsNewEventAttributes())
	assert.Equal(t, "run-2", last.GetWorkflowExecutionContinuedAsNewEventAttributes().NewExecutionRunID)
}

func TestContinueAsNewFollowed(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Counter)
	env.FollowContinueAsNew(0)
	env.ExecuteWorkflow(Counter, 1, 3)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "3 runs; last run-3 continued run-2, first default-test-run-id, attempt 1", got)
	assert.Equal(t, 3*time.Minute, env.Now().Sub(testsuite.DefaultStartTime))
	runs := env.Histories("default-test-workflow-id")
	require.Len(t, runs, 3)
	assert.Same(t, runs[2], env.History())
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(Counter)
	runIDs := []string{"default-test-run-id", "run-2", "run-3"}
	for i, h := range runs {
		started := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
		assert.Equal(t, runIDs[i], started.OriginalExecutionRunID)
		assert.Equal(t, "default-test-run-id", started.FirstExecutionRunID)
		assert.Equal(t, time.Duration(i)*time.Minute, h.Events[0].EventTime.Sub(testsuite.DefaultStartTime))
		if i > 0 {
			assert.Equal(t, runIDs[i-1], started.ContinuedExecutionRunID)
			assert.Equal(t, replay.ContinueAsNewInitiatorWorkflow, started.Initiator)
		}
		want := []string{"WorkflowExecutionStarted", "TimerStarted", "TimerFired", "WorkflowExecutionContinuedAsNew"}
		if i == 2 {
			want[3] = "WorkflowExecutionCompleted"
		}
		assert.Equal(t, want, eventTypes(h), "run %d", i+1)
		require.NoError(t, rp.ReplayWorkflowHistory(nil, h), "run %d", i+1)
	}
}

func TestContinueAsNewRunLimit(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.FollowContinueAsNew(2)
	env.ExecuteWorkflow(Counter, 1, 5)
	var can *wfsim.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &can, "the second run's continue-as-new ends the test")
	assert.Len(t, env.Histories("default-test-workflow-id"), 2)
}

func TestContinueAsNewKeepsMemoAndSearchAttributes(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context, first bool) (string, error) {
		if first {
			if err := workflow.UpsertMemo(ctx, map[string]any{"note": "kept"}); err != nil {
				return "", err
			}
			if err := workflow.UpsertTypedSearchAttributes(ctx, customer.ValueSet("carol")); err != nil {
				return "", err
			}
			return "", workflow.NewContinueAsNewError(ctx, "Keeper", false)
		}
		var m string
		if err := converter.GetDefaultDataConverter().FromPayload(workflow.GetInfo(ctx).Memo.Fields["note"], &m); err != nil {
			return "", err
		}
		c, _ := workflow.GetTypedSearchAttributes(ctx).GetKeyword(customer)
		return m + " " + c, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "Keeper"})
	env.FollowContinueAsNew(0)
	env.ExecuteWorkflow("Keeper", true)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "kept carol", got)
	first := env.Histories("default-test-workflow-id")[0]
	can := first.Events[len(first.Events)-1].GetWorkflowExecutionContinuedAsNewEventAttributes()
	require.NotNil(t, can.Memo)
	require.NotNil(t, can.SearchAttributes)
}

func TestNewContinueAsNewErrorBadInput(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		err := workflow.NewContinueAsNewError(ctx, Counter, "not an int")
		var ae *wfsim.ArgumentError
		return fmt.Sprintf("%v %v", errors.As(err, &ae), workflow.IsContinueAsNewError(err)), nil
	}
	assert.Equal(t, "true false", result[string](t, wf))
	withOpts := func(ctx workflow.Context) (string, error) {
		err := workflow.NewContinueAsNewErrorWithOptions(ctx, workflow.ContinueAsNewErrorOptions{RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 2}}, Counter, 1, 2)
		var can *wfsim.ContinueAsNewError
		if !errors.As(err, &can) {
			return "", errors.New("not a ContinueAsNewError")
		}
		return fmt.Sprint(can.RetryPolicy.MaximumAttempts), nil
	}
	assert.Equal(t, "2", result[string](t, withOpts))
}
