//lint:file-ignore SA1019 these tests mock the deprecated untyped search attribute upsert, as Temporal tests do
package testsuite_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The upsert mocks see each call with the workflow's own arguments, and,
// as in Temporal, what they Return does not change the call's outcome.
func TestUpsertMocksRecordCallsOnly(t *testing.T) {
	t.Parallel()
	key := wfsim.NewSearchAttributeKeyKeyword("Customer")
	cases := []struct {
		name string
		mock func(env *testsuite.TestWorkflowEnvironment) *testsuite.MockCallWrapper
		call func(ctx workflow.Context) error
	}{
		{
			name: "untyped, values as passed (an int stays an int)",
			mock: func(env *testsuite.TestWorkflowEnvironment) *testsuite.MockCallWrapper {
				return env.OnUpsertSearchAttributes(map[string]any{"CustomIntField": 7})
			},
			call: func(ctx workflow.Context) error {
				return workflow.UpsertSearchAttributes(ctx, map[string]any{"CustomIntField": 7})
			},
		},
		{
			name: "typed",
			mock: func(env *testsuite.TestWorkflowEnvironment) *testsuite.MockCallWrapper {
				return env.OnUpsertTypedSearchAttributes(wfsim.NewSearchAttributes(key.ValueSet("bob")))
			},
			call: func(ctx workflow.Context) error {
				return workflow.UpsertTypedSearchAttributes(ctx, key.ValueSet("bob"))
			},
		},
		{
			name: "memo, a removal as a nil value",
			mock: func(env *testsuite.TestWorkflowEnvironment) *testsuite.MockCallWrapper {
				return env.OnUpsertMemo(map[string]any{"gone": nil})
			},
			call: func(ctx workflow.Context) error {
				return workflow.UpsertMemo(ctx, map[string]any{"gone": nil})
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			tc.mock(env).Return(errors.New("ignored")).Once()
			env.ExecuteWorkflow(func(ctx workflow.Context) error { return tc.call(ctx) })
			require.True(t, env.IsWorkflowCompleted())
			assert.NoError(t, env.GetWorkflowError())
			env.AssertExpectations(t)
		})
	}
	t.Run("the untyped reserved key is refused before the mock", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.OnUpsertSearchAttributes(mock.Anything).Never()
		var err error
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			err = workflow.UpsertSearchAttributes(ctx, map[string]any{workflow.TemporalChangeVersion: "x"})
			return nil
		})
		require.NoError(t, env.GetWorkflowError())
		assert.Error(t, err)
	})
}
