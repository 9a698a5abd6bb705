package interceptor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// panicky is a WorkerInterceptor whose InterceptActivity panics.
type panicky struct {
	interceptor.WorkerInterceptorBase
}

func (*panicky) InterceptActivity(context.Context, interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	panic("no interceptor today")
}

func localShoutWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: time.Minute, RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1},
	})
	var s string
	err := workflow.ExecuteLocalActivity(ctx, shout, "ab", 2).Get(ctx, &s)
	return s, err
}

// A panic while a worker builds an activity's context (in
// InterceptActivity or Init) is recovered by the worker's task loop, which
// drops the task: the attempt times out (StartToClose). For a local
// activity the attempt fails with the panic.
func TestInterceptorPanicWhileBuildingTheChain(t *testing.T) {
	t.Parallel()
	initPanics := &inbound{init: func(interceptor.ActivityInboundInterceptor, interceptor.ActivityOutboundInterceptor) error {
		panic("no init today")
	}}
	for name, w := range map[string]interceptor.WorkerInterceptor{"InterceptActivity": &panicky{}, "Init": initPanics} {
		t.Run(name+"/activity", func(t *testing.T) {
			t.Parallel()
			_, _, err := runShout(t, w, nil)
			var timeoutErr *wfsim.TimeoutError
			require.ErrorAs(t, err, &timeoutErr)
			require.Equal(t, wfsim.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
		})
		t.Run(name+"/local", func(t *testing.T) {
			t.Parallel()
			env := testsuite.NewTestWorkflowEnvironment(t)
			env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{w}})
			env.RegisterActivity(shout)
			env.ExecuteWorkflow(localShoutWorkflow)
			err := env.GetWorkflowError()
			var panicErr *wfsim.PanicError
			require.ErrorAs(t, err, &panicErr)
		})
		t.Run(name+"/TestActivityEnvironment", func(t *testing.T) {
			t.Parallel()
			var s testsuite.WorkflowTestSuite
			env := s.NewTestActivityEnvironment()
			env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{w}})
			env.RegisterActivity(shout)
			_, err := env.ExecuteActivity(shout, "ab", 2)
			var panicErr *wfsim.PanicError
			require.ErrorAs(t, err, &panicErr)
		})
	}
}
