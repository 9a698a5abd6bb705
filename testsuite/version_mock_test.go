package testsuite_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The version a gated workflow ran with, so a test can see which branch
// GetVersion chose.
func gatedRefund(ctx workflow.Context) (string, error) {
	if workflow.GetVersion(ctx, "refund-by-card", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return "voucher", nil
	}
	return "card", nil
}

// An OnGetVersion mock whose Return is not a workflow.Version (a constant
// declared without the type, say) fails the run where GetVersion is called,
// with the PanicError of Temporal's environment, rather than being ignored
// and the run going on with the newest version.
func TestOnGetVersionWithAReturnOfAnotherTypeFailsTheRun(t *testing.T) {
	const refundVersion = 1 // untyped: Return receives an int
	cases := []struct {
		name   string
		ret    any
		reason string
	}{
		{"int", refundVersion, "mock of GetVersion has incorrect return type, expected workflow.Version, but actual is int (1)"},
		{"func of another type", func(string, int, int) int { return 1 },
			"mock of GetVersion has incorrect return function, expected func(string, workflow.Version, workflow.Version) workflow.Version, but actual is func(string, int, int) int"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s testsuite.WorkflowTestSuite
			env := s.NewTestWorkflowEnvironment()
			env.OnGetVersion("refund-by-card", workflow.DefaultVersion, 1).Return(tc.ret)
			env.ExecuteWorkflow(gatedRefund)

			require.True(t, env.IsWorkflowCompleted())
			err := env.GetWorkflowError()
			var panicErr *wfsim.PanicError
			require.True(t, errors.As(err, &panicErr), "got %v", err)
			assert.Equal(t, tc.reason, panicErr.Error())
		})
	}
}

// A well-typed mock still picks the branch, a value or a function.
func TestOnGetVersionWithAVersionPicksTheBranch(t *testing.T) {
	for name, ret := range map[string]any{
		"value": workflow.DefaultVersion,
		"func":  func(string, workflow.Version, workflow.Version) workflow.Version { return workflow.DefaultVersion },
	} {
		t.Run(name, func(t *testing.T) {
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.OnGetVersion("refund-by-card", workflow.DefaultVersion, 1).Return(ret)
			env.ExecuteWorkflow(gatedRefund)

			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "voucher", got)
		})
	}
}
