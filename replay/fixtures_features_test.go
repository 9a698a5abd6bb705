package replay_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the sdk-go replaytests workflows that use versions, side
// effects, search attributes, memos, child workflows and updates.

func helloActivity(ctx workflow.Context, name string) error {
	var r string
	return workflow.ExecuteActivity(ctx, "helloworldActivity", name).Get(ctx, &r)
}

func workflow1(ctx workflow.Context, name string) error {
	ctx = workflow.WithActivityOptions(ctx, replayTestActivityOptions)
	if v := workflow.GetVersion(ctx, "test-change", workflow.DefaultVersion, 1); v == workflow.DefaultVersion {
		if err := helloActivity(ctx, name); err != nil {
			return err
		}
	} else {
		if err := helloActivity(ctx, name); err != nil {
			return err
		}
		if err := helloActivity(ctx, name); err != nil {
			return err
		}
	}
	return helloActivity(ctx, name)
}

func workflow2(ctx workflow.Context, name string) error {
	ctx = workflow.WithActivityOptions(ctx, replayTestActivityOptions)
	workflow.GetVersion(ctx, "test-change", workflow.DefaultVersion, 1)
	_ = workflow.UpsertTypedSearchAttributes(ctx, wfsim.NewSearchAttributeKeyKeyword("CustomKeywordField").ValueSet("testkey"))
	workflow.GetVersion(ctx, "test-change-2", workflow.DefaultVersion, 1)
	workflow.GetVersion(ctx, "test-change-3", workflow.DefaultVersion, 1)
	return helloActivity(ctx, name)
}

func sideEffectWorkflow(ctx workflow.Context, field string) error {
	// Upstream draws a random number; while replaying the function is not
	// called and the recorded number is returned.
	encoded := workflow.SideEffect(ctx, func(workflow.Context) any { return 42 })
	var random int
	if err := encoded.Get(&random); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, replayTestActivityOptions)
	if err := helloActivity(ctx, field); err != nil {
		return err
	}
	return encoded.Get(&random)
}

func parallelSideEffects(ctx workflow.Context) (string, error) {
	var futures []workflow.Future
	for i := range 10 {
		f, set := workflow.NewFuture(ctx)
		futures = append(futures, f)
		workflow.Go(ctx, func(ctx workflow.Context) {
			var v int
			err := workflow.SideEffect(ctx, func(workflow.Context) any { return i }).Get(&v)
			set.Set(v, err)
		})
	}
	for i, f := range futures {
		var v int
		if err := f.Get(ctx, &v); err != nil {
			return "", err
		}
		if v != i {
			return "", fmt.Errorf("expected %v, got %v", i, v)
		}
	}
	return "", nil
}

// mutableSideEffectWorkflow reports its result through got, so the test
// can compare it with what Temporal's replayer returns.
func mutableSideEffectWorkflow(got *[]int) func(ctx workflow.Context) ([]int, error) {
	return func(ctx workflow.Context) ([]int, error) {
		f := func(v int) int {
			var out int
			err := workflow.MutableSideEffect(ctx, "side-effect-1",
				func(workflow.Context) any { return v },
				func(a, b any) bool { return a.(int) == b.(int) }).Get(&out)
			if err != nil {
				panic(err)
			}
			return out
		}
		results := []int{f(0), f(0), f(0), f(1), f(1), f(2)}
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
		results = append(results, f(3), f(3), f(4))
		if err := workflow.Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
		results = append(results, f(4), f(5))
		*got = results
		return results, nil
	}
}

