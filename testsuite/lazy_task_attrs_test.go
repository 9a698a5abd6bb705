package testsuite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A long run's WorkflowTaskStarted and WorkflowTaskCompleted attributes are
// made when its history is handed out (lazy_task_attrs.go). These tests
// check them against what the history says elsewhere, and against the same
// run whose history was handed out early, which records them at once.

func lazyEcho(_ context.Context, i int) (int, error) { return i, nil }

// manyTasksWorkflow sleeps n times, running an activity or a local
// activity now and then, and takes updates, whose validator rejects "bad".
func manyTasksWorkflow(ctx workflow.Context, n int) error {
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "upd", func(ctx workflow.Context, s string) (string, error) {
		return s, nil
	}, workflow.UpdateHandlerOptions{Validator: func(ctx workflow.Context, s string) error {
		if s == "bad" {
			return errors.New("rejected")
		}
		return nil
	}}); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	for i := range n {
		if err := workflow.Sleep(ctx, time.Minute); err != nil {
			return err
		}
		switch i % 7 {
		case 3:
			if err := workflow.ExecuteActivity(ctx, lazyEcho, i).Get(ctx, nil); err != nil {
				return err
			}
		case 5:
			if err := workflow.ExecuteLocalActivity(ctx, lazyEcho, i).Get(ctx, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// runManyTasks runs manyTasksWorkflow with updates sent along the way, the
// history handed out at handOutAt if it is not zero, and returns the
// history.
func runManyTasks(t *testing.T, handOutAt time.Duration) *replay.History {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(lazyEcho)
	var rejected, completed bool
	for i, at := range []time.Duration{20*time.Minute + time.Second, 30*time.Minute + time.Second, 45*time.Minute + time.Second} {
		arg := "good"
		if i != 1 {
			arg = "bad"
		}
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow("upd", fmt.Sprint("u", i), &testsuite.TestUpdateCallback{
				OnReject:   func(error) { rejected = true },
				OnComplete: func(any, error) { completed = true },
			}, arg)
		}, at)
	}
	var early *replay.History
	if handOutAt > 0 {
		env.RegisterDelayedCallback(func() { early = env.History() }, handOutAt)
	}
	env.ExecuteWorkflow(manyTasksWorkflow, 60)
	require.NoError(t, env.GetWorkflowError())
	require.True(t, rejected, "an update rejected")
	require.True(t, completed, "an update completed")
	h := env.History()
	if early != nil {
		require.Same(t, early, h)
	}
	return h
}

func TestLazyTaskAttributesMatchTheHistory(t *testing.T) {
	t.Parallel()
	h := runManyTasks(t, 0)
	require.Greater(t, len(h.Events), 300)
	var scheduled, started int64
	lastRequest := 0
	seen := map[any]bool{}
	tasks := 0
	for _, ev := range h.Events {
		switch a := ev.Attributes.(type) {
		case *replay.WorkflowTaskScheduledEventAttributes:
			scheduled = ev.EventID
		case *replay.WorkflowTaskStartedEventAttributes:
			started = ev.EventID
			tasks++
			assert.Equal(t, scheduled, a.ScheduledEventID, "event %d", ev.EventID)
			assert.Equal(t, "wfsim-worker", a.Identity, "event %d", ev.EventID)
			n, err := strconv.Atoi(strings.TrimPrefix(a.RequestID, "request-"))
			if assert.NoError(t, err, "event %d: %q", ev.EventID, a.RequestID) {
				assert.Greater(t, n, lastRequest, "event %d: request IDs increase", ev.EventID)
				lastRequest = n
			}
			assert.False(t, seen[a], "event %d has attributes of its own", ev.EventID)
			seen[a] = true
		case *replay.WorkflowTaskCompletedEventAttributes:
			assert.Equal(t, scheduled, a.ScheduledEventID, "event %d", ev.EventID)
			assert.Equal(t, started, a.StartedEventID, "event %d", ev.EventID)
			assert.Equal(t, "wfsim-worker", a.Identity, "event %d", ev.EventID)
			assert.False(t, seen[a], "event %d has attributes of its own", ev.EventID)
			seen[a] = true
		case *replay.ActivityTaskStartedEventAttributes:
			n, err := strconv.Atoi(strings.TrimPrefix(a.RequestID, "request-"))
			if assert.NoError(t, err, "event %d: %q", ev.EventID, a.RequestID) {
				assert.Greater(t, n, lastRequest, "event %d: request IDs increase", ev.EventID)
				lastRequest = n
			}
		}
	}
	assert.Greater(t, tasks, 60)
	// A rejected update's speculative task took a request ID, and left
	// no events: one number is missing.
	assert.Greater(t, lastRequest, tasks)

	// Changing one event's attributes changes no other's.
	for _, ev := range h.Events {
		if a, ok := ev.Attributes.(*replay.WorkflowTaskStartedEventAttributes); ok && ev.EventID > 100 {
			a.RequestID, a.ScheduledEventID = "changed", 1
			break
		}
	}
	changed := 0
	for _, ev := range h.Events {
		if a, ok := ev.Attributes.(*replay.WorkflowTaskStartedEventAttributes); ok && a.RequestID == "changed" {
			changed++
		}
	}
	assert.Equal(t, 1, changed)
}

// The same run, its history handed out early so that every task records
// its attributes at once, writes the same JSON.
func TestLazyTaskAttributesAsIfRecordedAtOnce(t *testing.T) {
	t.Parallel()
	var lazy, early bytes.Buffer
	require.NoError(t, runManyTasks(t, 0).WriteJSON(&lazy))
	require.NoError(t, runManyTasks(t, time.Second).WriteJSON(&early))
	assert.Equal(t, early.String(), lazy.String())
}

// The replay check replays a long run's history with its task attributes
// not made yet, and still finds a replay that issues other commands; the
// history handed out afterwards is whole.
func TestLazyTaskAttributesReplayCheck(t *testing.T) {
	t.Parallel()
	runs := 0
	wf := func(ctx workflow.Context) error {
		runs++
		for i := range 40 {
			if runs > 1 && i == 30 {
				// The replay issues an activity where the run had a timer.
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
				return workflow.ExecuteActivity(ctx, Step, "x").Get(ctx, nil)
			}
			if err := workflow.Sleep(ctx, time.Minute); err != nil {
				return err
			}
		}
		return nil
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(Step)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "LongStateful"})
	env.ExecuteWorkflow("LongStateful")
	var rc *testsuite.ReplayCheckError
	require.ErrorAs(t, env.GetWorkflowError(), &rc)
	require.Equal(t, 2, runs)
	for _, ev := range env.History().Events {
		if a, ok := ev.Attributes.(*replay.WorkflowTaskStartedEventAttributes); ok {
			require.NotZero(t, a.ScheduledEventID, "event %d", ev.EventID)
			require.NotEmpty(t, a.RequestID, "event %d", ev.EventID)
		}
	}
}
