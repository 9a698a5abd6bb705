package workflow_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

func TestSideEffectWithOptionsRecordsTheSummary(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]int, error) {
		var a, b int
		if err := workflow.SideEffectWithOptions(ctx, workflow.SideEffectOptions{Summary: "pick a shard"},
			func(workflow.Context) any { return 7 }).Get(&a); err != nil {
			return nil, err
		}
		if err := workflow.SideEffect(ctx, func(workflow.Context) any { return 8 }).Get(&b); err != nil {
			return nil, err
		}
		return []int{a, b}, nil
	}
	env := execute(t, wf)
	var got []int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []int{7, 8}, got)
	assert.Equal(t, []string{"pick a shard", ""}, summaries(t, env.History(), replay.EventTypeMarkerRecorded))
}

func TestMutableSideEffectWithOptionsRecordsTheSummaryOnEachMarker(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]int, error) {
		var out []int
		for _, v := range []int{1, 1, 2} {
			var got int
			err := workflow.MutableSideEffectWithOptions(ctx, "limit", workflow.MutableSideEffectOptions{Summary: "rate limit"},
				func(workflow.Context) any { return v },
				func(a, b any) bool { return a.(int) == b.(int) }).Get(&got)
			if err != nil {
				return nil, err
			}
			out = append(out, got)
		}
		return out, nil
	}
	env := execute(t, wf)
	var got []int
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []int{1, 1, 2}, got)
	// A marker only when the value changes: two, each with the summary.
	assert.Equal(t, []string{"rate limit", "rate limit"}, summaries(t, env.History(), replay.EventTypeMarkerRecorded))
}
