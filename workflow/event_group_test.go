package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// GroupedCalls makes each call that has a ...WithOptions variant, plain or,
// with grouped set, through the variant, with groups on the context and in
// the options.
func GroupedCalls(ctx workflow.Context, grouped bool) (workflow.Version, error) {
	g1 := workflow.NewEventGroup("order-1")
	g2 := workflow.NewEventGroupWithOptions("payment", workflow.EventGroupOptions{Label: "Payment"})
	if grouped {
		ctx = workflow.WithEventGroups(ctx, g1)
		ctx = workflow.WithEventGroups(ctx, g2, workflow.NewEventGroup("order-1"))
	}
	groups := []workflow.EventGroup{g2}
	var v workflow.Version
	var err error
	call := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	call(func() error {
		if grouped {
			v = workflow.GetVersionWithOptions(ctx, "change", workflow.DefaultVersion, 2, workflow.GetVersionOptions{EventGroups: groups})
		} else {
			v = workflow.GetVersion(ctx, "change", workflow.DefaultVersion, 2)
		}
		return nil
	})
	call(func() error {
		sa := customer.ValueSet("c-1")
		if grouped {
			return workflow.UpsertTypedSearchAttributesWithOptions(ctx, workflow.UpsertSearchAttributesOptions{EventGroups: groups}, sa)
		}
		return workflow.UpsertTypedSearchAttributes(ctx, sa)
	})
	call(func() error {
		memo := map[string]any{"step": "one"}
		if grouped {
			return workflow.UpsertMemoWithOptions(ctx, memo, workflow.UpsertMemoOptions{EventGroups: groups})
		}
		return workflow.UpsertMemo(ctx, memo)
	})
	call(func() error {
		if grouped {
			return workflow.SignalExternalWorkflowWithOptions(ctx, "elsewhere", "", "go", "x", workflow.SignalExternalWorkflowOptions{EventGroups: groups}).Get(ctx, nil)
		}
		return workflow.SignalExternalWorkflow(ctx, "elsewhere", "", "go", "x").Get(ctx, nil)
	})
	call(func() error {
		if grouped {
			return workflow.RequestCancelExternalWorkflowWithOptions(ctx, "elsewhere", "", workflow.CancelExternalWorkflowOptions{EventGroups: groups}).Get(ctx, nil)
		}
		return workflow.RequestCancelExternalWorkflow(ctx, "elsewhere", "").Get(ctx, nil)
	})
	call(func() error {
		child := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "w1"}), Waiter)
		var f workflow.Future
		if grouped {
			f = child.SignalChildWorkflowWithOptions(ctx, "go", "one", workflow.SignalChildWorkflowOptions{EventGroups: groups})
		} else {
			f = child.SignalChildWorkflow(ctx, "go", "one")
		}
		if err := f.Get(ctx, nil); err != nil {
			return err
		}
		return child.Get(ctx, nil)
	})
	return v, err
}

// TestWithOptionsVariantsDoWhatThePlainCallsDo: the histories of the two
// ways differ only in the workflow's input, and the mocks of the plain
// calls answer the variants.
func TestWithOptionsVariantsDoWhatThePlainCallsDo(t *testing.T) {
	t.Parallel()
	run := func(grouped bool) []string {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterWorkflow(Waiter)
		env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(workflow.Version(1)).Once()
		env.OnUpsertTypedSearchAttributes(mock.Anything).Return(nil).Once()
		env.OnUpsertMemo(map[string]any{"step": "one"}).Return(nil).Once()
		env.OnSignalExternalWorkflow("default", "elsewhere", "", "go", "x").Return(nil).Once()
		env.OnRequestCancelExternalWorkflow("default", "elsewhere", "").Return(nil).Once()
		env.ExecuteWorkflow(GroupedCalls, grouped)
		var v workflow.Version
		require.NoError(t, env.GetWorkflowResult(&v))
		assert.Equal(t, workflow.Version(1), v, "the GetVersion mock answered")
		env.AssertExpectations(t)
		lines := strings.Split(env.History().String(), "\n")
		return lines[1:] // the first names the input
	}
	plain := run(false)
	assert.Contains(t, strings.Join(plain, "\n"), "SignalExternalWorkflowExecutionInitiated")
	assert.Equal(t, plain, run(true))
}

func TestEventGroups(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "event group ID must not be empty", panicMessage(func() { workflow.NewEventGroup("") }))
	assert.Equal(t, "event group ID must not be empty",
		panicMessage(func() { workflow.NewEventGroupWithOptions("", workflow.EventGroupOptions{Label: "x"}) }))
	g := workflow.NewEventGroupWithOptions("id-1", workflow.EventGroupOptions{Label: "Label"})
	assert.Equal(t, "id-1", g.ID, "the ID is kept verbatim")
	wf := func(ctx workflow.Context) (bool, error) {
		return workflow.WithEventGroups(ctx) == ctx, nil
	}
	assert.True(t, result[bool](t, wf), "WithEventGroups without groups returns ctx")
}

