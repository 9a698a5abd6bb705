package testsuite_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the second half of Temporal's test/integration_test.go that check
// what workflow.GetInfo reports and what a workflow's memo becomes.

func int2Nap(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// int2HistoryLengths notes the history length before each of n
// activities, alternating regular and local ones.
func int2HistoryLengths(ctx workflow.Context, n int) ([]int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var lengths []int
	for i := range n {
		lengths = append(lengths, workflow.GetInfo(ctx).GetCurrentHistoryLength())
		var err error
		if i%2 == 0 {
			err = workflow.ExecuteActivity(ctx, int2Nap, time.Millisecond).Get(ctx, nil)
		} else {
			// Temporal's sleeps 1ms here too; wfsim would end the task while a
			// local activity takes virtual time, where a worker keeps it open
			// (see testsuite/local_activity.go), so this one takes none.
			err = workflow.ExecuteLocalActivity(ctx, int2Nap, time.Duration(0)).Get(ctx, nil)
		}
		if err != nil {
			return lengths, err
		}
	}
	return lengths, nil
}

// Temporal: test/integration_test.go TestHistoryLength
func TestInt2HistoryLengthIsTheLastWorkflowTaskStarted(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2HistoryLengths)
	env.RegisterActivity(int2Nap)
	env.ExecuteWorkflow(int2HistoryLengths, 6)
	require.NoError(t, env.GetWorkflowError())
	var got []int
	require.NoError(t, env.GetWorkflowResult(&got))

	var want []int
	lastStarted := 0
	for _, ev := range env.History().Events {
		switch {
		case ev.EventType == replay.EventTypeWorkflowTaskStarted:
			lastStarted = int(ev.EventID)
		case ev.EventType == replay.EventTypeActivityTaskScheduled,
			ev.GetMarkerRecordedEventAttributes() != nil && ev.GetMarkerRecordedEventAttributes().MarkerName == "LocalActivity":
			want = append(want, lastStarted)
		}
	}
	require.Len(t, want, 6)
	assert.Equal(t, want, got)
}

// int2Root reports its root workflow's ID, and runs itself as a child when
// it has no parent.
func int2Root(ctx workflow.Context) (string, error) {
	info := workflow.GetInfo(ctx)
	result := "empty"
	if info.RootWorkflowExecution != nil {
		result = info.RootWorkflowExecution.ID
	}
	if info.ParentWorkflowExecution != nil {
		return result, nil
	}
	var child string
	if err := workflow.ExecuteChildWorkflow(ctx, int2Root).Get(ctx, &child); err != nil {
		return "", err
	}
	return result + " " + child, nil
}

// Temporal: test/integration_test.go TestRootWorkflow
func TestInt2RootWorkflowIsEmptyForTheRootAndSetForItsChild(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2Root)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "test-root-workflow-length"})
	env.ExecuteWorkflow(int2Root)
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "empty test-root-workflow-length", got)
}

func int2UpsertMemo(ctx workflow.Context, memo map[string]any) (*converter.Memo, error) {
	if err := workflow.UpsertMemo(ctx, memo); err != nil {
		return nil, err
	}
	return workflow.GetInfo(ctx).Memo, nil
}

// Temporal: test/integration_test.go TestUpsertMemoFromNil, TestUpsertMemoFromEmptyMap,
// TestUpsertMemoWithExistingMemo (t.Skip'd there for a server bug; this is what they expect)
func TestInt2UpsertMemoMergesAndDeletesNilKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start map[string]any
	}{
		{name: "from nil"},
		{name: "from empty map", start: map[string]any{}},
		{name: "over an existing memo", start: map[string]any{"key_1": "value_1", "key_2": "value_2"}},
	}
	dc := converter.GetDefaultDataConverter()
	v1, err := dc.ToPayload("new_value_1")
	require.NoError(t, err)
	v3, err := dc.ToPayload(123)
	require.NoError(t, err)
	want := map[string]*converter.Payload{"key_1": v1, "key_3": v3}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(int2UpsertMemo)
			if tc.start != nil {
				require.NoError(t, env.SetMemoOnStart(tc.start))
			}
			env.ExecuteWorkflow(int2UpsertMemo, map[string]any{"key_1": "new_value_1", "key_2": nil, "key_3": 123})
			require.NoError(t, env.GetWorkflowError())
			var got *converter.Memo
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, want, got.GetFields())
		})
	}
}

// Temporal: test/integration_test.go TestRawValue
func TestInt2RawValuePassesThroughWorkflowAndActivity(t *testing.T) {
	t.Parallel()
	echo := func(_ context.Context, v converter.RawValue) (converter.RawValue, error) { return v, nil }
	wf := func(ctx workflow.Context, v converter.RawValue) (converter.RawValue, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var out converter.RawValue
		err := workflow.ExecuteActivity(ctx, "RawValueActivity", v).Get(ctx, &out)
		return out, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "WorkflowRawValue"})
	env.RegisterActivityWithOptions(echo, activity.RegisterOptions{Name: "RawValueActivity"})
	payload, err := converter.GetDefaultDataConverter().ToPayload("new_value_1")
	require.NoError(t, err)
	env.ExecuteWorkflow("WorkflowRawValue", converter.NewRawValue(payload))
	require.NoError(t, env.GetWorkflowError())
	var got converter.RawValue
	require.NoError(t, env.GetWorkflowResult(&got))
	require.NotNil(t, got.Payload())
	assert.Equal(t, payload.Data, got.Payload().Data)
	var s string
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(got.Payload(), &s))
	assert.Equal(t, "new_value_1", s)
}

// Temporal: test/integration_test.go TestNondeterministicUpdateRegistertion (workflow
// ActivityRetryOptionsChange): the retry policy is the one the command
// recorded; a replay that computes another one changes nothing.
func TestInt2RetryPolicyIsTheRecordedOne(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	fail := func(context.Context) error {
		calls.Add(1)
		return errors.New("fail")
	}
	wf := func(ctx workflow.Context) ([]string, error) {
		maxAttempts := int32(2)
		if workflow.IsReplaying(ctx) {
			maxAttempts = 3
		}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout: 9 * time.Second,
			RetryPolicy: &temporal.RetryPolicy{
				InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: time.Second,
				MaximumAttempts: maxAttempts,
			},
		})
		if err := workflow.ExecuteActivity(ctx, "Fail").Get(ctx, nil); err == nil {
			return nil, errors.New("expected activity to fail but succeeded")
		}
		return []string{"fail", "fail"}, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "ActivityRetryOptionsChange"})
	env.RegisterActivityWithOptions(fail, activity.RegisterOptions{Name: "Fail"})
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	env.ExecuteWorkflow("ActivityRetryOptionsChange")
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, int32(len(got)), calls.Load(), "attempts")
}
