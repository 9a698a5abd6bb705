package testsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// callTwice runs the activity twice with "x" and reports both outcomes and
// their instants, swallowing errors.
func callTwice(ctx workflow.Context, activityName string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Hour, RetryPolicy: noRetry})
	var parts []string
	for range 2 {
		var out string
		err := workflow.ExecuteActivity(ctx, activityName, "x").Get(ctx, &out)
		at := workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime)
		var pe *wfsim.PanicError
		switch {
		case errors.As(err, &pe) && strings.HasPrefix(fmt.Sprint(pe.Value()), `mocked activity "`):
			// A mock's misuse fails the attempt as a panic whose text
			// (the *MockMisuseError's) the tests check in the report.
			parts = append(parts, fmt.Sprintf("%v panic(misuse)", at))
		case errors.As(err, &pe):
			parts = append(parts, fmt.Sprintf("%v panic(%v)", at, pe.Value()))
		case err != nil:
			var ae *wfsim.ApplicationError
			if !errors.As(err, &ae) {
				return "", err
			}
			parts = append(parts, fmt.Sprintf("%v error(%s)", at, ae.Type()))
		default:
			parts = append(parts, fmt.Sprintf("%v %s", at, out))
		}
	}
	return strings.Join(parts, ", "), nil
}

func TestMocks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		mock     func(env *testsuite.TestWorkflowEnvironment)
		want     string
		reported string // what the bound test is told; "" for nothing
	}{
		{
			name: "Return values",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("mocked", nil)
			},
			want: "0s mocked, 0s mocked",
		},
		{
			name: "Return a function called with the real arguments",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, mock.Anything).Return(func(ctx context.Context, s string) (string, error) {
					return "fn(" + s + ")", nil
				})
			},
			want: "0s fn(x), 0s fn(x)",
		},
		{
			name: "Once, then the next expectation",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("first", nil).Once()
				env.OnActivity(Echo, mock.Anything, "x").Return("second", nil).Once()
			},
			want: "0s first, 0s second",
		},
		{
			name: "After and AfterFn take virtual time",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("a", nil).After(time.Minute).Once()
				n := 0
				env.OnActivity(Echo, mock.Anything, "x").Return("b", nil).AfterFn(func() time.Duration { n++; return time.Duration(n) * 30 * time.Minute }).Once()
			},
			want: "1m0s a, 31m0s b",
		},
		{
			name: "Panic fails the attempt with a PanicError",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Panic("kaboom")
			},
			want: "0s panic(kaboom), 0s panic(kaboom)",
		},
		{
			name: "mocked by registered name",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity("Echo", mock.Anything, "x").Return("by name", nil)
			},
			want: "0s by name, 0s by name",
		},
		{
			name: "a call beyond Times fails the test although the workflow swallows the error",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("once", nil).Once()
			},
			want:     "0s once, 0s panic(misuse)",
			reported: `mocked activity "Echo": assert: mock: The method has been called over 1 times.`,
		},
		{
			name: "Never",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("no", nil).Never()
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": called, but its mock says Never()`,
		},
		{
			name: "arguments no expectation matches",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "y").Return("y", nil).Maybe()
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": mock: Unexpected Method Call`,
		},
		{
			name: "a Return value of the wrong type names the activity, the position and both types",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return(42, nil)
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": Return value 1 has type int, but the activity returns string there`,
		},
		{
			name: "too few Return values",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("x")
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": Return was given 1 values, but the activity returns 2`,
		},
		{
			name: "nil for a result that cannot be nil",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return(nil, nil)
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": Return value 1 is nil, but the activity returns string there`,
		},
		{
			name: "a Return function of another signature",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return(func(ctx context.Context, n int) (string, error) { return "", nil })
			},
			want:     "0s panic(misuse), 0s panic(misuse)",
			reported: `mocked activity "Echo": Return was given a function of type func(context.Context, int) (string, error), but the activity is func(context.Context, string) (string, error)`,
		},
		{
			name: "an expectation never met is reported when the test ends",
			mock: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnActivity(Echo, mock.Anything, "x").Return("x", nil)
				env.OnActivity(Echo, mock.Anything, "never").Return("x", nil).Once()
			},
			want:     "0s x, 0s x",
			reported: "FAIL: 1 out of 2 expectation(s) were met.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var tb fakeTB
			env := testsuite.NewTestWorkflowEnvironment(&tb)
			env.RegisterActivity(Echo)
			tt.mock(env)
			env.ExecuteWorkflow(callTwice, "Echo")
			var out string
			require.NoError(t, env.GetWorkflowResult(&out))
			require.Equal(t, tt.want, out)
			tb.finish()
			if tt.reported == "" {
				require.Empty(t, tb.report())
			} else {
				require.Contains(t, tb.report(), tt.reported)
			}
		})
	}
}

// Run sees the call's arguments (the context first, for a function that
// takes one), and the assertions count calls.
func TestMockRunAndAssertions(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(Echo)
	var args []string
	env.OnActivity(Echo, mock.Anything, mock.Anything).Run(func(a mock.Arguments) {
		_, isCtx := a.Get(0).(context.Context)
		args = append(args, fmt.Sprint(isCtx, " ", a.String(1)))
	}).Return("ok", nil)
	env.ExecuteWorkflow(callTwice, "Echo")
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []string{"true x", "true x"}, args)
	env.AssertExpectations(t)
	env.AssertActivityNumberOfCalls(t, "Echo", 2)
	env.AssertActivityCalled(t, "Echo", mock.Anything, "x")
	env.AssertActivityNotCalled(t, "Echo", mock.Anything, "y")
}