// TestEventGroupMarkersReplay: a history a server recorded with event group
// markers on its events replays, and keeps them when written.
func TestEventGroupMarkersReplay(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Waiter)
	env.OnGetVersion("change", workflow.DefaultVersion, 2).Return(workflow.Version(2))
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Return(nil)
	env.OnRequestCancelExternalWorkflow(mock.Anything, mock.Anything, mock.Anything).Return(nil)
	env.ExecuteWorkflow(GroupedCalls, true)
	require.NoError(t, env.GetWorkflowError())
	const marker = `"eventGroupMarkers": [{"label": {"id": "payment", "label": {"metadata": {"encoding": "anNvbi9wbGFpbg=="}, "data": "IlBheW1lbnQi"}}}],`
	text := historyJSON(t, env.History())
	marked := strings.ReplaceAll(text, `"eventType": "EVENT_TYPE_MARKER_RECORDED",`, `"eventType": "EVENT_TYPE_MARKER_RECORDED", `+marker)
	marked = strings.ReplaceAll(marked, `"eventType": "EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED",`,
		`"eventType": "EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED", `+marker)
	require.Equal(t, 3, strings.Count(marked, "eventGroupMarkers"), "the version marker and the two signals")
	h, err := replay.ReadHistory(strings.NewReader(marked))
	require.NoError(t, err)
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(GroupedCalls)
	rp.RegisterWorkflow(Waiter)
	require.NoError(t, rp.ReplayWorkflowHistory(nil, h))
	assert.Equal(t, 3, strings.Count(historyJSON(t, h), `"eventGroupMarkers"`), "written back")
}

// GroupedOptions uses the options that carry event groups, with groups or
// without.
func GroupedOptions(ctx workflow.Context, grouped bool) (int, error) {
	var groups []workflow.EventGroup
	if grouped {
		groups = []workflow.EventGroup{workflow.NewEventGroup("g")}
	}
	if err := workflow.NewTimerWithOptions(ctx, time.Minute, workflow.TimerOptions{Summary: "wait", EventGroups: groups}).Get(ctx, nil); err != nil {
		return 0, err
	}
	var a, b int
	if err := workflow.SideEffectWithOptions(ctx, workflow.SideEffectOptions{EventGroups: groups},
		func(workflow.Context) any { return 1 }).Get(&a); err != nil {
		return 0, err
	}
	if err := workflow.MutableSideEffectWithOptions(ctx, "m", workflow.MutableSideEffectOptions{EventGroups: groups},
		func(workflow.Context) any { return 2 }, func(x, y any) bool { return x == y }).Get(&b); err != nil {
		return 0, err
	}
	if workflow.GetInfo(ctx).ContinuedExecutionRunID == "" {
		return 0, workflow.NewContinueAsNewErrorWithOptions(ctx, workflow.ContinueAsNewErrorOptions{EventGroups: groups}, GroupedOptions, grouped)
	}
	return a + b, nil
}

func TestEventGroupsInOptionsChangeNothing(t *testing.T) {
	t.Parallel()
	run := func(grouped bool) []string {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.FollowContinueAsNew(0)
		env.ExecuteWorkflow(GroupedOptions, grouped)
		var got int
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, 3, got)
		var out []string
		for _, h := range env.Histories("default-test-workflow-id") {
			// The input (grouped) differs; nothing else may.
			out = append(out, strings.Split(strings.ReplaceAll(h.String(), "input=true", "input=false"), "\n")...)
		}
		return out
	}
	plain := run(false)
	assert.Contains(t, strings.Join(plain, "\n"), "WorkflowExecutionContinuedAsNew")
	assert.Equal(t, plain, run(true))
}

// The options kept in a Context take Event Groups too, as Temporal's do,
// and change nothing the run records.
func TestEventGroupsInContextOptions(t *testing.T) {
	t.Parallel()
	g := []workflow.EventGroup{workflow.NewEventGroup("g")}
	run := func(groups []workflow.EventGroup) string {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "A"})
		env.RegisterWorkflowWithOptions(func(workflow.Context) error { return nil }, workflow.RegisterOptions{Name: "Child"})
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, EventGroups: groups})
			if err := workflow.ExecuteActivity(actx, "A").Get(ctx, nil); err != nil {
				return err
			}
			lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute, EventGroups: groups})
			if err := workflow.ExecuteLocalActivity(lctx, func(context.Context) error { return nil }).Get(ctx, nil); err != nil {
				return err
			}
			cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "child", EventGroups: groups})
			return workflow.ExecuteChildWorkflow(cctx, "Child").Get(ctx, nil)
		})
		require.NoError(t, env.GetWorkflowError())
		return env.History().String()
	}
	require.Equal(t, run(nil), run(g))
}
