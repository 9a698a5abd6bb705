package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
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

// TestSignalFromInsideATask: a signal or cancellation the test sends while
// a run's workflow task is under way — from a child-started listener, which
// runs in the child's first task — is buffered until the task's commands
// are recorded, as the server buffers it, so the IDs the child predicted
// for its commands hold (temporalio/background-checks signals its Accept
// child this way).
func TestSignalFromInsideATask(t *testing.T) {
	t.Parallel()
	envs := []struct {
		name string
		env  func(t *testing.T) *testsuite.TestWorkflowEnvironment
	}{
		{"suite environment", func(*testing.T) *testsuite.TestWorkflowEnvironment { return unbound() }},
		{"bound to the test", func(t *testing.T) *testsuite.TestWorkflowEnvironment { return testsuite.NewTestWorkflowEnvironment(t) }},
	}
	sends := []struct {
		name string
		send func(env *testsuite.TestWorkflowEnvironment, id string) error
		// events are the buffered events, recorded after the task's
		// commands' and before the one task they call for.
		events []replay.EventType
		check  func(t *testing.T, got string, err error)
	}{
		{"signal", func(env *testsuite.TestWorkflowEnvironment, id string) error {
			return env.SignalWorkflowByID(id, "decision", "approved")
		}, []replay.EventType{replay.EventTypeWorkflowExecutionSignaled}, func(t *testing.T, got string, err error) {
			require.NoError(t, err)
			assert.Equal(t, "ann: approved", got)
		}},
		{"two signals", func(env *testsuite.TestWorkflowEnvironment, id string) error {
			if err := env.SignalWorkflowByID(id, "decision", "approved"); err != nil {
				return err
			}
			return env.SignalWorkflowByID(id, "decision", "revoked")
		}, []replay.EventType{replay.EventTypeWorkflowExecutionSignaled, replay.EventTypeWorkflowExecutionSignaled}, func(t *testing.T, got string, err error) {
			require.NoError(t, err)
			assert.Equal(t, "ann: approved", got)
		}},
		{"cancellation", func(env *testsuite.TestWorkflowEnvironment, id string) error {
			return env.CancelWorkflowByID(id, "")
		}, []replay.EventType{replay.EventTypeWorkflowExecutionCancelRequested}, func(t *testing.T, _ string, err error) {
			var canceled *wfsim.CanceledError
			assert.ErrorAs(t, err, &canceled)
		}},
	}
	for _, te := range envs {
		for _, ts := range sends {
			t.Run(te.name+"/"+ts.name, func(t *testing.T) {
				t.Parallel()
				env := te.env(t)
				env.RegisterWorkflow(ApprovalChild)
				env.RegisterActivity(Echo)
				env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, _ converter.EncodedValues) {
					require.NoError(t, ts.send(env, info.WorkflowExecution.ID))
				})
				env.ExecuteWorkflow(ApprovalParent)
				var got string
				err := env.GetWorkflowError()
				if err == nil {
					require.NoError(t, env.GetWorkflowResult(&got))
				}
				ts.check(t, got, err)
				hs := env.Histories("approval")
				require.Len(t, hs, 1)
				want := []replay.EventType{
					replay.EventTypeWorkflowExecutionStarted,
					replay.EventTypeWorkflowTaskScheduled,
					replay.EventTypeWorkflowTaskStarted,
					replay.EventTypeWorkflowTaskCompleted,
					replay.EventTypeActivityTaskScheduled,
				}
				want = append(append(want, ts.events...), replay.EventTypeWorkflowTaskScheduled)
				var types []replay.EventType
				for _, ev := range hs[0].Events[:len(want)] {
					types = append(types, ev.EventType)
				}
				assert.Equal(t, want, types)
			})
		}
	}
}
