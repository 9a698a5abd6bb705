package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Ports of the registration and mocking tests of Temporal's
// internal/workflow_testsuite_test.go: activities by function, by name and by
// alias, unregistered activities, mocks asserted by name, workflows mocked
// without registration, ordered mock calls, a custom failure converter,
// dynamic workflows and activities, and TestActivityEnvironment's
// SetExecuteActivitiesInWorkflow.

// sdk5Greet appends " World!" to its argument.
func sdk5Greet(_ context.Context, arg string) (string, error) {
	return arg + " World!", nil
}

// sdk5LocalByName runs the local activity registered as name once with arg.
func sdk5LocalByName(name string) func(ctx workflow.Context, arg string) (string, error) {
	return func(ctx workflow.Context, arg string) (string, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Hour,
			StartToCloseTimeout:    time.Hour,
		})
		var result string
		err := workflow.ExecuteLocalActivity(ctx, name, arg).Get(ctx, &result)
		return result, err
	}
}

// Temporal: internal/workflow_testsuite_test.go TestNoExplicitRegistrationRequired
func TestSDK5ActivityByFunctionValue(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	act := func(_ context.Context, arg string) (string, error) { return arg + " World!", nil }
	env.RegisterActivity(act)
	env.ExecuteWorkflow(func(ctx workflow.Context, arg string) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToCloseTimeout: time.Hour,
			StartToCloseTimeout:    time.Hour,
			ScheduleToStartTimeout: time.Hour,
		})
		var result string
		err := workflow.ExecuteActivity(ctx, act, arg).Get(ctx, &result)
		return result, err
	}, "Hello")
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "Hello World!", result)
}

// Temporal: internal/workflow_testsuite_test.go TestUnregisteredActivity
func TestSDK5UnregisteredActivityFailsTheWorkflow(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterActivity(sdk5Greet)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			ScheduleToStartTimeout: time.Minute,
			StartToCloseTimeout:    time.Minute,
		})
		return workflow.ExecuteActivity(ctx, "unregistered").Get(ctx, nil)
	})
	err := env.GetWorkflowError()
	var wfErr *temporal.WorkflowExecutionError
	require.ErrorAs(t, err, &wfErr)
	var actErr *temporal.ActivityError
	require.ErrorAs(t, errors.Unwrap(wfErr), &actErr)
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, errors.Unwrap(actErr), &appErr)
	assert.True(t, strings.HasPrefix(appErr.Error(), "unable to find activityType=unregistered"), appErr.Error())
}

// Temporal: internal/workflow_testsuite_test.go TestLocalActivityExecutionByActivityName,
// TestLocalActivityExecutionByActivityNameAlias, TestLocalActivityExecutionByActivityNameAliasMissingRegistration
func TestSDK5LocalActivityByRegisteredName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		register func(env *testsuite.TestWorkflowEnvironment)
		call     string
		wantErr  bool
	}{
		{name: "function name", register: func(env *testsuite.TestWorkflowEnvironment) { env.RegisterActivity(sdk5Greet) }, call: "sdk5Greet"},
		{name: "alias", register: func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivityWithOptions(sdk5Greet, activity.RegisterOptions{Name: "localActivity"})
		}, call: "localActivity"},
		{name: "alias not registered", register: func(*testsuite.TestWorkflowEnvironment) {}, call: "localActivity", wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			tc.register(env)
			env.ExecuteWorkflow(sdk5LocalByName(tc.call), "Hello")
			if tc.wantErr {
				require.Error(t, env.GetWorkflowError())
				return
			}
			var result string
			require.NoError(t, env.GetWorkflowResult(&result))
			assert.Equal(t, "Hello World!", result)
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestActivityAssertCalled
func TestSDK5AssertCalledOnMockedLocalActivity(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterActivity(sdk5Greet)
	env.OnActivity(sdk5Greet, mock.Anything, mock.Anything).Return("Mock!", nil)
	env.ExecuteWorkflow(sdk5LocalByName("sdk5Greet"), "Hello")
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "Mock!", result)
	env.AssertCalled(t, "sdk5Greet", mock.Anything, "Hello")
	env.AssertNotCalled(t, "sdk5Greet", mock.Anything, "Bye")
	// The assertions can fail: check them against a recorder.
	rec := &sdk5Recorder{}
	assert.False(t, env.AssertCalled(rec, "sdk5Greet", mock.Anything, "Bye"))
	assert.False(t, env.AssertNotCalled(rec, "sdk5Greet", mock.Anything, "Hello"))
	assert.Equal(t, 2, rec.errors)
}

