package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func CountedActivity(ctx context.Context) error {
	activity.GetMetricsHandler(ctx).Counter("charges").Inc(1)
	return nil
}

// countedWorkflow records a metric before and after a timer: the replay at
// the end of the run (and the task after the timer, which replays nothing)
// must not record either twice.
func countedWorkflow(ctx workflow.Context) error {
	m := workflow.GetMetricsHandler(ctx)
	m.Counter("steps").Inc(1)
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return err
	}
	m.WithTags(map[string]string{"phase": "after"}).Counter("steps").Inc(1)
	m.Timer("latency").Record(time.Second)
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	return workflow.ExecuteActivity(ctx, CountedActivity).Get(ctx, nil)
}

func TestMetricsHandler(t *testing.T) {
	t.Parallel()
	h := metrics.NewCapturingHandler()
	var s testsuite.WorkflowTestSuite
	s.SetMetricsHandler(h)
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(CountedActivity)
	env.ExecuteWorkflow(countedWorkflow)
	require.NoError(t, env.GetWorkflowError())

	wfTags := map[string]string{"namespace": "default", "task_queue": "default-test-taskqueue", "workflow_type": "countedWorkflow"}
	type got struct {
		Name  string
		Tags  map[string]string
		Value int64
	}
	var counters []got
	for _, c := range h.Counters() {
		counters = append(counters, got{c.Name, c.Tags, c.Value()})
	}
	after := map[string]string{"phase": "after"}
	for k, v := range wfTags {
		after[k] = v
	}
	require.Equal(t, []got{
		{"charges", map[string]string{"activity_type": "CountedActivity", "namespace": "default", "task_queue": "default-test-taskqueue", "workflow_type": "countedWorkflow"}, 1},
		{"steps", after, 1}, // "phase" sorts before "task_queue"
		{"steps", wfTags, 1},
	}, counters)
	timers := h.Timers()
	require.Len(t, timers, 1)
	require.Equal(t, []time.Duration{time.Second}, timers[0].Records())
}

func TestMetricsHandlerUnset(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		if workflow.GetMetricsHandler(ctx) != metrics.NopHandler {
			t.Error("GetMetricsHandler without a handler set is not metrics.NopHandler")
		}
		return nil
	})
	require.NoError(t, env.GetWorkflowError())
}

func TestActivityEnvironmentMetricsHandler(t *testing.T) {
	t.Parallel()
	h := metrics.NewCapturingHandler()
	var s testsuite.WorkflowTestSuite
	s.SetMetricsHandler(h)
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(CountedActivity)
	_, err := env.ExecuteActivity(CountedActivity)
	require.NoError(t, err)
	require.Len(t, h.Counters(), 1)
	require.Equal(t, int64(1), h.Counters()[0].Value())
}
