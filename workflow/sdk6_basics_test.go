package workflow_test

// Ports of the basic workflow tests of Temporal's
// internal/internal_workflow_test.go: plain results, activities run from
// workflow code, panics, timers, activity cancellation, continue-as-new,
// per-context activity options and the memo.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/client"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// sdk6Suite makes environments not bound to a test, the way a Temporal
// test built on WorkflowTestSuite gets them.
func sdk6Env() *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	return s.NewTestWorkflowEnvironment()
}

// sdk6Echo is an activity that answers "test".
func sdk6Echo(context.Context) (string, error) { return "test", nil }

// Temporal: internal/internal_workflow_test.go Test_WorldWorkflow
func TestSDK6WorkflowAppendsToItsInput(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(_ workflow.Context, in string) (string, error) { return in + " World!", nil }, "Hello")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "Hello World!", out)
}

// sdk6Flaky is a local activity failing its first failures calls.
type sdk6Flaky struct{ calls, failures int }

func (f *sdk6Flaky) Run(context.Context) error {
	f.calls++
	if f.calls <= f.failures {
		return fmt.Errorf("attempt %d fails", f.calls)
	}
	return nil
}

// Temporal: internal/internal_workflow_test.go Test_WorkflowWithLocalActivityDefaultRetryPolicy
// Temporal: internal/internal_workflow_test.go Test_WorkflowWithLocalActivityWithMaxAttempts
// Temporal: internal/internal_workflow_test.go Test_WorkflowWithLocalActivityWithMaxAttemptsExceeded
func TestSDK6LocalActivityRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		policy   *wfsim.RetryPolicy
		failures int
		wantErr  bool
		calls    int
	}{
		{name: "default policy retries until success", failures: 2, calls: 3},
		{name: "three attempts cover two failures", policy: &wfsim.RetryPolicy{MaximumAttempts: 3}, failures: 2, calls: 3},
		{name: "three attempts do not cover five failures", policy: &wfsim.RetryPolicy{MaximumAttempts: 3}, failures: 5, wantErr: true, calls: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			act := &sdk6Flaky{failures: tc.failures}
			env := sdk6Env()
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
					ScheduleToCloseTimeout: 5 * time.Second,
					RetryPolicy:            tc.policy,
				})
				return workflow.ExecuteLocalActivity(ctx, act.Run).Get(ctx, nil)
			})
			require.True(t, env.IsWorkflowCompleted())
			if tc.wantErr {
				// Temporal's test environment wraps a local activity's
				// failure in an ActivityError; a Temporal worker (and wfsim)
				// fails the Future with the activity's own error.
				var appErr *wfsim.ApplicationError
				require.ErrorAs(t, env.GetWorkflowError(), &appErr)
				require.Equal(t, "attempt 3 fails", appErr.Error())
			} else {
				require.NoError(t, env.GetWorkflowError())
			}
			require.Equal(t, tc.calls, act.calls)
		})
	}
}

type sdk6Key struct{}

// Temporal: internal/internal_workflow_test.go Test_SingleActivityWorkflow
//
// Temporal's test environment runs an activity whatever task queue it names;
// on a server, only a worker polling that queue would, so wfsim needs the
// queue declared (SetActivityTaskQueue) to run it.
func TestSDK6ActivitySeesBackgroundContextAndItsOptions(t *testing.T) {
	t.Parallel()
	type seen struct {
		Value, TaskQueue string
		Heartbeat        time.Duration
	}
	probe := func(ctx context.Context) (seen, error) {
		v, _ := ctx.Value(sdk6Key{}).(string)
		info := activity.GetInfo(ctx)
		return seen{Value: v, TaskQueue: info.TaskQueue, Heartbeat: info.HeartbeatTimeout}, nil
	}
	env := sdk6Env()
	env.SetWorkerOptions(worker.Options{BackgroundActivityContext: context.WithValue(context.Background(), sdk6Key{}, "dependency")})
	env.RegisterActivity(probe)
	env.SetActivityTaskQueue("probe-queue", probe)
	env.ExecuteWorkflow(func(ctx workflow.Context, _ string) (seen, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: 10 * time.Second,
			StartToCloseTimeout:    5 * time.Second,
			HeartbeatTimeout:       2 * time.Second,
			ActivityID:             "id1",
			TaskQueue:              "probe-queue",
		})
		var out seen
		err := workflow.ExecuteActivity(ctx, probe).Get(ctx, &out)
		return out, err
	}, "Hello")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out seen
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, seen{Value: "dependency", TaskQueue: "probe-queue", Heartbeat: 2 * time.Second}, out)
}

