package workflow_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Code that logs or stores what Info says of the worker (zigflow's state
// does: info.BinaryChecksum) compiles and reads empty values, as in
// Temporal's test environment; GetBinaryChecksum does not fall back to a
// checksum of the test binary, so the result is the same on every build.
func TestInfoBinaryChecksumAndBuildIDAreEmpty(t *testing.T) {
	wf := func(ctx workflow.Context) ([]string, error) {
		i := workflow.GetInfo(ctx)
		return []string{i.BinaryChecksum, i.GetBinaryChecksum(), i.GetCurrentBuildID()}, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(wf, workflow.RegisterOptions{Name: "InfoWorker"})
	env.ExecuteWorkflow("InfoWorker")
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, []string{"", "", ""}, got)
}
