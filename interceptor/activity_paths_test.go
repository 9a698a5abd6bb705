package interceptor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// infoRecorder records, for each attempt, the activity's Info as its
// outbound chain returns it, and what ExecuteActivity was given.
func infoRecorder(calls *[]string) *inbound {
	return &inbound{exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
		info := activity.GetInfo(ctx) // through the chain: ctx is the attempt's
		args := make([]string, len(in.Args))
		for i, a := range in.Args {
			args[i] = fmt.Sprintf("%T", a)
		}
		*calls = append(*calls, fmt.Sprintf("%s local=%v attempt=%d args=%s", info.ActivityType.Name, info.IsLocalActivity, info.Attempt, strings.Join(args, ",")))
		return next.ExecuteActivity(ctx, in)
	}}
}

func TestEveryKindOfActivityRunsThroughTheChain(t *testing.T) {
	t.Parallel()
	var calls []string
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{infoRecorder(&calls)}})
	env.RegisterActivity(shout)
	env.RegisterDynamicActivity(func(ctx context.Context, args converter.EncodedValues) (string, error) {
		var s string
		err := args.Get(&s)
		return "dynamic " + s, err
	}, activity.DynamicRegisterOptions{})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
		var a, b, c, d string
		if err := workflow.ExecuteActivity(ctx, shout, "a", 1).Get(ctx, &a); err != nil {
			return "", err
		}
		if err := workflow.ExecuteLocalActivity(lctx, shout, "b", 1).Get(ctx, &b); err != nil {
			return "", err
		}
		// A local activity function the worker does not know.
		upper := func(s string) (string, error) { return strings.ToUpper(s), nil }
		if err := workflow.ExecuteLocalActivity(lctx, upper, "c").Get(ctx, &c); err != nil {
			return "", err
		}
		if err := workflow.ExecuteActivity(ctx, "Unregistered", "d").Get(ctx, &d); err != nil {
			return "", err
		}
		return strings.Join([]string{a, b, c, d}, " "), nil
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "a b C dynamic d", got)
	require.Len(t, calls, 4)
	require.Equal(t, "shout local=false attempt=1 args=string,int", calls[0])
	require.Equal(t, "shout local=true attempt=1 args=string,int", calls[1])
	require.Contains(t, calls[2], " local=true attempt=1 args=string")
	require.Equal(t, "Unregistered local=false attempt=1 args=*converter.encodedValues", calls[3]) // a converter.EncodedValues
}

func pendingActivity(ctx context.Context) (string, error) {
	return "", activity.ErrResultPending
}

func TestResultPendingPassesThroughTheChain(t *testing.T) {
	t.Parallel()
	var calls []string
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{&inbound{
		exec: func(ctx context.Context, next interceptor.ActivityInboundInterceptor, in *interceptor.ExecuteActivityInput) (any, error) {
			r, err := next.ExecuteActivity(ctx, in)
			calls = append(calls, fmt.Sprint(r, " ", err))
			return r, err
		},
	}}})
	env.RegisterActivity(pendingActivity)
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		token := info.TaskToken
		env.RegisterDelayedCallback(func() {
			require.NoError(t, env.CompleteActivity(token, "completed later", nil))
		}, time.Hour)
	})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Hour})
		var s string
		err := workflow.ExecuteActivity(ctx, pendingActivity).Get(ctx, &s)
		return s, err
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "completed later", got)
	require.Equal(t, []string{" " + activity.ErrResultPending.Error()}, calls)
}

func TestActivityEnvironmentRunsTheChain(t *testing.T) {
	t.Parallel()
	for _, local := range []bool{false, true} {
		t.Run(fmt.Sprint("local=", local), func(t *testing.T) {
			t.Parallel()
			var calls []string
			env := testsuite.NewTestActivityEnvironment(t)
			env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{infoRecorder(&calls)}})
			env.RegisterActivity(shout)
			execute := env.ExecuteActivity
			if local {
				execute = env.ExecuteLocalActivity
			}
			v, err := execute(shout, "x", 3)
			require.NoError(t, err)
			var got string
			require.NoError(t, v.Get(&got))
			require.Equal(t, "xxx", got)
			require.Equal(t, []string{fmt.Sprintf("shout local=%v attempt=1 args=string,int", local)}, calls)
		})
	}
}

func TestHistoriesWithInterceptorsAreDeterministicAndReplay(t *testing.T) {
	t.Parallel()
	run := func() string {
		var seen []string
		env := testsuite.NewTestWorkflowEnvironment(t) // its replay check is on
		env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{
			&tracer{name: "t", log: &callLog{}}, infoRecorder(&seen),
		}})
		env.RegisterActivity(busyActivity)
		env.ExecuteWorkflow(busyWorkflow, 5)
		require.NoError(t, env.GetWorkflowError())
		var h strings.Builder
		require.NoError(t, env.History().WriteJSON(&h))

		r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{
			Interceptors: []interceptor.WorkerInterceptor{&tracer{name: "replay", log: &callLog{}}},
		})
		require.NoError(t, err)
		r.RegisterWorkflow(busyWorkflow)
		require.NoError(t, r.ReplayWorkflowHistory(nil, env.History()))
		return h.String()
	}
	require.Equal(t, run(), run())
}
