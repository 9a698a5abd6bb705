package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Banking is a struct of activities, as Temporal users write them.
type Banking struct{ Fee int }

func (b *Banking) Withdraw(ctx context.Context, amount int) (int, error) { return amount + b.Fee, nil }
func (b *Banking) Deposit(ctx context.Context, amount int) (int, error)  { return amount - b.Fee, nil }

// bankWorkflow calls the activities through method values on a nil
// pointer, which only name them.
func bankWorkflow(ctx workflow.Context, amount int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var b *Banking
	var w, d int
	if err := workflow.ExecuteActivity(ctx, b.Withdraw, amount).Get(ctx, &w); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, b.Deposit, amount).Get(ctx, &d); err != nil {
		return "", err
	}
	return fmt.Sprint(w, " ", d), nil
}

func TestRegisterStructOfActivities(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(&Banking{Fee: 2})
	env.ExecuteWorkflow(bankWorkflow, 100)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "102 98", out)
}

func TestRegisterActivityWithOptionsName(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivityWithOptions(&Banking{Fee: 1}, activity.RegisterOptions{Name: "Bank_"})
	env.RegisterActivityWithOptions(Echo, activity.RegisterOptions{Name: "Say"})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var n int
		var s string
		if err := workflow.ExecuteActivity(ctx, "Bank_Withdraw", 10).Get(ctx, &n); err != nil {
			return "", err
		}
		if err := workflow.ExecuteActivity(ctx, "Say", "hi").Get(ctx, &s); err != nil {
			return "", err
		}
		return fmt.Sprint(n, " ", s), nil
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "11 hi", out)
}

// By default an activity runs on whatever task queue it is scheduled on,
// as in Temporal's test environment (a worker-specific queue a test cannot
// declare, say); SetActivityTaskQueue restricts it to the queues named, so
// that elsewhere it never starts.
func TestSetActivityTaskQueue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		restrict []string
		queue    string
		want     string
	}{
		{"not restricted, on the workflow's task queue", nil, "", "ok"},
		{"not restricted, on another task queue", nil, "host-7", "ok"},
		{"on its task queue", []string{"special"}, "special", "ok"},
		{"on the second queue it was restricted to", []string{"special", "other"}, "other", "ok"},
		{"on the workflow's task queue it never starts", []string{"special"}, "", "ScheduleToStart"},
		{"on a third queue it never starts", []string{"special", "other"}, "host-7", "ScheduleToStart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Echo)
			for _, q := range tt.restrict {
				env.SetActivityTaskQueue(q, Echo)
			}
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{TaskQueue: tt.queue,
					ScheduleToStartTimeout: time.Minute, StartToCloseTimeout: time.Minute})
				err := workflow.ExecuteActivity(ctx, Echo, "ok").Get(ctx, nil)
				var te *wfsim.TimeoutError
				if errors.As(err, &te) {
					return te.TimeoutType().String(), nil
				}
				return "ok", err
			})
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
		})
	}
}

// An activity neither registered nor mocked fails, as on a worker, with
// the registered names.
func TestUnknownActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Echo)
	env.RegisterActivity(Slow)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry})
		err := workflow.ExecuteActivity(ctx, "Nope").Get(ctx, nil)
		var ae *wfsim.ApplicationError
		if !errors.As(err, &ae) {
			return "", err
		}
		return ae.Type() + ": " + ae.Message(), nil
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "ActivityNotRegisteredError: unable to find activityType=Nope. Supported types: [Echo, Slow]", out)
}

// Bad input never panics: arguments that do not fit the activity, and Get
// into a pointer of the wrong type, are errors that say what and where.
func TestActivityBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(ctx workflow.Context) error
		want string
	}{
		{"an argument of the wrong type", func(ctx workflow.Context) error {
			return workflow.ExecuteActivity(ctx, Echo, 42).Get(ctx, nil)
		}, `activity "Echo": argument 1: the function takes string, got int`},
		{"too many arguments", func(ctx workflow.Context) error {
			return workflow.ExecuteActivity(ctx, Echo, "a", "b").Get(ctx, nil)
		}, `activity "Echo": takes 1 argument, got 2`},
		{"by name, an argument that does not decode", func(ctx workflow.Context) error {
			return workflow.ExecuteActivity(ctx, "Echo", 42).Get(ctx, nil)
		}, `activity "Echo": argument 1: the function takes string, got json/plain 42`},
		{"Get into the wrong type", func(ctx workflow.Context) error {
			var n int
			return workflow.ExecuteActivity(ctx, Echo, "text").Get(ctx, &n)
		}, "unable to decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(Echo)
			env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute, RetryPolicy: noRetry})
				err := tt.call(ctx)
				if err == nil {
					return "", errors.New("no error")
				}
				return err.Error(), nil
			})
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Contains(t, out, tt.want)
		})
	}
}

// Mocks and the activity environment take method values on a nil pointer
// too: they only name the activity.
func TestNilPointerMethodValues(t *testing.T) {
	t.Parallel()
	var b *Banking
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(&Banking{Fee: 2})
	env.OnActivity(b.Deposit, mock.Anything, 100).Return(1000, nil)
	env.ExecuteWorkflow(bankWorkflow, 100)
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "102 1000", out)

	aenv := testsuite.NewTestActivityEnvironment(t)
	aenv.RegisterActivity(&Banking{Fee: 5})
	v, err := aenv.ExecuteActivity(b.Withdraw, 10)
	require.NoError(t, err)
	var n int
	require.NoError(t, v.Get(&n))
	require.Equal(t, 15, n)
}