func versionAndMutableSideEffect(ctx workflow.Context, name string) (string, error) {
	uid := ""
	if workflow.GetVersion(ctx, "mutable-side-effect-bug", workflow.DefaultVersion, 1) == 1 {
		// Upstream makes a new UUID; replay returns the recorded one.
		err := workflow.MutableSideEffect(ctx, "generate-random-uuid",
			func(workflow.Context) any { return "00000000-0000-0000-0000-000000000000" },
			func(a, b any) bool { return a.(string) == b.(string) }).Get(&uid)
		if err != nil {
			return "", err
		}
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	if err := helloActivity(ctx, name); err != nil {
		return "", err
	}
	return uid, nil
}

func versionLoop(ctx workflow.Context, changeID string, iterations int) error {
	for i := range iterations {
		workflow.GetVersion(ctx, fmt.Sprintf("%s:%d", changeID, i), workflow.DefaultVersion, 1)
	}
	return workflow.Sleep(ctx, time.Second)
}

func upsertSearchAttributesWorkflow(ctx workflow.Context, field string) error {
	key := wfsim.NewSearchAttributeKeyString("CustomStringField")
	if err := workflow.UpsertTypedSearchAttributes(ctx, key.ValueSet(field)); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, replayTestActivityOptions)
	if err := workflow.ExecuteActivity(ctx, "helloworldActivity", field).Get(ctx, &field); err != nil {
		return err
	}
	return workflow.UpsertTypedSearchAttributes(ctx, key.ValueSet(field))
}

func upsertMemoWorkflow(ctx workflow.Context, memo string) error {
	if err := workflow.UpsertMemo(ctx, map[string]any{"Test key": memo}); err != nil {
		return err
	}
	ctx = workflow.WithActivityOptions(ctx, replayTestActivityOptions)
	if err := workflow.ExecuteActivity(ctx, "helloworldActivity", memo).Get(ctx, &memo); err != nil {
		return err
	}
	return workflow.UpsertMemo(ctx, map[string]any{"Test key": memo})
}

func duplicateChildWorkflow(ctx workflow.Context) error {
	childCtx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "ABC-SIMPLE-CHILD-WORKFLOW-ID"})
	child1 := workflow.ExecuteChildWorkflow(childCtx, "ChildWorkflowWaitOnSignal")
	var childWE workflow.WorkflowExecution
	if err := child1.GetChildWorkflowExecution().Get(ctx, &childWE); err != nil {
		return err
	}
	mustBeDuplicate := func(err error) {
		var already *wfsim.ChildWorkflowExecutionAlreadyStartedError
		if !errors.As(err, &already) {
			panic("Second child must fail to start as duplicate")
		}
	}
	var err error
	dup := workflow.ExecuteChildWorkflow(childCtx, "ChildWorkflowWaitOnSignal")
	s := workflow.NewSelector(ctx)
	s.AddFuture(dup, func(f workflow.Future) {
		mustBeDuplicate(f.Get(ctx, nil))
		err = workflow.Sleep(ctx, time.Second)
	}).AddFuture(dup.GetChildWorkflowExecution(), func(f workflow.Future) {
		mustBeDuplicate(f.Get(ctx, nil))
		actCtx := workflow.WithActivityOptions(ctx, replayTestActivityOptions)
		field := "hello"
		err = workflow.ExecuteActivity(actCtx, "helloworldActivity", field).Get(actCtx, &field)
	}).AddDefault(func() {
		err = workflow.Sleep(ctx, time.Second)
	})
	for range 2 {
		s.Select(ctx)
		if err != nil {
			return err
		}
	}
	workflow.SignalExternalWorkflow(ctx, childWE.ID, childWE.RunID, "unblock", nil)
	return child1.Get(ctx, nil)
}

func resetWorkflowWithChild(ctx workflow.Context) (string, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		ParentClosePolicy:     wfsim.ParentClosePolicyTerminate,
		WorkflowIDReusePolicy: wfsim.WorkflowIDReusePolicyAllowDuplicate,
	})
	var result string
	if err := workflow.ExecuteChildWorkflow(ctx, "TestChildWorkflow", "CHILD INPUT").Get(ctx, &result); err != nil {
		return "", err
	}
	return result, nil
}

func memoEncodingWorkflowJSON(ctx workflow.Context, memoValue string) (string, error) {
	childCtx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{Memo: map[string]any{"test-memo-key": memoValue}})
	var childResult string
	if err := workflow.ExecuteChildWorkflow(childCtx, "MemoChildWorkflowJSON").Get(ctx, &childResult); err != nil {
		return "", err
	}
	if err := workflow.UpsertMemo(ctx, map[string]any{"parent-memo-key": "parent-" + memoValue}); err != nil {
		return "", err
	}
	p, ok := workflow.GetInfo(ctx).Memo.Fields["parent-memo-key"]
	if !ok {
		return "", errors.New("memo key 'parent-memo-key' not found")
	}
	var parentMemo string
	if err := converter.NewJSONPayloadConverter().FromPayload(p, &parentMemo); err != nil {
		return "", fmt.Errorf("failed to decode memo with JSON converter: %w", err)
	}
	return childResult, nil
}