// sdk6SplitJoin runs one activity in each of two coroutines and joins their
// results through channels, the second through a selector. With
// panicSecond the second coroutine panics once its activity is done.
func sdk6SplitJoin(ctx workflow.Context, panicSecond bool) (string, error) {
	ao := workflow.ActivityOptions{ScheduleToStartTimeout: 10 * time.Second, StartToCloseTimeout: 5 * time.Second}
	ctx = workflow.WithActivityOptions(ctx, ao)
	var first, second string
	var firstErr error
	c1, c2 := workflow.NewChannel(ctx), workflow.NewChannel(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		o := ao
		o.ActivityID = "id1"
		firstErr = workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, o), sdk6Echo).Get(ctx, &first)
		if firstErr == nil {
			c1.Send(ctx, true)
		}
	})
	workflow.Go(ctx, func(ctx workflow.Context) {
		o := ao
		o.ActivityID = "id2"
		err := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, o), sdk6Echo).Get(ctx, &second)
		if panicSecond {
			panic("simulated")
		}
		if err == nil {
			c2.Send(ctx, true)
		}
	})
	c1.Receive(ctx, nil)
	selected := false
	workflow.NewSelector(ctx).AddReceive(c2, func(c workflow.ReceiveChannel, more bool) {
		if !more {
			panic("c2 closed")
		}
		selected = true
	}).Select(ctx)
	if !selected {
		return "", errors.New("the selector selected nothing")
	}
	if firstErr != nil {
		return "", firstErr
	}
	return first + second, nil
}

// Temporal: internal/internal_workflow_test.go Test_SplitJoinActivityWorkflow
//
// Temporal traces the ExecuteActivity calls with an interceptor (out of
// scope here); the history shows the same thing: two activities of the
// registered name, scheduled in the order the coroutines were started.
func TestSDK6SplitJoinActivities(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterActivityWithOptions(sdk6Echo, activity.RegisterOptions{Name: "testActivityWithOptions"})
	env.OnActivity(sdk6Echo, mock.Anything).Return(func(ctx context.Context) (string, error) {
		switch id := activity.GetInfo(ctx).ActivityID; id {
		case "id1":
			return "Hello", nil
		case "id2":
			return " Flow!", nil
		default:
			return "", fmt.Errorf("unexpected activity ID %q", id)
		}
	}).Twice()
	env.ExecuteWorkflow(sdk6SplitJoin, false)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "Hello Flow!", out)

	var scheduled []string
	for _, ev := range env.History().Events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok {
			scheduled = append(scheduled, a.ActivityType.Name+"/"+a.ActivityID)
		}
	}
	require.Equal(t, []string{"testActivityWithOptions/id1", "testActivityWithOptions/id2"}, scheduled)
}

// Temporal: internal/internal_workflow_test.go TestWorkflowPanic
func TestSDK6PanicInCoroutineFailsWorkflow(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil) // the panic is expected: keep the log quiet
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(sdk6Echo)
	env.ExecuteWorkflow(sdk6SplitJoin, true)
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	var execErr *wfsim.WorkflowExecutionError
	require.ErrorAs(t, err, &execErr)
	var panicErr *wfsim.PanicError
	require.ErrorAs(t, errors.Unwrap(execErr), &panicErr)
	require.Equal(t, "simulated", panicErr.Error())
	require.Contains(t, panicErr.StackTrace(), "workflow_test.sdk6SplitJoin")
}

// Temporal: internal/internal_workflow_test.go TestWorkflowReturnsPanic
func TestSDK6ReturnedPanicErrorKeepsMessageAndStack(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(nil)
	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(func(workflow.Context) error { return wfsim.NewPanicError("panicError", "stackTrace") })
	require.True(t, env.IsWorkflowCompleted())
	var execErr *wfsim.WorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &execErr)
	var panicErr *wfsim.PanicError
	require.ErrorAs(t, errors.Unwrap(execErr), &panicErr)
	require.Equal(t, "panicError", panicErr.Error())
	require.Equal(t, "stackTrace", panicErr.StackTrace())
}

