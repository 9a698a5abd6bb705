package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockActivityWait
func TestSDK2MockedActivityDelayRacesATimer(t *testing.T) {
	t.Parallel()
	race := func(ctx workflow.Context) error {
		timer := workflow.NewTimer(ctx, time.Hour)
		// Not the suite's options (HeartbeatTimeout 20s, StartToClose 1m):
		// a server, and wfsim, time out a mock that runs longer than that,
		// where Temporal's environment lets its delay run (see
		// TestSDK2MockedActivityDelaysAddUpInVirtualTime).
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 3 * time.Hour})
		f := workflow.ExecuteActivity(ctx, s2Hello, "mock_delay")
		workflow.NewSelector(ctx).
			AddFuture(timer, func(workflow.Future) {}).
			AddFuture(f, func(workflow.Future) {}).
			Select(ctx)
		if f.IsReady() {
			return nil
		}
		return s2Error("activity takes too long")
	}
	cases := []struct {
		name    string
		mock    bool
		after   time.Duration
		wantErr bool
	}{
		{name: "mock without delay", mock: true},
		{name: "mock faster than the timer", mock: true, after: 10 * time.Minute},
		{name: "mock slower than the timer", mock: true, after: 2 * time.Hour, wantErr: true},
		{name: "no mock"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterActivity(s2Hello)
			if tc.mock {
				env.OnActivity(s2Hello, mock.Anything, mock.Anything).After(tc.after).Return("hello_mock_delayed", nil).Once()
			}
			env.ExecuteWorkflow(race)
			require.True(t, env.IsWorkflowCompleted())
			if tc.wantErr {
				assert.Error(t, env.GetWorkflowError())
			} else {
				assert.NoError(t, env.GetWorkflowError())
			}
			env.AssertExpectations(t)
		})
	}
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockActivityWaitFn
func TestSDK2MockedActivityDelaysAddUpInVirtualTime(t *testing.T) {
	t.Parallel()
	// Temporal's test uses the suite's options (HeartbeatTimeout 20s,
	// StartToClose 1m), which its environment does not enforce on a mock's
	// delay. A server does: an attempt that has not heartbeated for 20s
	// times out, and one still running at its StartToClose deadline times
	// out. wfsim does what the server does (the last subtest shows it), so
	// these give the mocks room.
	roomy := workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Minute}
	twoSteps := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, roomy)
		var first, second string
		_ = workflow.ExecuteActivity(ctx, s2Hello, "mock_delay_1").Get(ctx, &first)
		_ = workflow.ExecuteActivity(ctx, s2Hello, "mock_delay_2").Get(ctx, &second)
		return []string{first, second}, nil
	}
	check := func(t *testing.T, env *testsuite.TestWorkflowEnvironment, want []string) {
		t.Helper()
		before := env.Now()
		env.ExecuteWorkflow(twoSteps)
		assert.Equal(t, 61*time.Second, env.Now().Sub(before).Round(time.Second))
		require.True(t, env.IsWorkflowCompleted())
		require.NoError(t, env.GetWorkflowError())
		env.AssertExpectations(t)
		var got []string
		require.NoError(t, env.GetWorkflowResult(&got))
		assert.Equal(t, want, got)
	}

	t.Run("a fixed delay per call", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivity(s2Hello)
		env.OnActivity(s2Hello, mock.Anything, "mock_delay_1").After(time.Second).Return("one", nil).Once()
		env.OnActivity(s2Hello, mock.Anything, "mock_delay_2").After(time.Minute).Return("two", nil).Once()
		check(t, env, []string{"one", "two"})
	})
	t.Run("delays and results computed per call", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivity(s2Hello)
		delays := []time.Duration{time.Second, time.Minute}
		results := []string{"first", "second"}
		var delayCalls, resultCalls int
		env.OnActivity(s2Hello, mock.Anything, mock.Anything).
			AfterFn(func() time.Duration {
				defer func() { delayCalls++ }()
				return delays[delayCalls]
			}).
			Return(func(context.Context, string) (string, error) {
				defer func() { resultCalls++ }()
				return results[resultCalls], nil
			}).Twice()
		check(t, env, results)
	})
	t.Run("the suite's options: the heartbeat timeout ends a long mock", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.RegisterActivity(s2Hello)
		env.OnActivity(s2Hello, mock.Anything, mock.Anything).After(time.Minute).Return("late", nil).Once()
		before := env.Now()
		env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
			opts := s2ActivityOptions
			opts.RetryPolicy = &wfsim.RetryPolicy{MaximumAttempts: 1}
			ctx = workflow.WithActivityOptions(ctx, opts)
			var out string
			err := workflow.ExecuteActivity(ctx, s2Hello, "mock_delay").Get(ctx, &out)
			return out, err
		})
		var timeout *wfsim.TimeoutError
		require.ErrorAs(t, env.GetWorkflowError(), &timeout)
		assert.Equal(t, wfsim.TimeoutTypeHeartbeat, timeout.TimeoutType())
		assert.Equal(t, 20*time.Second, env.Now().Sub(before))
	})
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_MockPanic
// Temporal: internal/internal_workflow_testsuite_test.go Test_MockPanicThoughRun
func TestSDK2PanickingMockFailsTheWorkflowWithPanicError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		set  func(c *testsuite.MockCallWrapper)
	}{
		{name: "Panic", set: func(c *testsuite.MockCallWrapper) { c.Panic("mock-panic") }},
		{name: "Run panics", set: func(c *testsuite.MockCallWrapper) {
			c.Return("hello_mock_panic", nil).Run(func(mock.Arguments) { panic("mock-panic") })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// A panic is not an unexpected call: it must reach the workflow
			// as the activity's failure, not be reported as a mock misuse.
			var s testsuite.WorkflowTestSuite
			s.SetLogger(nil)
			env := s.NewTestWorkflowEnvironment()
			tc.set(env.OnActivity(s2Hello, mock.Anything, mock.Anything))
			env.RegisterWorkflow(s2HelloWorkflow)
			env.RegisterActivity(s2Hello)
			env.ExecuteWorkflow(s2HelloWorkflow)
			require.True(t, env.IsWorkflowCompleted())
			var panicErr *wfsim.PanicError
			require.ErrorAs(t, env.GetWorkflowError(), &panicErr)
			assert.Equal(t, "mock-panic", panicErr.Error())
			env.AssertExpectations(t)
		})
	}
}
