package testsuite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func fnFirstChild(ctx workflow.Context, s string) (string, error) { return s, nil }

// A mock whose first Return value is a function runs that function,
// whatever values follow it: Temporal's environment looks only at the
// first (skia-buildbot's pinpoint tests write
// OnWorkflow(name, …).Return(mockedRunner, nil)).
func TestMockReturnFunctionFirstIgnoresTheRest(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Echo)
	env.RegisterWorkflow(fnFirstChild)
	env.OnActivity(Echo, mock.Anything, mock.Anything).Return(func(_ context.Context, s string) (string, error) {
		return strings.ToUpper(s), nil
	}, nil)
	env.OnWorkflow(fnFirstChild, mock.Anything, mock.Anything).Return(func(_ workflow.Context, s string) (string, error) {
		return s + "!", nil
	}, nil)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var a, c string
		if err := workflow.ExecuteActivity(ctx, Echo, "act").Get(ctx, &a); err != nil {
			return "", err
		}
		if err := workflow.ExecuteChildWorkflow(ctx, fnFirstChild, "child").Get(ctx, &c); err != nil {
			return "", err
		}
		return a + " " + c, nil
	})
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "ACT child!", out)
}
