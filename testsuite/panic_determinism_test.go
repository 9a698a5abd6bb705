package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

func panickingActivity(_ context.Context, n int) error {
	return []error{nil}[n] // n is out of range: a runtime panic
}

// TestPanicHistoriesAreTheSameEachRun runs scenarios whose histories
// record a panic's stack trace (an activity's, and a workflow's under
// either panic policy) several times: goroutine numbers and argument
// words differ from run to run, and must not reach the history.
func TestPanicHistoriesAreTheSameEachRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		options *worker.Options
		wf      func(workflow.Context) error
	}{
		{"activity panics", nil, func(ctx workflow.Context) error {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
			return workflow.ExecuteActivity(ctx, panickingActivity, 3).Get(ctx, nil)
		}},
		{"workflow panics under FailWorkflow", &worker.Options{WorkflowPanicPolicy: worker.FailWorkflow}, func(workflow.Context) error {
			panic("workflow boom")
		}},
		// Under BlockWorkflow the stack trace is in the WorkflowTaskFailed
		// event (task_failed_test.go).
		{"workflow panics under BlockWorkflow", nil, panicsInRoot},
		{"workflow.Go coroutine panics under BlockWorkflow", nil, panicsInGoAfterTimer},
		{"duplicate command under BlockWorkflow", nil, reusesActivityID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var first []byte
			for i := range 5 {
				var s testsuite.WorkflowTestSuite
				env := s.NewTestWorkflowEnvironment()
				if tc.options != nil {
					env.SetWorkerOptions(*tc.options)
				}
				env.RegisterActivity(panickingActivity)
				env.ExecuteWorkflow(tc.wf)
				require.Error(t, env.GetWorkflowError())
				got := historyJSON(t, env.History())
				require.Contains(t, string(got), "stackTrace")
				if i == 0 {
					first = got
					continue
				}
				require.Equal(t, string(first), string(got), "run %d", i)
			}
		})
	}
}
