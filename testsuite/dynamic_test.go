package testsuite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// dynWorkflow runs any workflow type: "call-<activity>" types call that
// activity by name, "child-<type>" types run a child of that type, the
// others return their type and arguments.
func dynWorkflow(ctx workflow.Context, args converter.EncodedValues) (string, error) {
	var a, b string
	if err := args.Get(&a, &b); err != nil {
		return "", err
	}
	name := workflow.GetInfo(ctx).WorkflowType.Name
	var out string
	switch {
	case strings.HasPrefix(name, "call-"):
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		err := workflow.ExecuteActivity(ctx, strings.TrimPrefix(name, "call-"), a, b).Get(ctx, &out)
		return out, err
	case strings.HasPrefix(name, "child-"):
		err := workflow.ExecuteChildWorkflow(ctx, strings.TrimPrefix(name, "child-"), a, b).Get(ctx, &out)
		return "child:" + out, err
	}
	return fmt.Sprintf("%s(%s,%s)", name, a, b), nil
}

func dynActivity(ctx context.Context, args converter.EncodedValues) (string, error) {
	var a, b string
	if err := args.Get(&a, &b); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s(%s,%s)", activity.GetInfo(ctx).ActivityType.Name, a, b), nil
}

func registeredConcat(a, b string) (string, error) { return "registered:" + a + b, nil }

func TestDynamicRegistration(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		wfType   string
		register func(env *testsuite.TestWorkflowEnvironment)
		want     string
	}{
		{"unregistered type runs the dynamic workflow", "Anything", nil, "Anything(x,y)"},
		{"dynamic activity gets the scheduled type", "call-Lookup", nil, "Lookup(x,y)"},
		{"registered activity wins over the dynamic one", "call-registeredConcat", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterActivity(registeredConcat)
		}, "registered:xy"},
		{"child of an unregistered type runs the dynamic workflow", "child-Inner", nil, "child:Inner(x,y)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
			env.RegisterDynamicActivity(dynActivity, activity.DynamicRegisterOptions{})
			if c.register != nil {
				c.register(env)
			}
			env.ExecuteWorkflow(c.wfType, "x", "y")
			require.True(t, env.IsWorkflowCompleted())
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.wfType, env.History().Events[0].GetWorkflowExecutionStartedEventAttributes().WorkflowType.Name)
		})
	}
}

func TestDynamicWorkflowRegisteredWins(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
	env.RegisterWorkflowWithOptions(func(ctx workflow.Context, a, b string) (string, error) { return "static", nil }, workflow.RegisterOptions{Name: "Static"})
	env.ExecuteWorkflow("Static", "x", "y")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "static", got)
}

func TestDynamicActivityUnregisteredWithout(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
	env.ExecuteWorkflow("call-Missing", "x", "y")
	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unable to find activityType=Missing")
}

func TestUnknownWorkflowWithoutDynamic(t *testing.T) {
	t.Parallel()
	env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
	env.ExecuteWorkflow("Nobody")
	var unknown *testsuite.UnknownWorkflowError
	require.ErrorAs(t, env.GetWorkflowError(), &unknown)
	assert.Equal(t, "Nobody", unknown.WorkflowType)
}

func TestDynamicHistoryReplays(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
	env.RegisterDynamicActivity(dynActivity, activity.DynamicRegisterOptions{})
	env.ExecuteWorkflow("call-Lookup", "x", "y")
	require.NoError(t, env.GetWorkflowError())

	r := replay.NewWorkflowReplayer()
	r.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
	assert.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))

	// A workflow that does something else with the same type is caught.
	other := replay.NewWorkflowReplayer()
	other.RegisterDynamicWorkflow(func(ctx workflow.Context, args converter.EncodedValues) (string, error) {
		return "", nil
	}, workflow.DynamicRegisterOptions{})
	var nd *replay.NondeterminismError
	assert.ErrorAs(t, other.ReplayWorkflowHistory(nil, env.History()), &nd)
}

