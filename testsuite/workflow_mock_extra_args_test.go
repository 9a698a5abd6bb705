package testsuite_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A child started by name with more arguments than its registered function
// takes runs with the extra ones dropped, as a Temporal worker decodes a
// workflow's input, whether it runs for real or is mocked: Temporal's
// environment decodes a mocked child's input by the registered function
// too, so its mock sees the arguments the function takes. Before, a mocked
// child failed with an ArgumentError and its mock was never consulted
// (found porting formancehq/payments, whose webhook workflow passes a
// child one argument too many).
func TestMockedChildStartedWithExtraArgumentsDropsThem(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context, in string) (string, error) { return "real:" + in, nil }
	parent := func(ctx workflow.Context) (string, error) {
		var out string
		err := workflow.ExecuteChildWorkflow(ctx, "Child", "a", 7).Get(ctx, &out)
		return out, err
	}
	tests := []struct {
		name string
		mock func(env *testsuite.TestWorkflowEnvironment, seen *[]string)
		want string
	}{
		{name: "not mocked", want: "real:a"},
		{
			name: "mocked with values",
			mock: func(env *testsuite.TestWorkflowEnvironment, seen *[]string) {
				env.OnWorkflow("Child", mock.Anything, mock.Anything).Once().
					Run(func(args mock.Arguments) { *seen = append(*seen, args.String(1)) }).
					Return("mocked", nil)
			},
			want: "mocked",
		},
		{
			name: "mocked with a function",
			mock: func(env *testsuite.TestWorkflowEnvironment, seen *[]string) {
				env.OnWorkflow("Child", mock.Anything, mock.Anything).Once().
					Return(func(ctx workflow.Context, in string) (string, error) {
						*seen = append(*seen, in)
						return "mocked:" + in, nil
					})
			},
			want: "mocked:a",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "Child"})
			env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
			var seen []string
			if tt.mock != nil {
				tt.mock(env, &seen)
			}
			env.ExecuteWorkflow("Parent")
			require.NoError(t, env.GetWorkflowError())
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			if tt.mock != nil {
				assert.Equal(t, []string{"a"}, seen, "the mock sees the argument the function takes")
			}
		})
	}
}