// Temporal: internal/workflow_testsuite_test.go TestActivityAssertNumberOfCalls
func TestSDK5AssertNumberOfCallsOnMockedLocalActivity(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterActivity(sdk5Greet)
	env.OnActivity(sdk5Greet, mock.Anything, mock.Anything).Return("Mock!", nil)
	env.ExecuteWorkflow(func(ctx workflow.Context, arg string) (string, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			ScheduleToCloseTimeout: time.Hour,
			StartToCloseTimeout:    time.Hour,
		})
		var result string
		for range 3 {
			_ = workflow.ExecuteLocalActivity(ctx, "sdk5Greet", arg).Get(ctx, &result)
		}
		return result, nil
	}, "Hello")
	require.NoError(t, env.GetWorkflowError())
	env.AssertNumberOfCalls(t, "sdk5Greet", 3)
	env.AssertNumberOfCalls(t, "otherActivity", 0)
	rec := &sdk5Recorder{}
	assert.False(t, env.AssertNumberOfCalls(rec, "sdk5Greet", 2))
}

// sdk5Recorder is a mock.TestingT that counts failures instead of failing.
type sdk5Recorder struct{ errors int }

func (r *sdk5Recorder) Logf(string, ...any)   {}
func (r *sdk5Recorder) Errorf(string, ...any) { r.errors++ }
func (r *sdk5Recorder) FailNow()              { r.errors++ }

// SDK5Hello is a workflow that is never registered: tests mock it.
func SDK5Hello(_ workflow.Context, _ string) (string, error) {
	return "", errors.New("unimplemented")
}

// Temporal: internal/workflow_testsuite_test.go TestWorkflowMockingWithoutRegistration
func TestSDK5MockedWorkflowRunsWithoutRegistration(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		mock func(env *testsuite.TestWorkflowEnvironment)
		want string
	}{
		{name: "a function", want: "Hello Temporal!", mock: func(env *testsuite.TestWorkflowEnvironment) {
			env.OnWorkflow(SDK5Hello, mock.Anything, mock.Anything).Return(
				func(_ workflow.Context, person string) (string, error) {
					return "Hello " + person + "!", nil
				})
		}},
		{name: "values, after a minute", want: "mocked", mock: func(env *testsuite.TestWorkflowEnvironment) {
			env.OnWorkflow(SDK5Hello, mock.Anything, "Temporal").Return("mocked", nil).After(time.Minute)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			tc.mock(env)
			env.ExecuteWorkflow("SDK5Hello", "Temporal")
			var result string
			require.NoError(t, env.GetWorkflowResult(&result))
			assert.Equal(t, tc.want, result)
			// The mock answered once: the replay check does not consult
			// it again.
			env.AssertWorkflowNumberOfCalls(t, "SDK5Hello", 1)
			env.AssertExpectations(t)
		})
	}
}

// Temporal: internal/workflow_testsuite_test.go TestActivityMockingByNameWithoutRegistrationFails
func TestSDK5MockingUnregisteredActivityByNamePanics(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(func(context.Context) error { return nil }, activity.RegisterOptions{Name: "Other"})
	// Temporal's words, after the package's name.
	assert.PanicsWithValue(t, `testsuite: activity "SayHello" is not registered with the TestWorkflowEnvironment, registered types are: Other`,
		func() { env.OnActivity("SayHello", mock.Anything, mock.Anything) })
}

