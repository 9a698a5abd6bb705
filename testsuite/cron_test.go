package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The cron sample of Temporal's samples-go (cron/workflow.go), ported.

type CronResult struct {
	RunTime time.Time
}

func SampleCronWorkflow(ctx workflow.Context) (*CronResult, error) {
	ctx1 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	lastRunTime := time.Time{}
	if workflow.HasLastCompletionResult(ctx) {
		var lastResult CronResult
		if err := workflow.GetLastCompletionResult(ctx, &lastResult); err == nil {
			lastRunTime = lastResult.RunTime
		}
	}
	thisRunTime := workflow.Now(ctx)
	if err := workflow.ExecuteActivity(ctx1, CronDoSomething, lastRunTime, thisRunTime).Get(ctx, nil); err != nil {
		return nil, err
	}
	return &CronResult{RunTime: thisRunTime}, nil
}

func CronDoSomething(ctx context.Context, lastRunTime, thisRunTime time.Time) error { return nil }

// TestCronWorkflow is the sample's test. Its timing is the server's: the
// first run waits for the first fire time (17:00), where Temporal's test
// environment runs it at once (16:30); so two runs start in the two hours,
// at 17:00 and 18:00, each seeing the previous run's result.
func TestCronWorkflow(t *testing.T) {
	t.Parallel()
	var cronFuture workflow.ChildWorkflowFuture
	testWorkflow := func(ctx workflow.Context) error {
		ctx1 := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowRunTimeout: 10 * time.Minute,
			CronSchedule:       "0 * * * *", // hourly
		})
		cronFuture = workflow.ExecuteChildWorkflow(ctx1, SampleCronWorkflow) // a cron chain never returns
		_ = workflow.Sleep(ctx, time.Hour*2)
		if cronFuture.IsReady() {
			return wfsim.NewApplicationError("the cron child returned", "Unexpected")
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(testWorkflow)
	env.RegisterWorkflow(SampleCronWorkflow)
	env.RegisterActivity(CronDoSomething)
	env.OnActivity(CronDoSomething, mock.Anything, mock.Anything, mock.Anything).Return(nil).Times(2)

	var startTimeList, endTimeList []time.Time
	env.SetOnActivityStartedListener(func(activityInfo *activity.Info, ctx context.Context, args converter.EncodedValues) {
		var startTime, endTime time.Time
		require.NoError(t, args.Get(&startTime, &endTime))
		startTimeList = append(startTimeList, startTime)
		endTimeList = append(endTimeList, endTime)
	})
	startTime := time.Date(2018, 8, 22, 16, 30, 0, 0, time.UTC)
	env.SetStartTime(startTime)

	env.ExecuteWorkflow(testWorkflow) // every run's history is replayed at the end

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
	require.Len(t, startTimeList, 2)
	assert.Equal(t, time.Time{}, startTimeList[0].UTC())
	assert.Equal(t, startTime.Add(30*time.Minute), endTimeList[0].UTC())
	assert.Equal(t, startTime.Add(30*time.Minute), startTimeList[1].UTC())
	assert.Equal(t, startTime.Add(90*time.Minute), endTimeList[1].UTC())

	// The chain as a server records it.
	ids := env.WorkflowIDs()
	require.Len(t, ids, 2)
	runs := env.Histories(ids[1])
	require.Len(t, runs, 3) // the third waits for 19:00 when the parent ends
	for i, h := range runs {
		a := h.Events[0].GetWorkflowExecutionStartedEventAttributes()
		assert.Equal(t, "0 * * * *", a.CronSchedule, "run %d", i)
		assert.Equal(t, replay.ContinueAsNewInitiatorCronSchedule, a.Initiator, "run %d", i)
		assert.Equal(t, int32(1), a.Attempt, "run %d", i)
	}
	first := runs[0].Events[0].GetWorkflowExecutionStartedEventAttributes()
	assert.Equal(t, 30*time.Minute, first.FirstWorkflowTaskBackoff)
	assert.Empty(t, first.LastCompletionResult)
	second := runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes()
	assert.Equal(t, time.Hour, second.FirstWorkflowTaskBackoff)
	assert.NotEmpty(t, second.LastCompletionResult)
	closed := runs[0].Events[len(runs[0].Events)-1].GetWorkflowExecutionCompletedEventAttributes()
	require.NotNil(t, closed)
	assert.Equal(t, runs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().OriginalExecutionRunID, closed.NewExecutionRunID)
	last := runs[2].Events[len(runs[2].Events)-1]
	assert.Equal(t, replay.EventTypeWorkflowExecutionTerminated, last.EventType, "the parent's close policy ends the chain")
}

