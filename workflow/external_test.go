package workflow_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// Waiter waits for the signal "go" and returns its value, or its
// cancellation.
func Waiter(ctx workflow.Context) (string, error) {
	var v string
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(workflow.GetSignalChannel(ctx, "go"), func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &v) })
	sel.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {})
	sel.Select(ctx)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%v got %s", elapsed(ctx), v), nil
}

// SignalingParent starts two waiters: it signals the first as its child,
// the second through SignalExternalWorkflow.
func SignalingParent(ctx workflow.Context) ([]string, error) {
	c1 := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "w1"}), Waiter)
	c2 := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "w2"}), Waiter)
	_ = workflow.Sleep(ctx, time.Minute)
	if err := c1.SignalChildWorkflow(ctx, "go", "one").Get(ctx, nil); err != nil {
		return nil, err
	}
	if err := workflow.SignalExternalWorkflow(ctx, "w2", "", "go", "two").Get(ctx, nil); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range []workflow.ChildWorkflowFuture{c1, c2} {
		var s string
		if err := c.Get(ctx, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func TestSignalChildAndExternalWorkflows(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Waiter)
	env.ExecuteWorkflow(SignalingParent)
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"1m0s got one", "1m0s got two"}, got)
	var initiated []string
	for _, ev := range env.History().Events {
		if a := ev.GetSignalExternalWorkflowExecutionInitiatedEventAttributes(); a != nil {
			initiated = append(initiated, fmt.Sprintf("%d %s control=%s childOnly=%v", ev.EventID, a.WorkflowExecution.WorkflowID, a.Control, a.ChildWorkflowOnly))
		}
	}
	// w1's close (its task's outcome) reaches the parent after the task
	// that its signal's acknowledgement scheduled, not in it: that task
	// sends the second signal (testsuite/cross_run.go).
	assert.Equal(t, []string{"17 w1 control=17 childOnly=true", "22 w2 control=22 childOnly=false"}, initiated)
	w1 := env.Histories("w1")[0]
	var from *replay.WorkflowExecution
	for _, ev := range w1.Events {
		if s := ev.GetWorkflowExecutionSignaledEventAttributes(); s != nil {
			from = s.ExternalWorkflowExecution
		}
	}
	require.NotNil(t, from)
	assert.Equal(t, "default-test-workflow-id", from.WorkflowID)
	rp := replay.NewWorkflowReplayer()
	rp.RegisterWorkflow(SignalingParent)
	rp.RegisterWorkflow(Waiter)
	for _, id := range env.WorkflowIDs() {
		require.NoError(t, rp.ReplayWorkflowHistory(nil, env.Histories(id)[0]), id)
	}
}

// ExternalCaller signals (or cancels) a workflow by ID and reports how it
// went.
func ExternalCaller(ctx workflow.Context, cancel bool, id string) (string, error) {
	var err error
	if cancel {
		err = workflow.RequestCancelExternalWorkflow(ctx, id, "").Get(ctx, nil)
	} else {
		err = workflow.SignalExternalWorkflow(ctx, id, "", "go", "x").Get(ctx, nil)
	}
	var unknown *wfsim.UnknownExternalWorkflowExecutionError
	switch {
	case err == nil:
		return fmt.Sprintf("%v delivered", elapsed(ctx)), nil
	case errors.As(err, &unknown):
		return fmt.Sprintf("%v unknown", elapsed(ctx)), nil
	}
	return fmt.Sprintf("%v %v", elapsed(ctx), err), nil
}

func TestExternalRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		cancel bool
		id     string
		setup  func(env *testsuite.TestWorkflowEnvironment)
		want   string
		last   string // the sender's event that answered the request
	}{
		{name: "signal to nobody", id: "nobody", want: "0s unknown", last: "SignalExternalWorkflowExecutionFailed"},
		{name: "cancel of nobody", cancel: true, id: "nobody", want: "0s unknown", last: "RequestCancelExternalWorkflowExecutionFailed"},
		{name: "no workflow ID", id: "", want: "0s workflowId is not set"},
		{name: "signal mocked", id: "elsewhere", want: "0s delivered", last: "ExternalWorkflowExecutionSignaled",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnSignalExternalWorkflow("default", "elsewhere", "", "go", "x").Return(nil).Once()
			}},
		{name: "signal mocked to fail, later", id: "elsewhere", want: "5s unknown", last: "SignalExternalWorkflowExecutionFailed",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).
					Return(errors.New("no such workflow")).After(5 * time.Second)
			}},
		{name: "signal mocked with a function", id: "elsewhere", want: "0s delivered", last: "ExternalWorkflowExecutionSignaled",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).
					Return(func(namespace, workflowID, runID, signalName string, arg any) error { return nil })
			}},
		{name: "cancel mocked", cancel: true, id: "elsewhere", want: "0s delivered", last: "ExternalWorkflowExecutionCancelRequested",
			setup: func(env *testsuite.TestWorkflowEnvironment) {
				env.OnRequestCancelExternalWorkflow("default", "elsewhere", "").Return(nil)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			if tt.setup != nil {
				tt.setup(env)
			}
			env.ExecuteWorkflow(ExternalCaller, tt.cancel, tt.id)
			var got string
			require.NoError(t, env.GetWorkflowResult(&got))
			assert.Equal(t, tt.want, got)
			if tt.last != "" {
				types := eventTypes(env.History())
				assert.Equal(t, tt.last, types[len(types)-2])
			}
		})
	}
}

// Siblings starts two waiters and has the first cancel the second.
func Siblings(ctx workflow.Context) (string, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "victim"})
	victim := workflow.ExecuteChildWorkflow(ctx, Waiter)
	if err := victim.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
		return "", err
	}
	canceler := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "canceler"}), ExternalCaller, true, "victim")
	var said string
	if err := canceler.Get(ctx, &said); err != nil {
		return "", err
	}
	err := victim.Get(ctx, nil)
	var canceled *wfsim.CanceledError
	return fmt.Sprintf("%s; victim canceled: %v", said, errors.As(err, &canceled)), nil
}

func TestRequestCancelExternalWorkflow(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterWorkflow(Waiter)
	env.RegisterWorkflow(ExternalCaller)
	env.ExecuteWorkflow(Siblings)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "0s delivered; victim canceled: true", got)
	victim := eventTypes(env.Histories("victim")[0])
	assert.Equal(t, []string{"WorkflowExecutionStarted", "WorkflowExecutionCancelRequested", "WorkflowExecutionCanceled"}, victim)
}