// Temporal: internal/workflow_testsuite_test.go TestMockCallWrapperInOrder, TestMockCallWrapperNotBefore
func TestSDK5MockCallOutOfOrderPanicsTheWorkflow(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		order func(env *testsuite.TestWorkflowEnvironment)
	}{
		{name: "InOrderMockCalls", order: func(env *testsuite.TestWorkflowEnvironment) {
			env.InOrderMockCalls(
				env.OnActivity(sdk5Greet, mock.Anything, "call1").Return("result1", nil),
				env.OnActivity(sdk5Greet, mock.Anything, "call2").Return("result2", nil),
			)
		}},
		{name: "NotBefore", order: func(env *testsuite.TestWorkflowEnvironment) {
			first := env.OnActivity(sdk5Greet, mock.Anything, "call1").Return("result1", nil)
			env.OnActivity(sdk5Greet, mock.Anything, "call2").Return("result2", nil).NotBefore(first)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			env.RegisterActivity(sdk5Greet)
			tc.order(env)
			env.ExecuteWorkflow(func(ctx workflow.Context) error {
				ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
					ScheduleToCloseTimeout: time.Hour,
					StartToCloseTimeout:    time.Hour,
					RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
				})
				var result string
				return workflow.ExecuteLocalActivity(ctx, "sdk5Greet", "call2").Get(ctx, &result)
			})
			var panicErr *temporal.PanicError
			require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
			assert.ErrorContains(t, panicErr, "Must not be called before")
		})
	}
}

// sdk5CustomError is an error type only a custom failure converter keeps
// across the activity/workflow boundary.
type sdk5CustomError struct{}

func (sdk5CustomError) Error() string { return "this is a custom error type" }

// sdk5FailureConverter records sdk5CustomError as a non-retryable failure of
// type "CUSTOM ERROR" and turns that failure back into sdk5CustomError.
type sdk5FailureConverter struct{ fallback temporal.FailureConverter }

func (c sdk5FailureConverter) ErrorToFailure(err error) *temporal.Failure {
	if errors.As(err, &sdk5CustomError{}) {
		return &temporal.Failure{ApplicationFailureInfo: &temporal.ApplicationFailureInfo{
			Type: "CUSTOM ERROR", NonRetryable: true,
		}}
	}
	return c.fallback.ErrorToFailure(err)
}

func (c sdk5FailureConverter) FailureToError(f *temporal.Failure) error {
	if f != nil && f.ApplicationFailureInfo != nil && f.ApplicationFailureInfo.Type == "CUSTOM ERROR" {
		return sdk5CustomError{}
	}
	return c.fallback.FailureToError(f)
}

// Temporal: internal/workflow_testsuite_test.go TestCustomFailureConverter
func TestSDK5CustomFailureConverterKeepsErrorType(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.SetFailureConverter(sdk5FailureConverter{fallback: temporal.GetDefaultFailureConverter()})
	var calls atomic.Int32
	act := func(context.Context) error {
		calls.Add(1)
		return sdk5CustomError{}
	}
	env.RegisterActivity(act)
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour})
		return workflow.ExecuteActivity(ctx, act).Get(ctx, nil)
	})
	require.True(t, env.IsWorkflowCompleted())
	assert.ErrorAs(t, env.GetWorkflowError(), &sdk5CustomError{})
	// The converter marked the failure non-retryable: one attempt only.
	assert.Equal(t, int32(1), calls.Load())
}

