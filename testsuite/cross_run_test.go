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
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Events one run's workflow task produces for another at one instant reach
// it after a workflow task already scheduled for it (cross_run.go), as on a
// Temporal server (1.31; the realsrv harness's child, quickabandon and
// sametask scenarios).

// quickChild completes in its first workflow task.
func quickChild(ctx workflow.Context, s string) (string, error) { return "child:" + s, nil }

// idTypes lists a history's events as "ID Type".
func idTypes(h *replay.History) []string {
	var out []string
	for _, line := range compEvents(h) {
		f := strings.Fields(line)
		out = append(out, f[0]+" "+f[2])
	}
	return out
}

func TestChildClosingAtOnceReachesItsParentAfterTheTaskThatSawItStart(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		var s string
		err := workflow.ExecuteChildWorkflow(ctx, "Quick", "x").Get(ctx, &s)
		return s, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.ExecuteWorkflow("Parent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "child:x", got)
	assert.Equal(t, []string{
		"1 WorkflowExecutionStarted",
		"2 WorkflowTaskScheduled",
		"3 WorkflowTaskStarted",
		"4 WorkflowTaskCompleted",
		"5 StartChildWorkflowExecutionInitiated",
		"6 ChildWorkflowExecutionStarted",
		"7 WorkflowTaskScheduled",
		"8 WorkflowTaskStarted",
		"9 WorkflowTaskCompleted",
		"10 ChildWorkflowExecutionCompleted",
		"11 WorkflowTaskScheduled",
		"12 WorkflowTaskStarted",
		"13 WorkflowTaskCompleted",
		"14 WorkflowExecutionCompleted",
	}, idTypes(env.History()))
	replaysNamed(t, env, parent)
}

// TestParentClosingBeforeItsQuickChildsClose: a parent that returns in the
// task that saw its child start closes before the child's close reaches
// it, which is dropped (five server runs out of five).
func TestParentClosingBeforeItsQuickChildsClose(t *testing.T) {
	t.Parallel()
	for _, policy := range []wfsim.ParentClosePolicy{wfsim.ParentClosePolicyAbandon, wfsim.ParentClosePolicyRequestCancel, wfsim.ParentClosePolicyTerminate} {
		t.Run(policy.String(), func(t *testing.T) {
			t.Parallel()
			parent := func(ctx workflow.Context) (string, error) {
				ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "quick", ParentClosePolicy: policy})
				err := workflow.ExecuteChildWorkflow(ctx, "Quick", "x").GetChildWorkflowExecution().Get(ctx, nil)
				return "started", err
			}
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
			env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
			env.ExecuteWorkflow("Parent")
			require.NoError(t, env.GetWorkflowError())
			assert.Equal(t, []string{
				"1 WorkflowExecutionStarted",
				"2 WorkflowTaskScheduled",
				"3 WorkflowTaskStarted",
				"4 WorkflowTaskCompleted",
				"5 StartChildWorkflowExecutionInitiated",
				"6 ChildWorkflowExecutionStarted",
				"7 WorkflowTaskScheduled",
				"8 WorkflowTaskStarted",
				"9 WorkflowTaskCompleted",
				"10 WorkflowExecutionCompleted",
			}, idTypes(env.History()))
			var s string
			require.NoError(t, env.GetWorkflowResultByID("quick", &s))
			assert.Equal(t, "child:x", s)
			replaysNamed(t, env, parent)
		})
	}
}

