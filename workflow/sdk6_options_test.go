package workflow_test

// Ports of Temporal's internal/workflow_test.go tests of the options a
// Context carries and of DeterministicKeys (beyond sdk6's range: small, and
// about the same workflow primitives).

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/workflow"
)

// sdk6NonZero fails t for each field of the struct v left at its zero
// value, so that a field added later must be added to the test too.
func sdk6NonZero(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if rv.Field(i).IsZero() {
			t.Errorf("%s.%s is zero: give it a value", rv.Type().Name(), rv.Type().Field(i).Name)
		}
	}
}

func sdk6RetryPolicy() *wfsim.RetryPolicy {
	return &wfsim.RetryPolicy{
		InitialInterval:        time.Second,
		BackoffCoefficient:     2,
		MaximumInterval:        time.Minute,
		MaximumAttempts:        5,
		NonRetryableErrorTypes: []string{"Fatal"},
	}
}

// Temporal: internal/workflow_test.go TestGetChildWorkflowOptions
// Temporal: internal/workflow_test.go TestGetActivityOptions
// Temporal: internal/workflow_test.go TestGetLocalActivityOptions
func TestSDK6OptionsRoundTripThroughContext(t *testing.T) {
	t.Parallel()
	priority := wfsim.Priority{PriorityKey: 1, FairnessKey: "tenant", FairnessWeight: 2}
	groups := []workflow.EventGroup{workflow.NewEventGroup("g")}
	child := workflow.ChildWorkflowOptions{
		Namespace:                "foo",
		WorkflowID:               "bar",
		TaskQueue:                "baz",
		WorkflowExecutionTimeout: 1,
		WorkflowRunTimeout:       2,
		WorkflowTaskTimeout:      3,
		WaitForCancellation:      true,
		WorkflowIDReusePolicy:    wfsim.WorkflowIDReusePolicyRejectDuplicate,
		RetryPolicy:              sdk6RetryPolicy(),
		CronSchedule:             "todo",
		Memo:                     map[string]any{"foo": "bar"},
		TypedSearchAttributes:    wfsim.NewSearchAttributes(wfsim.NewSearchAttributeKeyString("foo").ValueSet("bar")),
		SearchAttributes:         map[string]any{"foo": "bar"},
		ParentClosePolicy:        wfsim.ParentClosePolicyRequestCancel,
		StaticSummary:            "child workflow summary",
		StaticDetails:            "child workflow details",
		Priority:                 priority,
		EventGroups:              groups,
	}
	act := workflow.ActivityOptions{
		TaskQueue:              "foo",
		ScheduleToCloseTimeout: time.Millisecond,
		ScheduleToStartTimeout: time.Second,
		StartToCloseTimeout:    time.Minute,
		HeartbeatTimeout:       time.Hour,
		WaitForCancellation:    true,
		ActivityID:             "bar",
		RetryPolicy:            sdk6RetryPolicy(),
		DisableEagerExecution:  true,
		Summary:                "activity summary",
		Priority:               priority,
		EventGroups:            groups,
	}
	local := workflow.LocalActivityOptions{
		ScheduleToCloseTimeout: time.Minute,
		StartToCloseTimeout:    time.Hour,
		RetryPolicy:            sdk6RetryPolicy(),
		Summary:                "local activity summary",
		EventGroups:            groups,
	}
	for _, v := range []any{child, act, local} {
		sdk6NonZero(t, v)
	}
	var gotChild workflow.ChildWorkflowOptions
	var gotAct workflow.ActivityOptions
	var gotLocal workflow.LocalActivityOptions
	env := sdk6Env()
	env.DisableReplayCheck() // the results are read from the first run
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		gotChild = workflow.GetChildWorkflowOptions(workflow.WithChildOptions(ctx, child))
		gotAct = workflow.GetActivityOptions(workflow.WithActivityOptions(ctx, act))
		gotLocal = workflow.GetLocalActivityOptions(workflow.WithLocalActivityOptions(ctx, local))
		return nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, child, gotChild)
	require.Equal(t, act, gotAct)
	require.Equal(t, local, gotLocal)
}

// Temporal: internal/workflow_test.go TestDeterministicKeys
// Temporal: internal/workflow_test.go TestDeterministicKeysFunc
func TestSDK6DeterministicKeysAreSorted(t *testing.T) {
	t.Parallel()
	type key struct{ i int }
	for _, tc := range []struct {
		in   map[int]int
		want []int
	}{
		{map[int]int{1: 1, 2: 2, 3: 3}, []int{1, 2, 3}},
		{map[int]int{}, []int{}},
		{map[int]int{1: 1, 5: 5, 3: 3}, []int{1, 3, 5}},
		{map[int]int{3: 3, 2: 2, 1: 1}, []int{1, 2, 3}},
	} {
		t.Run(fmt.Sprint(tc.want), func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, workflow.DeterministicKeys(tc.in))
			structs := make(map[key]int, len(tc.in))
			for k, v := range tc.in {
				structs[key{k}] = v
			}
			wantStructs := []key{}
			for _, k := range tc.want {
				wantStructs = append(wantStructs, key{k})
			}
			require.Equal(t, wantStructs, workflow.DeterministicKeysFunc(structs, func(a, b key) int { return a.i - b.i }))
		})
	}
}