// replayWorkflowFromFileParent is sdk-go's internal
// testReplayWorkflowFromFileParent.
func replayWorkflowFromFileParent(ctx workflow.Context) error {
	childID := "child_workflow:" + workflow.GetInfo(ctx).WorkflowExecution.RunID
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: childID, WorkflowExecutionTimeout: time.Minute})
	child := workflow.ExecuteChildWorkflow(ctx, "testReplayWorkflowFromFile")
	if err := child.SignalChildWorkflow(ctx, "test-signal", "test-data").Get(ctx, nil); err != nil {
		return err
	}
	var result string
	return child.Get(ctx, &result)
}

func updateWorkflow(ctx workflow.Context) error {
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context, d time.Duration) error {
		return workflow.Sleep(ctx, d)
	}); err != nil {
		return err
	}
	workflow.GetSignalChannel(ctx, "shutdown").Receive(ctx, nil)
	return nil
}

// nonDeterministicUpdate no longer sleeps in its update handler, as the
// code that recorded its history did.
func nonDeterministicUpdate(ctx workflow.Context) error {
	ch := workflow.NewChannel(ctx)
	if err := workflow.SetUpdateHandler(ctx, "update", func(ctx workflow.Context) error {
		ch.Close()
		return nil
	}); err != nil {
		return err
	}
	ch.Receive(ctx, nil)
	return ctx.Err()
}

func featureFixtures() map[string]fixture {
	const dir = "temporal/sdk-go/replaytests/"
	w12 := register(map[string]any{"Workflow1": workflow1, "Workflow2": workflow2})
	var mseResult, mseLegacyResult []int
	return map[string]fixture{
		dir + "workflow1.json":                   {register: w12, opts: strict},
		dir + "workflow2.json":                   {register: w12, opts: strict},
		dir + "workflow_with_unknown_event.json": {register: w12},
		dir + "bad-history.json": {
			register: w12,
			check: func(t *testing.T, err error) {
				// The history's activity has ID "0" where the code's has
				// "7": the machinery finds no activity "0".
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd)
				assert.Equal(t, int64(7), nd.EventID)
				require.NotNil(t, nd.History)
				assert.Equal(t, "0", nd.History.ID)
				require.NotNil(t, nd.Code)
				assert.Equal(t, "7", nd.Code.ID)
			},
		},
		dir + "bad-history-2.json": {
			register: w12,
			check: func(t *testing.T, err error) {
				var nd *replay.NondeterminismError
				require.ErrorAs(t, err, &nd)
				assert.Equal(t, int64(19), nd.EventID)
				assert.Equal(t, "BAD ACTIVITY", nd.History.Name)
				assert.Equal(t, "helloworldActivity", nd.Code.Name)
			},
		},
		dir + "side-effect.json": {register: register(map[string]any{"SideEffectWorkflow": sideEffectWorkflow})},
		"temporal/sdk-go/replaytests/parallel-side-effect.json": {
			register: register(map[string]any{"WorkflowWithParallelSideEffects": parallelSideEffects}),
		},
		dir + "mutable-side-effect.json": {
			register: register(map[string]any{"MutableSideEffectWorkflow": mutableSideEffectWorkflow(&mseResult)}),
			opts:     strict,
			check: func(t *testing.T, err error) {
				assert.Equal(t, []int{0, 0, 0, 1, 1, 2, 3, 3, 4, 4, 5}, mseResult)
			},
		},
		dir + "mutable-side-effect-legacy.json": {
			register: register(map[string]any{"MutableSideEffectWorkflow": mutableSideEffectWorkflow(&mseLegacyResult)}),
			check: func(t *testing.T, err error) {
				// Markers without a call counter: Temporal's replayer gives
				// the old SDK's wrong values, not those recorded.
				assert.Equal(t, []int{2, 2, 2, 2, 2, 2, 4, 4, 4, 5, 5}, mseLegacyResult)
			},
		},
		dir + "replay-tests-version-and-mutable-side-effect.json": {
			register: register(map[string]any{"VersionAndMutableSideEffectWorkflow": versionAndMutableSideEffect}),
			opts:     strict,
		},
		dir + "version-loop-workflow-10.json": {register: register(map[string]any{"VersionLoopWorkflow": versionLoop})},
		dir + "version-loop-workflow-unkown-version-flag.json": {
			register: register(map[string]any{"VersionLoopWorkflow": versionLoop}),
			check: func(t *testing.T, err error) {
				var uf *replay.UnknownSDKFlagError
				require.ErrorAs(t, err, &uf)
				assert.Equal(t, replay.UnknownSDKFlagError{EventID: 4, Flag: 4294967290}, *uf)
			},
		},
		dir + "search-attribute.json":     {register: register(map[string]any{"UpsertSearchAttributesWorkflow": upsertSearchAttributesWorkflow})},
		dir + "bad-search-attribute.json": {register: register(map[string]any{"UpsertSearchAttributesWorkflow": upsertSearchAttributesWorkflow})},
		dir + "bad-upsert-memo-workflow-2.json": {
			register: register(map[string]any{"UpsertMemoWorkflow": upsertMemoWorkflow}),
		},
		dir + "duplicate-child-workflow.json": {
			register: register(map[string]any{"DuplicateChildWorkflow": duplicateChildWorkflow}),
		},
		dir + "reset-workflow-after-child-complete.json": {register: register(map[string]any{"ResetWorkflowWithChild": resetWorkflowWithChild})},
		dir + "reset-workflow-before-child-init.json":    {register: register(map[string]any{"ResetWorkflowWithChild": resetWorkflowWithChild})},
		dir + "memo-json.json":                           {register: register(map[string]any{"MemoEncodingWorkflowJSON": memoEncodingWorkflowJSON})},
		"temporal/sdk-go/internal-testdata/parentWF.json": {
			register: register(map[string]any{"testReplayWorkflowFromFileParent": replayWorkflowFromFileParent}),
		},
		dir + "update_with_protocol_message_command.json": {register: register(map[string]any{"UpdateWorkflow": updateWorkflow})},
		dir + "non_deterministic_update.json":             {register: register(map[string]any{"NonDeterministicUpdate": nonDeterministicUpdate})},
	}
}