// Temporal: internal/internal_workflow_test.go Test_ClockWorkflow
//
// Temporal's test environment starts at the wall clock's now; wfsim starts
// at a fixed instant (testsuite.DefaultStartTime) so that runs repeat.
func TestSDK6NowIsTheStartTime(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) (time.Time, error) { return workflow.Now(ctx), nil })
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var now time.Time
	require.NoError(t, env.GetWorkflowResult(&now))
	require.False(t, now.IsZero())
	require.True(t, now.Equal(testsuite.DefaultStartTime), "now %v", now)
}

// Temporal: internal/internal_workflow_test.go TestTimerWorkflow
func TestSDK6TimersFireOrReportCancellation(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context, _ []byte) ([]string, error) {
		var steps []string
		fired := false
		timer := workflow.NewTimer(ctx, 1)
		workflow.NewSelector(ctx).AddFuture(timer, func(f workflow.Future) {
			fired = f.Get(ctx, nil) == nil
		}).Select(ctx)
		steps = append(steps, fmt.Sprintf("timer fired: %v", fired))

		ctx2, cancel2 := workflow.WithCancel(ctx)
		timer2 := workflow.NewTimer(ctx2, 1)
		cancel2()
		_, canceled := timer2.Get(ctx2, nil).(*wfsim.CanceledError)
		steps = append(steps, fmt.Sprintf("canceled timer: %v", canceled))

		ctx3, cancel3 := workflow.WithCancel(ctx)
		defer cancel3()
		steps = append(steps, fmt.Sprintf("sleep: %v", workflow.Sleep(ctx3, 1)))

		ctx4, cancel4 := workflow.WithCancel(ctx)
		cancel4()
		_, canceled = workflow.Sleep(ctx4, 1).(*wfsim.CanceledError)
		steps = append(steps, fmt.Sprintf("canceled sleep: %v", canceled))
		return steps, nil
	}
	env := sdk6Env()
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf, []byte{1, 2})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var steps []string
	require.NoError(t, env.GetWorkflowResult(&steps))
	require.Equal(t, []string{"timer fired: true", "canceled timer: true", "sleep: <nil>", "canceled sleep: true"}, steps)
}

// Temporal: internal/internal_workflow_test.go TestActivityCancellation
func TestSDK6ActivityCanceledBeforeItRuns(t *testing.T) {
	t.Parallel()
	var first string
	var secondErr error
	wf := func(ctx workflow.Context, _ []byte) ([]byte, error) {
		ao := workflow.ActivityOptions{ScheduleToStartTimeout: 10 * time.Second, StartToCloseTimeout: 5 * time.Second}
		ctx = workflow.WithActivityOptions(ctx, ao)

		ctx1, cancel1 := workflow.WithCancel(ctx)
		defer cancel1()
		ao.ActivityID = "id1"
		if err := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx1, ao), sdk6Echo).Get(ctx, &first); err != nil {
			return nil, err
		}

		ctx2, cancel2 := workflow.WithCancel(ctx)
		ao.ActivityID = "id2"
		f := workflow.ExecuteActivity(workflow.WithActivityOptions(ctx2, ao), sdk6Echo)
		cancel2()
		var second string
		secondErr = f.Get(ctx, &second)
		return []byte("workflow-completed"), nil
	}
	env := sdk6Env()
	env.RegisterActivity(sdk6Echo)
	env.RegisterWorkflow(wf)
	env.ExecuteWorkflow(wf, []byte{1, 2})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, "test", first)
	_, canceled := secondErr.(*wfsim.CanceledError)
	require.True(t, canceled, "got %T %v", secondErr, secondErr)
}

type sdk6GreetingRequest struct{ Name, Greeting string }

func sdk6GetGreeting() (string, error) { return "Hello", nil }
func sdk6GetName() (string, error)     { return "temporal", nil }
func sdk6SayGreeting(r *sdk6GreetingRequest) (string, error) {
	return fmt.Sprintf("%v %v!", r.Greeting, r.Name), nil
}

