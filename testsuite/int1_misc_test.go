package testsuite_test

// Ports of Temporal's integration tests (test/integration_test.go, first
// half): asynchronous completion, cron failure propagation, start delay,
// graceful worker stop, missing arguments, versions in a loop and search
// attributes unset before continue-as-new.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: test/integration_test.go TestAsyncActivityCompletion
func TestIntCompleteActivitiesByID(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	asyncComplete := func(context.Context, string) (string, error) { return "", activity.ErrResultPending }
	env.RegisterActivityWithOptions(asyncComplete, activity.RegisterOptions{Name: "AsyncComplete"})
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "async-completion"})
	wf := func(ctx workflow.Context) ([]string, error) {
		o := workflow.ActivityOptions{ScheduleToStartTimeout: 5 * time.Second, ScheduleToCloseTimeout: 5 * time.Second, StartToCloseTimeout: 9 * time.Second}
		o.ActivityID = "A"
		fa := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, o), "AsyncComplete", "activityA called")
		o.ActivityID = "B"
		fb := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, o), "AsyncComplete", "activityB called")
		var a, b string
		if err := fa.Get(ctx, &a); err != nil {
			return nil, err
		}
		if err := fb.Get(ctx, &b); err != nil {
			return nil, err
		}
		return []string{a, b}, nil
	}
	env.RegisterDelayedCallback(func() {
		require.Len(t, env.PendingActivities(), 2)
		require.NoError(t, env.CompleteActivityByID("async-completion", "", "A", "activityA completed", nil))
		require.NoError(t, env.CompleteActivityByID("async-completion", "", "B", "activityB completed", nil))
	}, time.Second)
	env.ExecuteWorkflow(wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, []string{"activityA completed", "activityB completed"}, got)
}

const itCronFailMsg = "cron run failed on purpose"

// Temporal: test/integration_test.go TestFailurePropagation
func TestIntCronCarriesLastErrorAndResult(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context) (int, error) {
		n := 0
		if workflow.HasLastCompletionResult(ctx) {
			var last int
			if err := workflow.GetLastCompletionResult(ctx, &last); err == nil {
				n = last + 1
			}
		}
		lastErr := workflow.GetLastError(ctx)
		if n == 2 && lastErr != nil {
			if lastErr.Error() != itCronFailMsg {
				return -3, fmt.Errorf("last error %q", lastErr.Error())
			}
			return 3, temporal.NewCanceledError("finished OK")
		}
		if n == 2 {
			return -1, errors.New(itCronFailMsg)
		}
		return n, nil
	}
	// wfsim runs a cron workflow as a child only (the workflow under test
	// must end); the chain's end reaches the parent as the client's Get.
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "CronWorkflow"})
	parent := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "test-cron", CronSchedule: "@every 1s"})
		return workflow.ExecuteChildWorkflow(ctx, "CronWorkflow").Get(ctx, nil)
	}
	env.ExecuteWorkflow(parent)
	var canceled *temporal.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	var details *string
	require.NoError(t, canceled.Details(&details))
	require.Equal(t, "finished OK", *details)
}

// Temporal: test/integration_test.go TestStartDelay
func TestIntStartDelayRecorded(t *testing.T) {
	t.Parallel()
	env, _ := newITEnv(t)
	env.RegisterWorkflow(itSleepChild)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "start-delay", StartDelay: 5 * time.Second})
	env.ExecuteWorkflow(itSleepChild, time.Second)
	require.NoError(t, env.GetWorkflowError())
	first := env.History().Events[0]
	require.Equal(t, "WorkflowExecutionStarted", first.EventType.String())
	require.Equal(t, 5*time.Second, first.Attributes.(*replay.WorkflowExecutionStartedEventAttributes).FirstWorkflowTaskBackoff)
	require.Equal(t, 5*time.Second, env.History().Events[1].EventTime.Sub(first.EventTime))
}

type itParams struct {
	Param1 string
	Param2 int
	Param3 bool
	Param4 struct{ SomeField string }
	Param5 *itParams
	Param6 []byte
	Child  *itParams
}