// strict replays with strict mode, which also compares inputs and results:
// for these histories the ports reproduce them exactly.
var strict = replay.WorkflowReplayerOptions{Strict: true}

// Local activities: replay does not run them but returns the results their
// markers recorded. The functions only give the activities their names.

func helloworldActivity(ctx context.Context, name string) (string, error) {
	return "Hello " + name + "!", nil
}

// laActivities holds Echo, as upstream's Activities does.
type laActivities struct{}

func (*laActivities) Echo(ctx context.Context, delaySeconds, value int) (int, error) {
	return value, nil
}

func localActivityWorkflow(ctx workflow.Context, name string) error {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: time.Minute})
	var r string
	return workflow.ExecuteLocalActivity(ctx, helloworldActivity, name).Get(ctx, &r)
}

func parallelLocalActivities(ctx workflow.Context) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{ScheduleToCloseTimeout: 5 * time.Second})
	var a *laActivities
	var futures []workflow.Future
	for i := range 10 {
		futures = append(futures, workflow.ExecuteLocalActivity(ctx, a.Echo, 0, i))
	}
	for i, f := range futures {
		var v int
		if err := f.Get(ctx, &v); err != nil {
			return "", err
		}
		if v != i {
			return "", fmt.Errorf("expected %v, got %v", i, v)
		}
	}
	return "", nil
}

func localActivityFixtures() map[string]fixture {
	const dir = "temporal/sdk-go/replaytests/"
	la := register(map[string]any{"LocalActivityWorkflow": localActivityWorkflow})
	return map[string]fixture{
		dir + "local-activity.json":            {register: la},
		dir + "bad-local-activity.json":        {register: la},
		dir + "bad-local-activity-2.json":      {register: la},
		dir + "parallel-local-activities.json": {register: register(map[string]any{"WorkflowWithParallelLocalActivities": parallelLocalActivities})},
	}
}