// Temporal: internal/internal_workflow_test.go Test_ExternalExampleWorkflow
func TestSDK6SequentialActivitiesFeedEachOther(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterActivity(sdk6GetGreeting)
	env.RegisterActivity(sdk6GetName)
	env.RegisterActivity(sdk6SayGreeting)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ScheduleToStartTimeout: 10 * time.Second, StartToCloseTimeout: 5 * time.Second})
		var greeting, name, out string
		if err := workflow.ExecuteActivity(ctx, sdk6GetGreeting).Get(ctx, &greeting); err != nil {
			return "", err
		}
		if err := workflow.ExecuteActivity(ctx, sdk6GetName).Get(ctx, &name); err != nil {
			return "", err
		}
		err := workflow.ExecuteActivity(ctx, sdk6SayGreeting, &sdk6GreetingRequest{Name: name, Greeting: greeting}).Get(ctx, &out)
		return out, err
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "Hello temporal!", out)
}

func sdk6ContinueAsNew(ctx workflow.Context) error {
	return workflow.NewContinueAsNewError(ctx, "sdk6ContinueAsNew", []byte("start"))
}

// Temporal: internal/internal_workflow_test.go Test_ContinueAsNewWorkflow
func TestSDK6ContinueAsNewCarriesTheRunsOptions(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterWorkflow(sdk6ContinueAsNew)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{
		WorkflowExecutionTimeout: 100 * time.Second,
		WorkflowTaskTimeout:      5 * time.Second,
		WorkflowRunTimeout:       50 * time.Second,
	})
	env.ExecuteWorkflow(sdk6ContinueAsNew)
	require.True(t, env.IsWorkflowCompleted())
	var execErr *wfsim.WorkflowExecutionError
	require.ErrorAs(t, env.GetWorkflowError(), &execErr)
	var can *workflow.ContinueAsNewError
	require.ErrorAs(t, errors.Unwrap(execErr), &can)
	require.Equal(t, "sdk6ContinueAsNew", can.WorkflowType.Name)
	require.Equal(t, 100*time.Second, can.WorkflowExecutionTimeout)
	require.Equal(t, 50*time.Second, can.WorkflowRunTimeout)
	require.Equal(t, 5*time.Second, can.WorkflowTaskTimeout)
	require.Equal(t, "default-test-taskqueue", can.TaskQueueName)
}

// Temporal: internal/internal_workflow_test.go Test_ActivityOptionsWorkflow
func TestSDK6ActivityOptionsBelongToTheirContext(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx1 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ActivityID: "id1"})
		ctx2 := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{ActivityID: "id2"})
		return workflow.GetActivityOptions(ctx1).ActivityID + " " + workflow.GetActivityOptions(ctx2).ActivityID, nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "id1 id2", out)
}

// Temporal: internal/internal_workflow_test.go Test_MemoWorkflow
//
// Temporal's Info.Memo is a protobuf Memo with Fields; wfsim's is the map
// of payloads itself.
func TestSDK6MemoSetOnStartIsInInfo(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	require.NoError(t, env.SetMemoOnStart(map[string]any{"testKey": "testVal"}))
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		p, ok := workflow.GetInfo(ctx).Memo.Fields["testKey"]
		if !ok {
			return "", errors.New("no memo found")
		}
		var v string
		err := converter.GetDefaultDataConverter().FromPayload(p, &v)
		return v, err
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "testVal", out)
}

// The error NewContinueAsNewError returns carries, in Temporal's fields,
// what the new run gets: workflow code may read them before returning it.
func TestSDK6ContinueAsNewErrorFieldsInWorkflowCode(t *testing.T) {
	t.Parallel()
	env := sdk6Env()
	env.RegisterWorkflow(sdk6ContinueAsNew)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{WorkflowExecutionTimeout: time.Hour})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithWorkflowRunTimeout(ctx, time.Minute)
		var can *workflow.ContinueAsNewError
		if !errors.As(workflow.NewContinueAsNewError(ctx, sdk6ContinueAsNew), &can) {
			return "", errors.New("not a ContinueAsNewError")
		}
		var wt workflow.WorkflowType = *can.WorkflowType // one type, as in Temporal
		return fmt.Sprintf("%s %s %v %v", wt.Name, can.TaskQueueName, can.WorkflowRunTimeout, can.WorkflowExecutionTimeout), nil
	})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "sdk6ContinueAsNew default-test-taskqueue 1m0s 1h0m0s", out)
}
