package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func Greet(ctx context.Context, name string) (string, error) { return "Hello " + name, nil }

func GreetingWorkflow(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return "", err
	}
	var out string
	err := workflow.ExecuteActivity(ctx, Greet, name).Get(ctx, &out)
	return out, err
}

func TestSmoke(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Greet)
	env.ExecuteWorkflow(GreetingWorkflow, "wfsim")
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "Hello wfsim", out)
	t.Log(env.History().String())
}

func TestSmokeMock(t *testing.T) {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Greet)
	env.OnActivity(Greet, mock.Anything, "x").Return("mocked", nil).After(time.Hour)
	env.ExecuteWorkflow(GreetingWorkflow, "x")
	require.Error(t, env.GetWorkflowError())
	t.Log(env.GetWorkflowError())
	t.Log(env.History().String())
}