// sdk5DynamicWorkflow answers any workflow type; "dynamic-activity" hands its
// two arguments to an activity of a name no one registered.
func sdk5DynamicWorkflow(ctx workflow.Context, args converter.EncodedValues) (string, error) {
	var a, b string
	if err := args.Get(&a, &b); err != nil {
		return "", fmt.Errorf("decoding arguments: %w", err)
	}
	typeName := workflow.GetInfo(ctx).WorkflowType.Name
	if typeName != "dynamic-activity" {
		return fmt.Sprintf("%s - %s - %s", typeName, a, b), nil
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var result string
	err := workflow.ExecuteActivity(ctx, "random-activity-name", a, b).Get(ctx, &result)
	return result, err
}

// sdk5DynamicActivity answers any activity type with its workflow's type and
// its two arguments.
func sdk5DynamicActivity(ctx context.Context, args converter.EncodedValues) (string, error) {
	var a, b string
	if err := args.Get(&a, &b); err != nil {
		return "", fmt.Errorf("decoding arguments: %w", err)
	}
	return fmt.Sprintf("%s - %s - %s", activity.GetInfo(ctx).WorkflowType.Name, a, b), nil
}

// Temporal: internal/workflow_testsuite_test.go TestDynamicWorkflows
func TestSDK5DynamicWorkflowCallsDynamicActivity(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterDynamicActivity(sdk5DynamicActivity, activity.DynamicRegisterOptions{})
	env.RegisterDynamicWorkflow(sdk5DynamicWorkflow, workflow.DynamicRegisterOptions{})
	env.ExecuteWorkflow("dynamic-activity", "grape", "cherry")
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "dynamic-activity - grape - cherry", result)
}

// SDK5SleepHour sleeps an hour; canceled, it returns the cancellation.
func SDK5SleepHour(ctx workflow.Context) error {
	return workflow.Sleep(ctx, time.Hour)
}

// sdk5CancelOwnChild starts SDK5SleepHour as a child, cancels it as an
// external workflow once it started, then sleeps a second so that the
// child's cancellation reaches the parent before it completes.
func sdk5CancelOwnChild(ctx workflow.Context) error {
	child := workflow.ExecuteChildWorkflow(ctx, SDK5SleepHour)
	var exec workflow.WorkflowExecution
	if err := child.GetChildWorkflowExecution().Get(ctx, &exec); err != nil {
		return err
	}
	if err := workflow.RequestCancelExternalWorkflow(ctx, exec.ID, exec.RunID).Get(ctx, nil); err != nil {
		return err
	}
	return workflow.Sleep(ctx, time.Second)
}

// Temporal: internal/workflow_testsuite_test.go TestRequestCancelExternalWorkflowInSelector
func TestSDK5CancelChildAsExternalWorkflow(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.RegisterWorkflow(SDK5SleepHour)
	var childErr error
	env.SetOnChildWorkflowCompletedListener(func(_ *workflow.Info, _ converter.EncodedValue, err error) {
		childErr = err
	})
	env.ExecuteWorkflow(sdk5CancelOwnChild)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var canceled *temporal.CanceledError
	assert.ErrorAs(t, childErr, &canceled, "the child ended canceled")
	assert.Equal(t, testsuite.DefaultStartTime.Add(time.Second), env.Now())
}

// sdk5CheckActivityInfo fails unless the activity's Info says it belongs to
// a workflow exactly when inWorkflow.
func sdk5CheckActivityInfo(ctx context.Context, inWorkflow bool) error {
	info := activity.GetInfo(ctx)
	if info.IsWorkflowActivity() != inWorkflow {
		return fmt.Errorf("IsWorkflowActivity is %v", info.IsWorkflowActivity())
	}
	if (info.ActivityRunID == "") != inWorkflow {
		return fmt.Errorf("ActivityRunID is %q", info.ActivityRunID)
	}
	return nil
}

// Temporal: internal/workflow_testsuite_test.go TestExecuteActivitiesInWorkflow
func TestSDK5ExecuteActivitiesInWorkflowSetting(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestActivityEnvironment()
	env.RegisterActivity(sdk5CheckActivityInfo)
	check := func(step string, inWorkflow bool) {
		t.Helper()
		_, errIn := env.ExecuteActivity(sdk5CheckActivityInfo, true)
		_, errOut := env.ExecuteActivity(sdk5CheckActivityInfo, false)
		if inWorkflow {
			assert.NoError(t, errIn, step)
			assert.Error(t, errOut, step)
		} else {
			assert.Error(t, errIn, step)
			assert.NoError(t, errOut, step)
		}
	}
	check("default", true)
	env.SetExecuteActivitiesInWorkflow(false)
	check("set false", false)
	env.SetExecuteActivitiesInWorkflow(true)
	check("set true again", true)
}