func TestDynamicRegistrationPanics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		reg  func(env *testsuite.TestWorkflowEnvironment)
		want string
	}{
		{"workflow not a func", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow("w", workflow.DynamicRegisterOptions{})
		}, "must be a func"},
		{"workflow with one parameter", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow(func(workflow.Context) error { return nil }, workflow.DynamicRegisterOptions{})
		}, "expected function to have two arguments"},
		{"workflow without EncodedValues", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow(func(workflow.Context, string) error { return nil }, workflow.DynamicRegisterOptions{})
		}, "expected function to EncodedValues as second argument, got string"},
		{"workflow with a context.Context", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow(func(context.Context, converter.EncodedValues) error { return nil }, workflow.DynamicRegisterOptions{})
		}, "expected first argument to be workflow.Context"},
		{"workflow without error result", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow(func(workflow.Context, converter.EncodedValues) string { return "" }, workflow.DynamicRegisterOptions{})
		}, "must return error as its last result"},
		{"activity with a workflow.Context", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicActivity(func(workflow.Context, converter.EncodedValues) error { return nil }, activity.DynamicRegisterOptions{})
		}, "expected first argument to be context.Context"},
		{"second dynamic workflow", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
			env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
		}, "testsuite: dynamic workflow already registered"},
		{"second dynamic activity", func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicActivity(dynActivity, activity.DynamicRegisterOptions{})
			env.RegisterDynamicActivity(dynActivity, activity.DynamicRegisterOptions{})
		}, "testsuite: dynamic activity already registered"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
			defer func() {
				r := recover()
				require.NotNil(t, r)
				msg := fmt.Sprint(r)
				assert.True(t, strings.HasPrefix(msg, "testsuite: "), msg)
				assert.Contains(t, msg, c.want)
			}()
			c.reg(env)
		})
	}
}

func TestDynamicChildStartedListener(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterDynamicWorkflow(dynWorkflow, workflow.DynamicRegisterOptions{})
	var started []string
	env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, args converter.EncodedValues) {
		var a, b string
		require.NoError(t, args.Get(&a, &b))
		started = append(started, info.WorkflowType.Name+":"+a+b)
	})
	env.ExecuteWorkflow("child-Inner", "x", "y")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "child:Inner(x,y)", got)
	assert.Equal(t, []string{"Inner:xy"}, started)
}

// A TestActivityEnvironment runs its dynamic activity for a name nothing is
// registered under, with all the arguments and the name in the activity's
// info; a registered name still runs its own function.
func TestActivityEnvironmentDynamicActivity(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.RegisterActivityWithOptions(func(_ context.Context, s string) (string, error) { return "registered " + s, nil },
		activity.RegisterOptions{Name: "Known"})
	env.RegisterDynamicActivity(func(ctx context.Context, args converter.EncodedValues) (string, error) {
		var s string
		var n int
		if err := args.Get(&s, &n); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s(%s,%d)", activity.GetInfo(ctx).ActivityType.Name, s, n), nil
	}, activity.DynamicRegisterOptions{})

	tests := []struct {
		name string
		args []any
		want string
	}{
		{"Anything", []any{"x", 2}, "Anything(x,2)"},
		{"Known", []any{"y"}, "registered y"},
	}
	for _, tt := range tests {
		val, err := env.ExecuteActivity(tt.name, tt.args...)
		require.NoError(t, err, tt.name)
		var got string
		require.NoError(t, val.Get(&got))
		assert.Equal(t, tt.want, got, tt.name)
	}
	val, err := env.ExecuteLocalActivity("Local", "z", 3)
	require.NoError(t, err)
	var got string
	require.NoError(t, val.Get(&got))
	assert.Equal(t, "Local(z,3)", got)

	assert.PanicsWithValue(t, "testsuite: dynamic activity already registered", func() {
		env.RegisterDynamicActivity(func(context.Context, converter.EncodedValues) error { return nil }, activity.DynamicRegisterOptions{})
	})
}

// Without a dynamic activity, a name nothing is registered under fails as
// before.
func TestActivityEnvironmentUnknownActivityWithoutDynamic(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	_, err := env.ExecuteActivity("Nobody")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Nobody")
}