// CronFailing fails on odd hours.
func CronFailing(ctx workflow.Context) (int, error) {
	var prev int
	_ = workflow.GetLastCompletionResult(ctx, &prev)
	lastErr := workflow.GetLastError(ctx)
	if workflow.Now(ctx).Hour()%2 == 1 {
		return 0, wfsim.NewApplicationError("odd hour", "Odd")
	}
	if lastErr != nil {
		return prev + 100, nil // after a failure
	}
	return prev + 1, nil
}

func TestCronRunAfterAFailure(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "failing", CronSchedule: "@hourly"})
		workflow.ExecuteChildWorkflow(ctx, CronFailing)
		return workflow.Sleep(ctx, 3*time.Hour+time.Minute)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(CronFailing)
	env.SetStartTime(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	runs := env.Histories("failing")
	require.Len(t, runs, 4) // 01:00 fails, 02:00, 03:00 fails, 04:00 waits
	outcome := func(h *replay.History) string {
		ev := h.Events[len(h.Events)-1]
		if a := ev.GetWorkflowExecutionCompletedEventAttributes(); a != nil {
			var n int
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Result, &n))
			return ev.EventTime.Format("15:04") + " " + string(rune('0'+n%10)) + "/" + string(rune('0'+n/100))
		}
		return ev.EventTime.Format("15:04") + " " + ev.EventType.String()
	}
	assert.Equal(t, "01:00 WorkflowExecutionFailed", outcome(runs[0]))
	// After the failure: no result yet (0), and GetLastError set: 0+100.
	assert.Equal(t, "02:00 0/1", outcome(runs[1]))
	assert.Equal(t, "03:00 WorkflowExecutionFailed", outcome(runs[2]))
	third := runs[2].Events[0].GetWorkflowExecutionStartedEventAttributes()
	assert.Nil(t, third.ContinuedFailure)
	fourth := runs[3].Events[0].GetWorkflowExecutionStartedEventAttributes()
	require.NotNil(t, fourth.ContinuedFailure)
	assert.Equal(t, "odd hour", fourth.ContinuedFailure.Message)
	var kept int
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(fourth.LastCompletionResult, &kept))
	assert.Equal(t, 100, kept, "a failed run keeps the last completed run's result")
}

func TestCronRunSeesItsSchedule(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context) (string, error) {
		info := workflow.GetInfo(ctx)
		return info.CronSchedule + " " + workflow.Now(ctx).Format("15:04"), nil
	}
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "reporter", CronSchedule: "*/30 * * * *"})
		workflow.ExecuteChildWorkflow(ctx, "Reporter")
		return workflow.Sleep(ctx, 55*time.Minute)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "Reporter"})
	env.SetStartTime(time.Date(2024, 1, 1, 9, 10, 0, 0, time.UTC))
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	var results []string
	for _, h := range env.Histories("reporter") {
		if a := h.Events[len(h.Events)-1].GetWorkflowExecutionCompletedEventAttributes(); a != nil {
			var s string
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Result, &s))
			results = append(results, s)
		}
	}
	assert.Equal(t, []string{"*/30 * * * * 09:30", "*/30 * * * * 10:00"}, results)
}

func TestAbandonedCronChildEndsWithTheTest(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID: "forever", CronSchedule: "@every 1m", ParentClosePolicy: wfsim.ParentClosePolicyAbandon,
		})
		f := workflow.ExecuteChildWorkflow(ctx, "Reporter")
		if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return err
		}
		return workflow.Sleep(ctx, 150*time.Second)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(func(ctx workflow.Context) error { return nil }, workflow.RegisterOptions{Name: "Reporter"})
	env.ExecuteWorkflow(wf)
	require.NoError(t, env.GetWorkflowError())
	// Runs at 1m and 2m; the third waits for 3m, which the simulation
	// does not wait for.
	assert.Len(t, env.Histories("forever"), 3)
	assert.Equal(t, testsuite.DefaultStartTime.Add(150*time.Second), env.Now())
}
