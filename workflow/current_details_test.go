package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/workflow"
)

func TestCurrentDetails(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		out := []string{workflow.GetCurrentDetails(ctx)}
		workflow.SetCurrentDetails(ctx, "waiting for **approval**")
		if err := workflow.SetQueryHandler(ctx, "details", func() (string, error) {
			return workflow.GetCurrentDetails(ctx), nil
		}); err != nil {
			return nil, err
		}
		_ = workflow.Sleep(ctx, time.Minute)
		out = append(out, workflow.GetCurrentDetails(ctx))
		workflow.SetCurrentDetails(ctx, "done")
		return append(out, workflow.GetCurrentDetails(ctx)), nil
	}
	env := execute(t, wf)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"", "waiting for **approval**", "done"}, got)
	v, err := env.QueryWorkflow("details")
	require.NoError(t, err)
	var details string
	require.NoError(t, v.Get(&details))
	assert.Equal(t, "done", details)
}
