package testsuite_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Upper(ctx context.Context, s string) (string, error) { return strings.ToUpper(s), nil }

// localWorkflow runs Upper as a local activity, then sleeps, then runs it
// again by name.
func localWorkflow(ctx workflow.Context, s string) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 5 * time.Second})
	var a, b string
	if err := workflow.ExecuteLocalActivity(ctx, Upper, s).Get(ctx, &a); err != nil {
		return "", err
	}
	if err := workflow.Sleep(ctx, time.Minute); err != nil {
		return "", err
	}
	if err := workflow.ExecuteLocalActivity(ctx, "Upper", s+"!").Get(ctx, &b); err != nil {
		return "", err
	}
	return a + " " + b, nil
}

// replayOwn replays a simulated history against the workflow.
func replayOwn(t *testing.T, wf any, h *replay.History) {
	t.Helper()
	r := replay.NewWorkflowReplayer()
	r.RegisterWorkflow(wf)
	require.NoError(t, r.ReplayWorkflowHistory(nil, h), "replaying the simulated history:\n%s", h)
}

func eventTypes(h *replay.History) []string {
	var out []string
	for _, ev := range h.Events {
		out = append(out, ev.EventType.String())
	}
	return out
}

func TestLocalActivityMarker(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Upper)
	env.ExecuteWorkflow(localWorkflow, "hi")
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "HI HI!", out)
	h := env.History()
	t.Log(h.String())
	var markers []*replay.Event
	for _, ev := range h.Events {
		if ev.MarkerRecorded != nil {
			markers = append(markers, ev)
		}
	}
	require.Len(t, markers, 2)
	for i, m := range markers {
		a := m.MarkerRecorded
		require.Equal(t, "LocalActivity", a.MarkerName)
		var data struct {
			ActivityID   string
			ActivityType string
			ReplayTime   time.Time
			Attempt      int32
			Backoff      time.Duration
		}
		require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Details["data"], &data))
		require.Equal(t, []string{"1", "2"}[i], data.ActivityID)
		require.Equal(t, "Upper", data.ActivityType)
		require.Equal(t, int32(1), data.Attempt)
		require.Equal(t, testsuite.DefaultStartTime.Add(time.Duration(i)*time.Minute), data.ReplayTime)
		var res string
		require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Details["result"], &res))
		require.Equal(t, []string{"HI", "HI!"}[i], res)
	}
	// The marker is recorded in the task that ran the local activity.
	require.Equal(t, []string{
		"WorkflowExecutionStarted", "WorkflowTaskScheduled", "WorkflowTaskStarted", "WorkflowTaskCompleted",
		"MarkerRecorded", "TimerStarted", "TimerFired", "WorkflowTaskScheduled", "WorkflowTaskStarted",
		"WorkflowTaskCompleted", "MarkerRecorded", "WorkflowExecutionCompleted",
	}, eventTypes(h))
	replayOwn(t, localWorkflow, h)
}

func TestLocalActivityMockedAndRetried(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	var calls atomic.Int32
	env.OnActivity(Upper, mock.Anything, "hi").Return(func(ctx context.Context, s string) (string, error) {
		n := calls.Add(1)
		if info := activity.GetInfo(ctx); !info.IsLocalActivity || info.Attempt != n {
			return "", wfsim.NewNonRetryableApplicationError("bad info", "BadInfo", nil)
		}
		if n < 3 {
			return "", errors.New("flaky")
		}
		return "mocked", nil
	})
	env.OnActivity(Upper, mock.Anything, "hi!").Return("MOCK!", nil)
	env.ExecuteWorkflow(localWorkflow, "hi")
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "mocked MOCK!", out)
	require.Equal(t, int32(3), calls.Load())
	h := env.History()
	t.Log(h.String())
	replayOwn(t, localWorkflow, h)
}
