package testsuite_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Cancelling child workflows: a parent that cancels its child, parent
// close policies, and a canceled parent whose child follows.

func CancelingParent(ctx workflow.Context) (string, error) {
	cctx, cancel := workflow.WithCancel(ctx)
	f := workflow.ExecuteChildWorkflow(cctx, SleepyChild, "x")
	if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
		return "", err
	}
	_ = workflow.Sleep(ctx, time.Minute)
	cancel()
	err := f.Get(ctx, nil)
	var canceled *wfsim.CanceledError
	return fmt.Sprintf("%v canceled=%v", workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime), errors.As(err, &canceled)), nil
}

func TestChildWorkflowCancellation(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(SleepyChild)
	var canceled []string
	env.SetOnChildWorkflowCanceledListener(func(info *workflow.Info) {
		canceled = append(canceled, info.WorkflowExecution.ID)
	})
	env.ExecuteWorkflow(CancelingParent)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "1m0s canceled=true", got)
	assert.Equal(t, []string{"default-test-run-id_5"}, canceled)
	assert.Equal(t, []string{
		"1 0s WorkflowExecutionStarted",
		"2 0s WorkflowTaskScheduled",
		"3 0s WorkflowTaskStarted",
		"4 0s WorkflowTaskCompleted",
		"5 0s StartChildWorkflowExecutionInitiated SleepyChild default-test-run-id_5",
		"6 0s ChildWorkflowExecutionStarted run-2",
		"7 0s WorkflowTaskScheduled",
		"8 0s WorkflowTaskStarted",
		"9 0s WorkflowTaskCompleted",
		"10 0s TimerStarted 10",
		"11 1m0s TimerFired",
		"12 1m0s WorkflowTaskScheduled",
		"13 1m0s WorkflowTaskStarted",
		"14 1m0s WorkflowTaskCompleted",
		"15 1m0s RequestCancelExternalWorkflowExecutionInitiated",
		"16 1m0s ExternalWorkflowExecutionCancelRequested",
		"17 1m0s WorkflowTaskScheduled",
		// The parent's task, scheduled by the acknowledgement, starts
		// before the child's cancellation (its own task's outcome) reaches
		// the parent: it comes after that task, in the next, as on a
		// Temporal server (cross_run.go).
		"18 1m0s WorkflowTaskStarted",
		"19 1m0s WorkflowTaskCompleted",
		"20 1m0s ChildWorkflowExecutionCanceled",
		"21 1m0s WorkflowTaskScheduled",
		"22 1m0s WorkflowTaskStarted",
		"23 1m0s WorkflowTaskCompleted",
		"24 1m0s WorkflowExecutionCompleted",
	}, compEvents(env.History()))
	replays(t, env, CancelingParent, SleepyChild)
}

// Abandoner starts a child with the given parent close policy and
// returns at once.
func Abandoner(ctx workflow.Context, policy wfsim.ParentClosePolicy) error {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "child", ParentClosePolicy: policy})
	f := workflow.ExecuteChildWorkflow(ctx, SleepyChild, "x")
	return f.GetChildWorkflowExecution().Get(ctx, nil)
}

func TestParentClosePolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		policy wfsim.ParentClosePolicy
		last   string
	}{
		{"default terminates", wfsim.ParentClosePolicyUnspecified, "0s WorkflowExecutionTerminated by parent close policy"},
		{"terminate", wfsim.ParentClosePolicyTerminate, "0s WorkflowExecutionTerminated by parent close policy"},
		{"abandon", wfsim.ParentClosePolicyAbandon, "1h0m0s WorkflowExecutionCompleted"},
		{"request cancel", wfsim.ParentClosePolicyRequestCancel, "0s WorkflowExecutionCanceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflow(SleepyChild)
			env.ExecuteWorkflow(Abandoner, tt.policy)
			require.NoError(t, env.GetWorkflowError())
			child := compEvents(env.Histories("child")[0])
			last := child[len(child)-1]
			assert.Equal(t, tt.last, last[strings.Index(last, " ")+1:])
		})
	}
}

// TestCancelingTheParentCancelsItsChild: the parent's root Context is
// canceled, so is its child's; the parent waits for the child to accept
// the cancellation, then returns it.
func TestCancelingTheParentCancelsItsChild(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(SleepyChild)
	parent := func(ctx workflow.Context) error {
		err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "kid"}), SleepyChild, "x").Get(ctx, nil)
		var canceled *wfsim.CanceledError
		if !errors.As(err, &canceled) {
			return fmt.Errorf("want the child's cancellation, got %v", err)
		}
		return ctx.Err()
	}
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Minute)
	env.ExecuteWorkflow("Parent")
	var canceled *wfsim.CanceledError
	require.ErrorAs(t, env.GetWorkflowError(), &canceled)
	kid := compEvents(env.Histories("kid")[0])
	assert.Equal(t, "1m0s WorkflowExecutionCanceled", kid[len(kid)-1][strings.Index(kid[len(kid)-1], " ")+1:])
	parentEvents := compEvents(env.History())
	assert.Equal(t, "1m0s WorkflowExecutionCanceled", parentEvents[len(parentEvents)-1][strings.Index(parentEvents[len(parentEvents)-1], " ")+1:])
}
