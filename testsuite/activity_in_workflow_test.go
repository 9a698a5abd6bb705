package testsuite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/testsuite"
)

// whoStartedMe describes what its Info says started it.
func whoStartedMe(ctx context.Context) (string, error) {
	info := activity.GetInfo(ctx)
	wfType := "<nil>"
	if info.WorkflowType != nil {
		wfType = info.WorkflowType.Name
	}
	return fmt.Sprintf("workflow=%v type=%s run=%q inWorkflow=%v", info.WorkflowExecution, wfType, info.ActivityRunID,
		info.IsWorkflowActivity()), nil
}

func TestSetExecuteActivitiesInWorkflow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *bool
		want string
	}{
		{name: "default", want: `workflow={default-test-workflow-id default-test-run-id} type=0 run="" inWorkflow=true`},
		{name: "in a workflow", in: ptr(true), want: `workflow={default-test-workflow-id default-test-run-id} type=0 run="" inWorkflow=true`},
		{name: "standalone", in: ptr(false), want: `workflow={ } type=<nil> run="1" inWorkflow=false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestActivityEnvironment(t)
			if tt.in != nil {
				assert.Same(t, env, env.SetExecuteActivitiesInWorkflow(*tt.in))
			}
			env.RegisterActivity(whoStartedMe)
			v, err := env.ExecuteActivity(whoStartedMe)
			require.NoError(t, err)
			var got string
			require.NoError(t, v.Get(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}
