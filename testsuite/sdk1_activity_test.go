package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the activity environment tests of Temporal's
// internal/internal_workflow_testsuite_test.go: the worker's background
// context, a propagated header, ErrResultPending, and which heartbeats reach
// the heartbeat listener.

type sdk1CtxKey string

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityWithUserContext
func TestSDK1ActivitySeesTheWorkersBackgroundContext(t *testing.T) {
	t.Parallel()
	key := sdk1CtxKey("test_key")
	readsKey := func(ctx context.Context, k sdk1CtxKey) (string, error) {
		if v, ok := ctx.Value(k).(string); ok {
			return v, nil
		}
		return "", errors.New("no value under the key")
	}
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(readsKey)
	env.SetWorkerOptions(worker.Options{
		BackgroundActivityContext: context.WithValue(context.Background(), key, "test_value"),
	})
	val, err := env.ExecuteActivity(readsKey, key)
	require.NoError(t, err)
	var got string
	require.NoError(t, val.Get(&got))
	assert.Equal(t, "test_value", got)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityWithHeaderContext
func TestSDK1ActivitySeesThePropagatedHeader(t *testing.T) {
	t.Parallel()
	const field = "test-header"
	readsHeader := func(ctx context.Context) (string, error) {
		if v, ok := ctx.Value(sdk4Key(field)).(string); ok {
			return v, nil
		}
		return "", errors.New("the header did not reach the activity's context")
	}
	payload, err := converter.GetDefaultDataConverter().ToPayload("test-data")
	require.NoError(t, err)
	env := testsuite.NewTestActivityEnvironment(t)
	env.SetHeader(&replay.Header{Fields: map[string]*converter.Payload{field: payload}})
	env.SetContextPropagators([]workflow.ContextPropagator{sdk4KeysPropagator{field}})
	env.RegisterActivity(readsHeader)
	val, err := env.ExecuteActivity(readsHeader)
	require.NoError(t, err)
	var got string
	require.NoError(t, val.Get(&got))
	assert.Equal(t, "test-data", got)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityReturnsErrActivityResultPending
func TestSDK1ActivityEnvironmentReturnsErrResultPending(t *testing.T) {
	t.Parallel()
	pending := func(context.Context) (string, error) { return "", activity.ErrResultPending }
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivity(pending)
	_, err := env.ExecuteActivity(pending)
	assert.Equal(t, activity.ErrResultPending, err)
}

// sdk1ThreeHeartbeats heartbeats three details in a row, then fails when
// told to.
func sdk1ThreeHeartbeats(fail bool) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		for _, d := range []string{"some detail1", "some detail2", "some detail3"} {
			activity.RecordHeartbeat(ctx, d)
		}
		if fail {
			return errors.New("error!")
		}
		return nil
	}
}

// sdk1HeartbeatCases are what a worker sends of three quick heartbeats: the
// first at once, the other two held back by its throttling; when the
// attempt succeeds the held one is dropped, when it fails the latest held
// one goes with the failure.
var sdk1HeartbeatCases = []struct {
	name string
	fail bool
	want []string
}{
	{name: "succeeding: the first only", want: []string{"some detail1"}},
	{name: "failing: the first and the last", fail: true, want: []string{"some detail1", "some detail3"}},
}

// sdk1HeartbeatRecorder returns a heartbeat listener appending each detail
// to *seen.
func sdk1HeartbeatRecorder(t *testing.T, seen *[]string) func(*activity.Info, converter.EncodedValues) {
	return func(_ *activity.Info, details converter.EncodedValues) {
		var d string
		assert.NoError(t, details.Get(&d))
		*seen = append(*seen, d)
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ActivityHeartbeatMock
func TestSDK1HeartbeatsReachingTheListenerInTheActivityEnvironment(t *testing.T) {
	t.Parallel()
	for _, tc := range sdk1HeartbeatCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			act := sdk1ThreeHeartbeats(tc.fail)
			var seen []string
			env := testsuite.NewTestActivityEnvironment(t)
			env.RegisterActivityWithOptions(act, activity.RegisterOptions{Name: "threeHeartbeats"})
			env.SetOnActivityHeartbeatListener(sdk1HeartbeatRecorder(t, &seen))
			_, err := env.ExecuteActivity(act)
			if tc.fail {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tc.want, seen)
		})
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowHeartbeatMock
func TestSDK1HeartbeatsReachingTheListenerInTheWorkflowEnvironment(t *testing.T) {
	t.Parallel()
	for _, tc := range sdk1HeartbeatCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			act := sdk1ThreeHeartbeats(tc.fail)
			wf := func(ctx workflow.Context) error {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
					ScheduleToCloseTimeout: 10 * time.Second,
					RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
				})
				return workflow.ExecuteActivity(ctx, "threeHeartbeats").Get(ctx, nil)
			}
			var seen []string
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivityWithOptions(act, activity.RegisterOptions{Name: "threeHeartbeats"})
			env.SetOnActivityHeartbeatListener(sdk1HeartbeatRecorder(t, &seen))
			env.ExecuteWorkflow(wf)
			require.True(t, env.IsWorkflowCompleted())
			if tc.fail {
				assert.Error(t, env.GetWorkflowError())
			} else {
				assert.NoError(t, env.GetWorkflowError())
			}
			assert.Equal(t, tc.want, seen)
		})
	}
}
