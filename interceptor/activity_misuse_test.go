package interceptor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
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

// An interceptor is activity code to the simulation: one that blocks until
// its context ends, never calling on, leaves the attempt to its
// StartToClose timeout as such a function would, and one that heartbeats from a goroutine of its own
// heartbeats as the function would.
func TestInterceptorThatBlocksOrHeartbeatsAside(t *testing.T) {
	t.Parallel()
	t.Run("blocks until canceled", func(t *testing.T) {
		t.Parallel()
		_, _, err := runShout(t, &inbound{exec: func(ctx context.Context, _ interceptor.ActivityInboundInterceptor, _ *interceptor.ExecuteActivityInput) (any, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}}, nil)
		var timeoutErr *wfsim.TimeoutError
		require.ErrorAs(t, err, &timeoutErr)
		require.Equal(t, wfsim.TimeoutTypeStartToClose, timeoutErr.TimeoutType())
	})
	t.Run("heartbeats from its own goroutine", func(t *testing.T) {
		t.Parallel()
		var beats []string
		got, _, err := runShout(t, &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				activity.RecordHeartbeat(ctx, "aside")
			}()
			<-done
			return next.ExecuteActivity(ctx, in)
		}}, func(env *testsuite.TestWorkflowEnvironment) {
			env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
				var s string
				require.NoError(t, details.Get(&s))
				beats = append(beats, s)
			})
		})
		require.NoError(t, err)
		require.Equal(t, "abab", got)
		require.Equal(t, []string{"aside"}, beats)
	})
}
