package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// A mocked workflow's Run function (and its argument matchers) get the
// run's workflow.Context, as Temporal's environment gives them a copy of
// the child's context: workflow.GetInfo there names the run the mock stands
// for. (temporal-agents' fleet tests key the children a mock saw by
// workflow.GetInfo(ctx).WorkflowExecution.ID.)
func TestWorkflowMockContextHoldsTheRunsInfo(t *testing.T) {
	t.Parallel()
	child := func(ctx workflow.Context, in string) (string, error) { return "", nil }
	type seen struct {
		ID, RunID, Type, Queue, ParentID, ParentRunID string
		Attempt                                       int32
	}
	infoOf := func(ctx workflow.Context) seen {
		i := workflow.GetInfo(ctx)
		s := seen{ID: i.WorkflowExecution.ID, RunID: i.WorkflowExecution.RunID, Type: i.WorkflowType.Name,
			Queue: i.TaskQueueName, Attempt: i.Attempt}
		if p := i.ParentWorkflowExecution; p != nil {
			s.ParentID, s.ParentRunID = p.ID, p.RunID
		}
		workflow.GetLogger(ctx).Info("mock consulted") // works on the mock's context too
		return s
	}
	tests := []struct {
		name string
		root bool
	}{
		{name: "child"},
		{name: "workflow under test", root: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.RegisterWorkflowWithOptions(child, workflow.RegisterOptions{Name: "Child"})
			var got []seen
			env.OnWorkflow("Child", mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
				got = append(got, infoOf(args.Get(0).(workflow.Context)))
			}).Return("mocked", nil)
			if tt.root {
				env.ExecuteWorkflow("Child", "x")
				require.NoError(t, env.GetWorkflowError())
				require.Len(t, got, 1)
				started := env.History().Events[0].Attributes.(*replay.WorkflowExecutionStartedEventAttributes)
				assert.Equal(t, seen{ID: "default-test-workflow-id", RunID: started.OriginalExecutionRunID,
					Type: "Child", Queue: started.TaskQueue.Name, Attempt: 1}, got[0])
				return
			}
			parent := func(ctx workflow.Context) ([]string, error) {
				me := workflow.GetInfo(ctx)
				ids := []string{me.WorkflowExecution.ID, me.WorkflowExecution.RunID, me.TaskQueueName}
				for _, id := range []string{"first", "second"} {
					cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: id, WorkflowRunTimeout: time.Hour})
					f := workflow.ExecuteChildWorkflow(cctx, "Child", id)
					var we workflow.Execution
					if err := f.GetChildWorkflowExecution().Get(ctx, &we); err != nil {
						return nil, err
					}
					if err := f.Get(ctx, nil); err != nil {
						return nil, err
					}
					ids = append(ids, we.RunID)
				}
				return ids, nil
			}
			env.ExecuteWorkflow(parent)
			require.NoError(t, env.GetWorkflowError())
			var runIDs []string
			require.NoError(t, env.GetWorkflowResult(&runIDs))
			meID, meRun, queue, runIDs := runIDs[0], runIDs[1], runIDs[2], runIDs[3:]
			assert.Equal(t, []seen{
				{ID: "first", RunID: runIDs[0], Type: "Child", Queue: queue, Attempt: 1, ParentID: meID, ParentRunID: meRun},
				{ID: "second", RunID: runIDs[1], Type: "Child", Queue: queue, Attempt: 1, ParentID: meID, ParentRunID: meRun},
			}, got)
			assert.NotEqual(t, runIDs[0], runIDs[1])
		})
	}
}
