package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func reuseChild(ctx workflow.Context) error { return workflow.Sleep(ctx, time.Minute) }

// TestInfoOfAReplacedInstanceStaysPut checks that what GetInfo returned to
// the workflow code of an instance a worker restart replaced keeps saying
// what it said: as with Temporal's SDK, a *workflow.Info is the run's for
// good, and a test may keep it to look at after ExecuteWorkflow. The
// instances built after the restart (a child's here) must not take its
// memory.
func TestInfoOfAReplacedInstanceStaysPut(t *testing.T) {
	t.Parallel()
	var first *workflow.Info
	parent := func(ctx workflow.Context) error {
		if first == nil {
			first = workflow.GetInfo(ctx)
		}
		if err := workflow.Sleep(ctx, time.Hour); err != nil {
			return err
		}
		return workflow.ExecuteChildWorkflow(ctx, reuseChild).Get(ctx, nil)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "reuseParent"})
	env.RegisterWorkflow(reuseChild)
	env.SetExplorer(testsuite.SeedExplorer(1))
	env.SetFaults(testsuite.Faults{WorkerRestart: 1})
	env.ExecuteWorkflow("reuseParent")
	require.NoError(t, env.GetWorkflowError())
	require.NotNil(t, first)
	assert.Equal(t, "reuseParent", first.WorkflowType.Name)
	assert.Equal(t, "default-test-workflow-id", first.WorkflowExecution.ID)
}