// TestCancelingAClosedWorkflowIsASuccess: the server takes a request to
// cancel a workflow that has closed as done and records nothing for it
// (history service RequestCancelWorkflowExecution; the realsrv sametask
// scenario); only a workflow it does not know fails the request.
func TestCancelingAClosedWorkflowIsASuccess(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "quick"})
		if err := workflow.ExecuteChildWorkflow(cctx, "Quick", "x").Get(ctx, nil); err != nil {
			return "", err
		}
		closed := workflow.RequestCancelExternalWorkflow(ctx, "quick", "").Get(ctx, nil)
		unknown := workflow.RequestCancelExternalWorkflow(ctx, "nobody", "").Get(ctx, nil)
		var notFound *wfsim.UnknownExternalWorkflowExecutionError
		if closed != nil || !assert.ErrorAs(t, unknown, &notFound) {
			return "", closed
		}
		return "ok", nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.ExecuteWorkflow("Parent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "ok", got)
	types := idTypes(env.History())
	assert.Contains(t, types, "15 ExternalWorkflowExecutionCancelRequested")
	assert.Contains(t, types, "20 RequestCancelExternalWorkflowExecutionFailed")
	child := env.Histories("quick")[0]
	assert.Equal(t, replay.EventTypeWorkflowExecutionCompleted, child.Events[len(child.Events)-1].EventType)
	replaysNamed(t, env, parent)
}

// replaysNamed replays every history of env with parent registered as
// "Parent" and quickChild as "Quick".
func replaysNamed(t *testing.T, env *testsuite.TestWorkflowEnvironment, parent any) {
	t.Helper()
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	rp.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
	for _, id := range env.WorkflowIDs() {
		for i, h := range env.Histories(id) {
			require.NoError(t, rp.ReplayWorkflowHistory(nil, h), "replaying run %d of %s:\n%s", i+1, id, h)
		}
	}
}

// lastTaskFirst is an explorer that runs the last of several ready
// workflow tasks first and keeps every other default.
type lastTaskFirst struct{}

func (lastTaskFirst) Choose(label string, n int) int {
	if label == "task order" {
		return n - 1
	}
	return 0
}
func (lastTaskFirst) Duration(string, time.Duration) time.Duration { return 0 }
func (lastTaskFirst) Chance(string, float64) bool                  { return false }

// TestParentClosePolicyRequestReachesAWaitingChildAfterItsTask: explored
// so that the parent's task runs before its child's first one, the parent
// returns, and its REQUEST_CANCEL close policy's request reaches the child
// after the child's waiting first task, which completed it: the request
// finds it closed. (The server never gave the child the request before its
// first task: in five runs it completed first four times, and once the
// request arrived while that task was under way.)
func TestParentClosePolicyRequestReachesAWaitingChildAfterItsTask(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "quick", ParentClosePolicy: wfsim.ParentClosePolicyRequestCancel})
		err := workflow.ExecuteChildWorkflow(ctx, "Quick", "x").GetChildWorkflowExecution().Get(ctx, nil)
		return "started", err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetExplorer(lastTaskFirst{})
	env.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	var canceled []string
	env.SetOnChildWorkflowCanceledListener(func(info *workflow.Info) { canceled = append(canceled, info.WorkflowExecution.ID) })
	env.ExecuteWorkflow("Parent")
	require.NoError(t, env.GetWorkflowError())
	var picks []string
	for _, c := range env.Choices() {
		if c.Kind == testsuite.ChoiceTaskOrder {
			picks = append(picks, c.WorkflowID)
		}
	}
	require.NotEmpty(t, picks)
	assert.NotEqual(t, "quick", picks[0], "the parent's task should run first")
	assert.Equal(t, []string{
		"1 WorkflowExecutionStarted",
		"2 WorkflowTaskScheduled",
		"3 WorkflowTaskStarted",
		"4 WorkflowTaskCompleted",
		"5 WorkflowExecutionCompleted",
	}, idTypes(env.Histories("quick")[0]))
	assert.Empty(t, canceled)
	replaysNamed(t, env, parent)
}

// sleepyChild completes 2s after it starts, in its second workflow task.
func sleepyChild(ctx workflow.Context) (string, error) {
	err := workflow.Sleep(ctx, 2*time.Second)
	return "child done", err
}

