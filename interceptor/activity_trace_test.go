package interceptor_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// tracer is the shape of a tracing interceptor: it records, under its
// name, every call that passes through it, in order, into a log it shares
// with other tracers.
type tracer struct {
	interceptor.WorkerInterceptorBase
	name string
	log  *callLog
}

type callLog struct {
	mu    sync.Mutex
	calls []string
}

func (l *callLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, fmt.Sprintf(format, args...))
}

func (l *callLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.calls...)
}

func (t *tracer) InterceptActivity(ctx context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	t.log.add("%s.InterceptActivity", t.name)
	return &traceInbound{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}, t: t}
}

type traceInbound struct {
	interceptor.ActivityInboundInterceptorBase
	t *tracer
}

func (i *traceInbound) Init(outbound interceptor.ActivityOutboundInterceptor) error {
	i.t.log.add("%s.Init", i.t.name)
	return i.Next.Init(&traceOutbound{ActivityOutboundInterceptorBase: interceptor.ActivityOutboundInterceptorBase{Next: outbound}, t: i.t})
}

func (i *traceInbound) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	i.t.log.add("%s.ExecuteActivity %v", i.t.name, in.Args)
	result, err := i.Next.ExecuteActivity(ctx, in)
	i.t.log.add("%s.ExecuteActivity returned %v %v", i.t.name, result, err)
	return result, err
}

type traceOutbound struct {
	interceptor.ActivityOutboundInterceptorBase
	t *tracer
}

func (o *traceOutbound) GetInfo(ctx context.Context) activity.Info {
	o.t.log.add("%s.GetInfo", o.t.name)
	return o.Next.GetInfo(ctx)
}

func (o *traceOutbound) GetLogger(ctx context.Context) log.Logger {
	o.t.log.add("%s.GetLogger", o.t.name)
	return o.Next.GetLogger(ctx)
}

func (o *traceOutbound) GetMetricsHandler(ctx context.Context) metrics.Handler {
	o.t.log.add("%s.GetMetricsHandler", o.t.name)
	return o.Next.GetMetricsHandler(ctx)
}

func (o *traceOutbound) RecordHeartbeat(ctx context.Context, details ...any) {
	o.t.log.add("%s.RecordHeartbeat %v", o.t.name, details)
	o.Next.RecordHeartbeat(ctx, details...)
}

func (o *traceOutbound) HasHeartbeatDetails(ctx context.Context) bool {
	o.t.log.add("%s.HasHeartbeatDetails", o.t.name)
	return o.Next.HasHeartbeatDetails(ctx)
}

func (o *traceOutbound) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	o.t.log.add("%s.GetHeartbeatDetails", o.t.name)
	return o.Next.GetHeartbeatDetails(ctx, d...)
}

func (o *traceOutbound) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	o.t.log.add("%s.GetWorkerStopChannel", o.t.name)
	return o.Next.GetWorkerStopChannel(ctx)
}

// busyActivity calls every function of package activity once, failing its
// first attempt after a heartbeat so that the second sees the details.
func busyActivity(ctx context.Context, n int) (string, error) {
	info := activity.GetInfo(ctx)
	activity.GetLogger(ctx).Info("working", "n", n)
	activity.GetMetricsHandler(ctx).Counter("work").Inc(1)
	_ = activity.GetWorkerStopChannel(ctx)
	var last int
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &last); err != nil {
			return "", err
		}
	}
	activity.RecordHeartbeat(ctx, n)
	if info.Attempt == 1 {
		return "", wfsim.NewApplicationError("first attempt fails", "Flaky")
	}
	return fmt.Sprintf("attempt %d resumed from %d", info.Attempt, last), nil
}

func busyWorkflow(ctx workflow.Context, n int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &wfsim.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2},
	})
	var s string
	err := workflow.ExecuteActivity(ctx, busyActivity, n).Get(ctx, &s)
	return s, err
}

func TestTracingInterceptorsSeeEveryActivityCallInOrder(t *testing.T) {
	t.Parallel()
	calls := &callLog{}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{
		&tracer{name: "outer", log: calls}, &tracer{name: "inner", log: calls},
	}})
	env.RegisterActivity(busyActivity)
	env.ExecuteWorkflow(busyWorkflow, 7)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "attempt 2 resumed from 7", got)

	attempt := func(hasDetails bool, returned string) []string {
		calls := []string{
			// Built from the last interceptor to the first, so that the
			// first is outermost; Init from the outside in.
			"inner.InterceptActivity", "outer.InterceptActivity",
			"outer.Init", "inner.Init",
			"outer.ExecuteActivity [7]", "inner.ExecuteActivity [7]",
		}
		// Outbound calls: the last interceptor's Init wrapped last, so
		// the inner tracer sees them first.
		for _, c := range []string{"GetInfo", "GetLogger", "GetMetricsHandler", "GetWorkerStopChannel", "HasHeartbeatDetails"} {
			calls = append(calls, "inner."+c, "outer."+c)
		}
		if hasDetails {
			calls = append(calls, "inner.GetHeartbeatDetails", "outer.GetHeartbeatDetails")
		}
		calls = append(calls, "inner.RecordHeartbeat [7]", "outer.RecordHeartbeat [7]")
		return append(calls, "inner.ExecuteActivity returned "+returned, "outer.ExecuteActivity returned "+returned)
	}
	want := append(attempt(false, " first attempt fails (type: Flaky, retryable: true)"), attempt(true, "attempt 2 resumed from 7 <nil>")...)
	require.Equal(t, want, calls.all())
}

func TestInterceptorBasesPassEverythingThrough(t *testing.T) {
	t.Parallel()
	run := func(options worker.Options) (string, string) {
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetWorkerOptions(options)
		env.RegisterActivity(busyActivity)
		env.ExecuteWorkflow(busyWorkflow, 3)
		var got string
		require.NoError(t, env.GetWorkflowResult(&got))
		var h strings.Builder
		require.NoError(t, env.History().WriteJSON(&h))
		return got, h.String()
	}
	plainResult, plainHistory := run(worker.Options{})
	baseResult, baseHistory := run(worker.Options{Interceptors: []interceptor.WorkerInterceptor{
		&interceptor.WorkerInterceptorBase{}, &interceptor.WorkerInterceptorBase{},
	}})
	require.Equal(t, plainResult, baseResult)
	require.Equal(t, plainHistory, baseHistory, "interceptors that change nothing must not change the history")
}