// Temporal: test/integration_test.go TestTooFewParams
func TestIntMissingArgumentsAreZero(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	act := func(_ context.Context, p1 string, p2 int, p3 bool, p4 struct{ SomeField string }, p5 *itParams, p6 []byte) (*itParams, error) {
		return &itParams{Param1: p1, Param2: p2, Param3: p3, Param4: p4, Param5: p5, Param6: p6}, nil
	}
	env.RegisterActivityWithOptions(act, activity.RegisterOptions{Name: "TooFewParamsAct"})
	wf := func(ctx workflow.Context, p1 string, p2 int, p3 bool, p4 struct{ SomeField string }, p5 *itParams, p6 []byte) (*itParams, error) {
		ret := &itParams{Param1: p1, Param2: p2, Param3: p3, Param4: p4, Param5: p5, Param6: p6}
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToCloseTimeout: time.Minute})
		return ret, workflow.ExecuteActivity(ctx, "TooFewParamsAct", p1).Get(ctx, &ret.Child)
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "TooFewParams"})
	env.ExecuteWorkflow("TooFewParams", "first param")
	var got itParams
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, itParams{Param1: "first param", Child: &itParams{Param1: "first param"}}, got)
}

// Temporal: test/integration_test.go TestVersionLoopWorkflow
func TestIntManyVersionsKeepSearchAttributeSmall(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	wf := func(ctx workflow.Context, changeIDs []string, n int) error {
		for _, id := range changeIDs {
			for i := range n {
				workflow.GetVersion(ctx, fmt.Sprintf("%s:%d", id, i), workflow.DefaultVersion, 1)
			}
			if err := workflow.Sleep(ctx, time.Second); err != nil {
				return err
			}
		}
		return nil
	}
	env.ExecuteWorkflow(wf, []string{"changeID_1", "changeID_2", "changeID_3"}, 126)
	require.NoError(t, env.GetWorkflowError())
	// The TemporalChangeVersion search attribute the versions upsert stops
	// growing before it reaches the server's 2 KiB limit.
	last := 0
	for _, e := range env.History().Events {
		if a, ok := e.Attributes.(*replay.UpsertWorkflowSearchAttributesEventAttributes); ok {
			if p := a.SearchAttributes.IndexedFields["TemporalChangeVersion"]; p != nil {
				last = len(p.Data)
			}
		}
	}
	require.Positive(t, last)
	require.Less(t, last, 2048)
}

// Temporal: test/integration_test.go TestContinueAsNewOmitsUnsetSearchAttributes
func TestIntContinueAsNewDropsUnsetSearchAttribute(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	str := temporal.NewSearchAttributeKeyString("CustomStringField")
	kw := temporal.NewSearchAttributeKeyKeyword("CustomKeywordField")
	wf := func(ctx workflow.Context, continued bool) (string, error) {
		sa := workflow.GetTypedSearchAttributes(ctx)
		s, ok := sa.GetString(str)
		if !ok || s != "carry-over" {
			return "", fmt.Errorf("CustomStringField %q, %v", s, ok)
		}
		if !continued {
			if k, ok := sa.GetKeyword(kw); !ok || k != "drop-me" {
				return "", fmt.Errorf("CustomKeywordField %q, %v before unset", k, ok)
			}
			if err := workflow.UpsertTypedSearchAttributes(ctx, kw.ValueUnset()); err != nil {
				return "", err
			}
			return "", workflow.NewContinueAsNewError(ctx, "unsetCAN", true)
		}
		if _, ok := workflow.GetInfo(ctx).SearchAttributes.GetIndexedFields()["CustomKeywordField"]; ok {
			return "", errors.New("unset search attribute carried over")
		}
		if k, ok := sa.GetKeyword(kw); ok || k != "" {
			return "", errors.New("unset search attribute in typed search attributes")
		}
		return s, nil
	}
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "unsetCAN"})
	require.NoError(t, env.SetTypedSearchAttributesOnStart(temporal.NewSearchAttributes(str.ValueSet("carry-over"), kw.ValueSet("drop-me"))))
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "unset-can"})
	env.FollowContinueAsNew(3)
	env.ExecuteWorkflow("unsetCAN", false)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "carry-over", got)
}
