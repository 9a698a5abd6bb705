package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the second half of Temporal's test/integration_test.go that read
// the user metadata (summaries, details) a run records in its history.

// int2Summary decodes a user metadata payload as a string; "" when absent.
func int2Summary(t *testing.T, p *converter.Payload) string {
	t.Helper()
	if p == nil {
		return ""
	}
	var s string
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(p, &s))
	return s
}

// int2MarkerSummaries returns the summary of each marker of the given name.
func int2MarkerSummaries(t *testing.T, h *replay.History, name string) []string {
	t.Helper()
	var out []string
	for _, ev := range h.Events {
		a := ev.GetMarkerRecordedEventAttributes()
		if a == nil || a.MarkerName != name || a.Failure != nil {
			continue
		}
		s := ""
		if ev.GetUserMetadata() != nil {
			s = int2Summary(t, ev.GetUserMetadata().Summary)
		}
		out = append(out, s)
	}
	return out
}

// Temporal: test/integration_test.go TestLocalActivitySummary, TestSideEffectSummary,
// TestMutableSideEffectSummary
func TestInt2MarkersRecordTheirSummaries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		marker  string
		summary string
		wf      func(ctx workflow.Context) error
	}{
		{name: "local activity", marker: "LocalActivity", summary: "This is a summary", wf: func(ctx workflow.Context) error {
			ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
				ScheduleToCloseTimeout: time.Second,
				Summary:                "This is a summary",
			})
			return workflow.ExecuteLocalActivity(ctx, func(context.Context) error { return nil }).Get(ctx, nil)
		}},
		{name: "side effect", marker: "SideEffect", summary: "My side effect summary", wf: func(ctx workflow.Context) error {
			var v int
			return workflow.SideEffectWithOptions(ctx, workflow.SideEffectOptions{Summary: "My side effect summary"},
				func(workflow.Context) any { return 42 }).Get(&v)
		}},
		{name: "mutable side effect", marker: "MutableSideEffect", summary: "My mutable side effect summary", wf: func(ctx workflow.Context) error {
			var v int
			return workflow.MutableSideEffectWithOptions(ctx, "my-mutable-side-effect",
				workflow.MutableSideEffectOptions{Summary: "My mutable side effect summary"},
				func(workflow.Context) any { return 42 },
				func(a, b any) bool { return a == b }).Get(&v)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(tc.wf, workflow.RegisterOptions{Name: "summarized"})
			env.ExecuteWorkflow("summarized")
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, []string{tc.summary}, int2MarkerSummaries(t, env.History(), tc.marker))
		})
	}
}

// Temporal: test/integration_test.go TestAwaitWithOptionsTimeout
func TestInt2AwaitWithOptionsRecordsItsTimersSummary(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (bool, error) {
		met := false
		workflow.Go(ctx, func(ctx workflow.Context) {
			_ = workflow.Sleep(ctx, time.Millisecond)
			met = true
		})
		return workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{
			Timeout:      10 * time.Second,
			TimerOptions: workflow.TimerOptions{Summary: "await-timer"},
		}, func() bool { return met })
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "AwaitWithOptions"})
	env.ExecuteWorkflow("AwaitWithOptions")
	require.NoError(t, env.GetWorkflowError())
	var ok bool
	require.NoError(t, env.GetWorkflowResult(&ok))
	assert.True(t, ok, "the condition held before the timeout")
	var summaries []string
	for _, ev := range env.History().Events {
		if ev.GetTimerStartedEventAttributes() != nil && ev.GetUserMetadata() != nil {
			summaries = append(summaries, int2Summary(t, ev.GetUserMetadata().Summary))
		}
	}
	assert.Contains(t, summaries, "await-timer")
}

func int2Simplest(workflow.Context) error { return nil }

