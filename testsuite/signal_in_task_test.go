package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// ApprovalChild sends its request (an activity) and waits for a decision.
func ApprovalChild(ctx workflow.Context, who string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteActivity(ctx, Echo, who).Get(ctx, nil); err != nil {
		return "", err
	}
	var decision string
	workflow.GetSignalChannel(ctx, "decision").Receive(ctx, &decision)
	return who + ": " + decision, nil
}

func ApprovalParent(ctx workflow.Context) (string, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "approval"})
	var out string
	err := workflow.ExecuteChildWorkflow(ctx, ApprovalChild, "ann").Get(ctx, &out)
	return out, err
}

// TestSignalFromInsideATask: a signal the test sends while a run's workflow
// task is under way — from a child-started listener, which runs in the
// child's first task — is buffered until the task's commands are recorded,
// as the server buffers it, so the IDs the child predicted for its commands
// hold (temporalio/background-checks signals its Accept child this way).
func TestSignalFromInsideATask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  func() *testsuite.TestWorkflowEnvironment
	}{
		{"suite environment", unbound},
		{"bound to the test", func() *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := tt.env()
			env.RegisterWorkflow(ApprovalChild)
			env.RegisterActivity(Echo)
			env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, _ converter.EncodedValues) {
				require.NoError(t, env.SignalWorkflowByID(info.WorkflowExecution.ID, "decision", "approved"))
			})
			env.ExecuteWorkflow(ApprovalParent)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, "ann: approved", got)
			hs := env.Histories("approval")
			require.Len(t, hs, 1)
			var types []replay.EventType
			for _, ev := range hs[0].Events[:7] {
				types = append(types, ev.EventType)
			}
			assert.Equal(t, []replay.EventType{
				replay.EventTypeWorkflowExecutionStarted,
				replay.EventTypeWorkflowTaskScheduled,
				replay.EventTypeWorkflowTaskStarted,
				replay.EventTypeWorkflowTaskCompleted,
				replay.EventTypeActivityTaskScheduled,
				replay.EventTypeWorkflowExecutionSignaled,
				replay.EventTypeWorkflowTaskScheduled,
			}, types)
		})
	}
}