// A child's close that reaches its parent while the parent's workflow task
// is held open by a local activity waits for the task, as every event does
// then, and keeps the time it arrived (local_task.go), as on a server.
func TestChildCloseWhileTheParentsTaskIsHeldOpen(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		f := workflow.ExecuteChildWorkflow(ctx, "Sleepy")
		if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return "", err
		}
		var s, c string
		if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 5*time.Second).Get(ctx, &s); err != nil {
			return "", err
		}
		err := f.Get(ctx, &c)
		return s + ", " + c, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(sleepyChild, workflow.RegisterOptions{Name: "Sleepy"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.RegisterActivity(ltSleepFor)
	env.ExecuteWorkflow("Parent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "slept 5s, child done", got)
	assert.Equal(t, "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s StartChildWorkflowExecutionInitiated@0s "+
		"ChildWorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@5s MarkerRecorded@5s "+
		"ChildWorkflowExecutionCompleted@2s WorkflowTaskScheduled@5s WorkflowTaskStarted@5s WorkflowTaskCompleted@5s WorkflowExecutionCompleted@5s",
		ltTimeline(env.History()))
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
}

// A child start that fails (its ID taken) while the parent's task is held
// open by a local activity fails then, as the server's transfer does; its
// event waits for the task. The simulator used to evaluate the start again
// when the task completed, when the ID's holder had closed meanwhile, and
// start the child.
func TestChildStartFailingWhileTheParentsTaskIsHeldOpen(t *testing.T) {
	t.Parallel()
	parent := func(ctx workflow.Context) (string, error) {
		// The holder's child holds the ID "dup" from 0s to 2s.
		a := workflow.ExecuteChildWorkflow(ctx, "Holder")
		if err := a.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return "", err
		}
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "dup"})
		var s string
		if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, time.Second).Get(ctx, &s); err != nil {
			return "", err
		}
		b := workflow.ExecuteChildWorkflow(cctx, "Quick", "b") // at 1s, "dup" still running
		workflow.GetSignalChannel(ctx, "sig").Receive(ctx, nil)
		// This task runs before b's start is tried, and stays open 1s-4s.
		if err := workflow.ExecuteLocalActivity(ltCtx(ctx), ltSleepFor, 3*time.Second).Get(ctx, &s); err != nil {
			return "", err
		}
		err := b.GetChildWorkflowExecution().Get(ctx, nil)
		var already *wfsim.ChildWorkflowExecutionAlreadyStartedError
		return fmt.Sprintf("b already started: %v", errors.As(err, &already)), a.Get(ctx, nil)
	}
	holder := func(ctx workflow.Context) error {
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "dup"})
		return workflow.ExecuteChildWorkflow(cctx, "Sleepy").Get(ctx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflowWithOptions(holder, workflow.RegisterOptions{Name: "Holder"})
	env.RegisterWorkflowWithOptions(sleepyChild, workflow.RegisterOptions{Name: "Sleepy"})
	env.RegisterWorkflowWithOptions(quickChild, workflow.RegisterOptions{Name: "Quick"})
	env.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	env.RegisterActivity(ltSleepFor)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("sig", nil) }, 500*time.Millisecond)
	env.ExecuteWorkflow("Parent")
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "b already started: true", got)
	assert.Equal(t, "WorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@0s StartChildWorkflowExecutionInitiated@0s "+
		"ChildWorkflowExecutionStarted@0s WorkflowTaskScheduled@0s WorkflowTaskStarted@0s WorkflowTaskCompleted@1s MarkerRecorded@1s StartChildWorkflowExecutionInitiated@1s "+
		"WorkflowExecutionSignaled@500ms WorkflowTaskScheduled@1s WorkflowTaskStarted@1s WorkflowTaskCompleted@4s MarkerRecorded@4s "+
		"StartChildWorkflowExecutionFailed@1s ChildWorkflowExecutionCompleted@2s WorkflowTaskScheduled@4s WorkflowTaskStarted@4s WorkflowTaskCompleted@4s WorkflowExecutionCompleted@4s",
		ltTimeline(env.History()))
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflowWithOptions(parent, workflow.RegisterOptions{Name: "Parent"})
	require.NoError(t, rp.ReplayWorkflowHistory(nil, env.History()))
}