// int2Metadata sets handlers with descriptions and current details, waits
// for a signal, then runs an activity, a child and a timer, each with a
// summary.
func int2Metadata(ctx workflow.Context) error {
	if err := workflow.SetQueryHandlerWithOptions(ctx, "my-query-handler", func() (string, error) { return "done", nil },
		workflow.QueryHandlerOptions{Description: "My query handler"}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, "my-update-handler", func(workflow.Context) error { return nil },
		workflow.UpdateHandlerOptions{Description: "My update handler"}); err != nil {
		return err
	}
	workflow.SetCurrentDetails(ctx, "current-details-1")
	workflow.GetSignalChannelWithOptions(ctx, "continue",
		workflow.SignalChannelOptions{Description: "My signal channel"}).Receive(ctx, nil)
	workflow.SetCurrentDetails(ctx, "current-details-2")

	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, Summary: "my-activity"})
	if err := workflow.ExecuteActivity(actx, "EmptyActivity").Get(ctx, nil); err != nil {
		return err
	}
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		StaticSummary: "my-child-wf-summary",
		StaticDetails: "my-child-wf-details",
	})
	if err := workflow.ExecuteChildWorkflow(cctx, int2Simplest).Get(ctx, nil); err != nil {
		return err
	}
	return workflow.NewTimerWithOptions(ctx, time.Millisecond, workflow.TimerOptions{Summary: "my-timer"}).Get(ctx, nil)
}

type int2Interaction struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// int2WorkflowMetadata is what a client reads of the __temporal_workflow_metadata
// query (Temporal's sdk.WorkflowMetadata, in its JSON form).
type int2WorkflowMetadata struct {
	Definition struct {
		Type              string            `json:"type"`
		QueryDefinitions  []int2Interaction `json:"queryDefinitions"`
		SignalDefinitions []int2Interaction `json:"signalDefinitions"`
		UpdateDefinitions []int2Interaction `json:"updateDefinitions"`
	} `json:"definition"`
	CurrentDetails string `json:"currentDetails"`
}

func int2QueryMetadata(t *testing.T, env *testsuite.TestWorkflowEnvironment) int2WorkflowMetadata {
	t.Helper()
	v, err := env.QueryWorkflow("__temporal_workflow_metadata")
	require.NoError(t, err)
	var md int2WorkflowMetadata
	require.NoError(t, v.Get(&md))
	return md
}

// Temporal: test/integration_test.go TestUserMetadata
func TestInt2UserMetadataIsRecordedOnItsEvents(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(int2Metadata)
	env.RegisterWorkflow(int2Simplest)
	env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activityName("EmptyActivity"))
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{StaticSummary: "my-wf-summary", StaticDetails: "my-wf-details"})
	env.RegisterDelayedCallback(func() {
		md := int2QueryMetadata(t, env)
		assert.Equal(t, "current-details-1", md.CurrentDetails)
		assert.Equal(t, "int2Metadata", md.Definition.Type)
		assert.Contains(t, md.Definition.QueryDefinitions, int2Interaction{Name: "my-query-handler", Description: "My query handler"})
		assert.Equal(t, []int2Interaction{{Name: "continue", Description: "My signal channel"}}, md.Definition.SignalDefinitions)
		assert.Equal(t, []int2Interaction{{Name: "my-update-handler", Description: "My update handler"}}, md.Definition.UpdateDefinitions)
		env.SignalWorkflow("continue", nil)
	}, time.Second)
	env.ExecuteWorkflow(int2Metadata)
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, "current-details-2", int2QueryMetadata(t, env).CurrentDetails)

	got := map[replay.EventType][]string{}
	for _, ev := range env.History().Events {
		if ev.GetUserMetadata() == nil {
			continue
		}
		got[ev.EventType] = append(got[ev.EventType], int2Summary(t, ev.GetUserMetadata().Summary), int2Summary(t, ev.GetUserMetadata().Details))
	}
	assert.Equal(t, map[replay.EventType][]string{
		replay.EventTypeWorkflowExecutionStarted:             {"my-wf-summary", "my-wf-details"},
		replay.EventTypeActivityTaskScheduled:                {"my-activity", ""},
		replay.EventTypeStartChildWorkflowExecutionInitiated: {"my-child-wf-summary", "my-child-wf-details"},
		replay.EventTypeTimerStarted:                         {"my-timer", ""},
	}, got)
}
