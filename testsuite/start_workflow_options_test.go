package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func queueOfActivity(ctx context.Context) (string, error) {
	return activity.GetInfo(ctx).TaskQueue, nil
}

var stageKey = wfsim.NewSearchAttributeKeyKeyword("Stage")

// Describe reports what the workflow under test knows of its start, after
// a "go" signal.
func Describe(ctx workflow.Context) (string, error) {
	workflow.GetSignalChannel(ctx, "go").Receive(ctx, nil)
	info := workflow.GetInfo(ctx)
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var queue string
	if err := workflow.ExecuteActivity(ctx, queueOfActivity).Get(ctx, &queue); err != nil {
		return "", err
	}
	var owner string
	if p := info.Memo.GetFields()["owner"]; p != nil {
		if err := converter.GetDefaultDataConverter().FromPayload(p, &owner); err != nil {
			return "", err
		}
	}
	stage, _ := workflow.GetTypedSearchAttributes(ctx).GetKeyword(stageKey)
	return fmt.Sprintf("id=%s queue=%s activityQueue=%s run=%v exec=%v task=%v cron=%q owner=%s stage=%s",
		info.WorkflowExecution.ID, info.TaskQueueName, queue, info.WorkflowRunTimeout, info.WorkflowExecutionTimeout,
		info.WorkflowTaskTimeout, info.CronSchedule, owner, stage), nil
}

func TestSetStartWorkflowOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts *client.StartWorkflowOptions
		want string
	}{
		{
			name: "defaults",
			want: `id=default-test-workflow-id queue=default-test-taskqueue activityQueue=default-test-taskqueue run=0s exec=0s task=10s cron="" owner= stage=`,
		},
		{
			name: "set",
			opts: &client.StartWorkflowOptions{
				ID: "order-42", TaskQueue: "orders", WorkflowRunTimeout: time.Hour, WorkflowTaskTimeout: 5 * time.Second,
				Memo:                  map[string]any{"owner": "ann"},
				TypedSearchAttributes: wfsim.NewSearchAttributes(stageKey.ValueSet("new")),
			},
			want: `id=order-42 queue=orders activityQueue=orders run=1h0m0s exec=0s task=5s cron="" owner=ann stage=new`,
		},
		{
			name: "the run timeout defaults to the execution timeout",
			opts: &client.StartWorkflowOptions{WorkflowExecutionTimeout: 2 * time.Hour},
			want: `id=default-test-workflow-id queue=default-test-taskqueue activityQueue=default-test-taskqueue run=2h0m0s exec=2h0m0s task=10s cron="" owner= stage=`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			id := "default-test-workflow-id"
			if tt.opts != nil {
				assert.Same(t, env, env.SetStartWorkflowOptions(*tt.opts))
				if tt.opts.ID != "" {
					id = tt.opts.ID
				}
			}
			env.RegisterActivity(queueOfActivity)
			// The workflow is found by its ID.
			env.RegisterDelayedCallback(func() { require.NoError(t, env.SignalWorkflowByID(id, "go", nil)) }, time.Minute)
			env.ExecuteWorkflow(Describe)
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			assert.Equal(t, []string{id}, env.WorkflowIDs())
		})
	}
}

func TestSetStartWorkflowOptionsRunTimeout(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{WorkflowRunTimeout: 30 * time.Second})
	env.ExecuteWorkflow(Describe) // waits for a signal that never comes
	var te *wfsim.TimeoutError
	require.True(t, errors.As(env.GetWorkflowError(), &te), "got %v", env.GetWorkflowError())
	assert.Equal(t, 30*time.Second, env.Now().Sub(testsuite.DefaultStartTime))
}

// Flaky fails its first attempt.
func Flaky(ctx workflow.Context) (int32, error) {
	if a := workflow.GetInfo(ctx).Attempt; a < 2 {
		return 0, fmt.Errorf("attempt %d fails", a)
	}
	return workflow.GetInfo(ctx).Attempt, nil
}

func TestSetStartWorkflowOptionsRetryPolicy(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{RetryPolicy: &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 3}})
	env.ExecuteWorkflow(Flaky)
	require.NoError(t, env.GetWorkflowError())
	var attempt int32
	require.NoError(t, env.GetWorkflowResult(&attempt))
	assert.Equal(t, int32(2), attempt)
	assert.Len(t, env.Histories("default-test-workflow-id"), 2)
}

func TestSetStartWorkflowOptionsStartDelayAndSummary(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{StartDelay: time.Hour, StaticSummary: "nightly", StaticDetails: "details"})
	env.ExecuteWorkflow(func(ctx workflow.Context) (time.Time, error) { return workflow.Now(ctx), nil })
	var started time.Time
	require.NoError(t, env.GetWorkflowResult(&started))
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Hour), started.UTC())
	first := env.History().Events[0]
	assert.Equal(t, time.Hour, first.GetWorkflowExecutionStartedEventAttributes().FirstWorkflowTaskBackoff)
	require.NotNil(t, first.GetUserMetadata())
	assert.Equal(t, `"nightly"`, string(first.GetUserMetadata().Summary.Data))
	assert.Equal(t, `"details"`, string(first.GetUserMetadata().Details.Data))
}

func TestSetStartWorkflowOptionsBadMemo(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{Memo: map[string]any{"bad": make(chan int)}})
	env.ExecuteWorkflow(Flaky)
	require.Error(t, env.GetWorkflowError())
	assert.Contains(t, env.GetWorkflowError().Error(), `memo "bad"`)
}

func TestSetStartWorkflowOptionsCronRefused(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{CronSchedule: "@daily"})
	env.ExecuteWorkflow(Flaky)
	require.Error(t, env.GetWorkflowError())
	assert.Contains(t, env.GetWorkflowError().Error(), "cannot run on a cron schedule")
}
