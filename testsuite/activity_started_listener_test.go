package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// CallsByName runs the activity named in its input, up to two attempts.
func CallsByName(ctx workflow.Context, name string) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{MaximumAttempts: 2, InitialInterval: time.Second},
	})
	return workflow.ExecuteActivity(ctx, name).Get(ctx, nil)
}

func Known(context.Context) error { return nil }

// The started listener hears only of attempts the worker has code for, as
// Temporal's: an unregistered activity type fails before it would be called
// (a test that cancels the workflow from the listener must not see it).
func TestActivityStartedListenerSkipsUnknownTypes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		activity string
		setup    func(*testsuite.TestWorkflowEnvironment)
		started  []string
		errText  string
	}{
		{name: "registered", activity: "Known", started: []string{"Known"}},
		{name: "unregistered", activity: "Missing", errText: "unable to find activityType=Missing"},
		{name: "mocked", activity: "Known", setup: func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity("Known", mock.Anything).Return(errors.New("mocked")).Once()
			env.OnActivity("Known", mock.Anything).Return(nil)
		}, started: []string{"Known", "Known"}},
		{name: "dynamic", activity: "Missing", setup: func(env *testsuite.TestWorkflowEnvironment) {
			env.RegisterDynamicActivity(func(context.Context, converter.EncodedValues) error { return nil },
				activity.DynamicRegisterOptions{})
		}, started: []string{"Missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.RegisterActivity(Known)
			if tc.setup != nil {
				tc.setup(env)
			}
			var started []string
			env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
				started = append(started, info.ActivityType.Name)
			})
			env.ExecuteWorkflow(CallsByName, tc.activity)
			require.True(t, env.IsWorkflowCompleted())
			if tc.errText == "" {
				require.NoError(t, env.GetWorkflowError())
			} else {
				require.ErrorContains(t, env.GetWorkflowError(), tc.errText)
			}
			assert.Equal(t, tc.started, started)
		})
	}
}
