package protobuf_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	tactivity "go.temporal.io/sdk/activity"
	tclient "go.temporal.io/sdk/client"
	tinterceptor "go.temporal.io/sdk/interceptor"
	tlog "go.temporal.io/sdk/log"
	ttemporal "go.temporal.io/sdk/temporal"
	ttestsuite "go.temporal.io/sdk/testsuite"
	tworker "go.temporal.io/sdk/worker"
	tworkflow "go.temporal.io/sdk/workflow"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// TestActivityInterceptorsAsInTemporal runs one workflow, whose activity
// calls every function of package activity, fails its first attempt and
// succeeds on the second, under two tracing interceptors in Temporal's
// test environment and in wfsim's, and compares the calls each saw, in
// order. Temporal's environment itself asks the outbound chain for the
// activity's Info before it runs an attempt (to find the attempt's mock and
// call its listener), which a worker does not: those calls, before an
// attempt's first ExecuteActivity, are left out of its trace.
func TestActivityInterceptorsAsInTemporal(t *testing.T) {
	t.Parallel()
	wantLog := &traceLog{}
	{
		var s ttestsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetWorkerOptions(tworker.Options{Interceptors: []tinterceptor.WorkerInterceptor{
			&tTracer{name: "outer", log: wantLog}, &tTracer{name: "inner", log: wantLog},
		}})
		env.RegisterActivity(tBusy)
		env.ExecuteWorkflow(tBusyWorkflow, 7)
		var got string
		if err := env.GetWorkflowResult(&got); err != nil {
			t.Fatal(err)
		}
		wantLog.add("result " + got)
	}
	gotLog := &traceLog{}
	{
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{
			&wTracer{name: "outer", log: gotLog}, &wTracer{name: "inner", log: gotLog},
		}})
		env.RegisterActivity(wBusy)
		env.ExecuteWorkflow(wBusyWorkflow, 7)
		var got string
		if err := env.GetWorkflowResult(&got); err != nil {
			t.Fatal(err)
		}
		gotLog.add("result " + got)
	}
	if n := len(wantLog.workerCalls()); n < 40 {
		t.Fatalf("Temporal's trace has %d calls, want two attempts' worth: %q", n, wantLog.calls)
	}
	if diff := cmp.Diff(wantLog.workerCalls(), gotLog.workerCalls()); diff != "" {
		t.Errorf("calls (-Temporal +wfsim):\n%s", diff)
	}
}

type traceLog struct {
	mu    sync.Mutex
	calls []string
}

func (l *traceLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, s)
}

// workerCalls is the trace without the GetInfo calls before each attempt's
// first ExecuteActivity (see TestActivityInterceptorsAsInTemporal).
func (l *traceLog) workerCalls() []string {
	var out []string
	running := false
	for _, c := range l.calls {
		switch {
		case strings.HasSuffix(c, ".Init"):
			running = false
		case strings.Contains(c, ".ExecuteActivity "):
			running = true
		case strings.HasSuffix(c, ".GetInfo") && !running:
			continue
		}
		out = append(out, c)
	}
	return out
}

// The activity and workflow, once for each SDK.

func tBusy(ctx context.Context, n int) (string, error) {
	info := tactivity.GetInfo(ctx)
	tactivity.GetLogger(ctx).Info("working")
	tactivity.GetMetricsHandler(ctx).Counter("work").Inc(1)
	_ = tactivity.GetWorkerStopChannel(ctx)
	has := tactivity.HasHeartbeatDetails(ctx)
	tactivity.RecordHeartbeat(ctx, n)
	if info.Attempt == 1 {
		return "", ttemporal.NewApplicationError("first attempt fails", "Flaky")
	}
	return fmt.Sprintf("attempt %d, details %v", info.Attempt, has), nil
}

func tBusyWorkflow(ctx tworkflow.Context, n int) (string, error) {
	ctx = tworkflow.WithActivityOptions(ctx, tworkflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &ttemporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2},
	})
	var s string
	err := tworkflow.ExecuteActivity(ctx, tBusy, n).Get(ctx, &s)
	return s, err
}

func wBusy(ctx context.Context, n int) (string, error) {
	info := activity.GetInfo(ctx)
	activity.GetLogger(ctx).Info("working")
	activity.GetMetricsHandler(ctx).Counter("work").Inc(1)
	_ = activity.GetWorkerStopChannel(ctx)
	has := activity.HasHeartbeatDetails(ctx)
	activity.RecordHeartbeat(ctx, n)
	if info.Attempt == 1 {
		return "", temporal.NewApplicationError("first attempt fails", "Flaky")
	}
	return fmt.Sprintf("attempt %d, details %v", info.Attempt, has), nil
}

func wBusyWorkflow(ctx workflow.Context, n int) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 2},
	})
	var s string
	err := workflow.ExecuteActivity(ctx, wBusy, n).Get(ctx, &s)
	return s, err
}

// The tracers, once for each SDK: the same code but for the imports.

type tTracer struct {
	tinterceptor.WorkerInterceptorBase
	name string
	log  *traceLog
}

func (t *tTracer) InterceptActivity(ctx context.Context, next tinterceptor.ActivityInboundInterceptor) tinterceptor.ActivityInboundInterceptor {
	t.log.add(t.name + ".InterceptActivity")
	return &tTraceIn{ActivityInboundInterceptorBase: tinterceptor.ActivityInboundInterceptorBase{Next: next}, t: t}
}

type tTraceIn struct {
	tinterceptor.ActivityInboundInterceptorBase
	t *tTracer
}

func (i *tTraceIn) Init(outbound tinterceptor.ActivityOutboundInterceptor) error {
	i.t.log.add(i.t.name + ".Init")
	return i.Next.Init(&tTraceOut{ActivityOutboundInterceptorBase: tinterceptor.ActivityOutboundInterceptorBase{Next: outbound}, t: i.t})
}

func (i *tTraceIn) ExecuteActivity(ctx context.Context, in *tinterceptor.ExecuteActivityInput) (any, error) {
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity %v", i.t.name, in.Args))
	r, err := i.Next.ExecuteActivity(ctx, in)
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity returned %v, %v", i.t.name, r, err != nil))
	return r, err
}

type tTraceOut struct {
	tinterceptor.ActivityOutboundInterceptorBase
	t *tTracer
}

func (o *tTraceOut) GetInfo(ctx context.Context) tactivity.Info {
	o.t.log.add(o.t.name + ".GetInfo")
	return o.Next.GetInfo(ctx)
}

func (o *tTraceOut) GetLogger(ctx context.Context) tlog.Logger {
	o.t.log.add(o.t.name + ".GetLogger")
	return o.Next.GetLogger(ctx)
}

func (o *tTraceOut) GetMetricsHandler(ctx context.Context) tclient.MetricsHandler {
	o.t.log.add(o.t.name + ".GetMetricsHandler")
	return o.Next.GetMetricsHandler(ctx)
}

func (o *tTraceOut) RecordHeartbeat(ctx context.Context, details ...any) {
	o.t.log.add(fmt.Sprintf("%s.RecordHeartbeat %v", o.t.name, details))
	o.Next.RecordHeartbeat(ctx, details...)
}

func (o *tTraceOut) HasHeartbeatDetails(ctx context.Context) bool {
	o.t.log.add(o.t.name + ".HasHeartbeatDetails")
	return o.Next.HasHeartbeatDetails(ctx)
}

func (o *tTraceOut) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	o.t.log.add(o.t.name + ".GetHeartbeatDetails")
	return o.Next.GetHeartbeatDetails(ctx, d...)
}

func (o *tTraceOut) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	o.t.log.add(o.t.name + ".GetWorkerStopChannel")
	return o.Next.GetWorkerStopChannel(ctx)
}

type wTracer struct {
	interceptor.WorkerInterceptorBase
	name string
	log  *traceLog
}

func (t *wTracer) InterceptActivity(ctx context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	t.log.add(t.name + ".InterceptActivity")
	return &wTraceIn{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}, t: t}
}

type wTraceIn struct {
	interceptor.ActivityInboundInterceptorBase
	t *wTracer
}

func (i *wTraceIn) Init(outbound interceptor.ActivityOutboundInterceptor) error {
	i.t.log.add(i.t.name + ".Init")
	return i.Next.Init(&wTraceOut{ActivityOutboundInterceptorBase: interceptor.ActivityOutboundInterceptorBase{Next: outbound}, t: i.t})
}

func (i *wTraceIn) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity %v", i.t.name, in.Args))
	r, err := i.Next.ExecuteActivity(ctx, in)
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity returned %v, %v", i.t.name, r, err != nil))
	return r, err
}

type wTraceOut struct {
	interceptor.ActivityOutboundInterceptorBase
	t *wTracer
}

func (o *wTraceOut) GetInfo(ctx context.Context) activity.Info {
	o.t.log.add(o.t.name + ".GetInfo")
	return o.Next.GetInfo(ctx)
}

func (o *wTraceOut) GetLogger(ctx context.Context) log.Logger {
	o.t.log.add(o.t.name + ".GetLogger")
	return o.Next.GetLogger(ctx)
}

func (o *wTraceOut) GetMetricsHandler(ctx context.Context) metrics.Handler {
	o.t.log.add(o.t.name + ".GetMetricsHandler")
	return o.Next.GetMetricsHandler(ctx)
}

func (o *wTraceOut) RecordHeartbeat(ctx context.Context, details ...any) {
	o.t.log.add(fmt.Sprintf("%s.RecordHeartbeat %v", o.t.name, details))
	o.Next.RecordHeartbeat(ctx, details...)
}

func (o *wTraceOut) HasHeartbeatDetails(ctx context.Context) bool {
	o.t.log.add(o.t.name + ".HasHeartbeatDetails")
	return o.Next.HasHeartbeatDetails(ctx)
}

func (o *wTraceOut) GetHeartbeatDetails(ctx context.Context, d ...any) error {
	o.t.log.add(o.t.name + ".GetHeartbeatDetails")
	return o.Next.GetHeartbeatDetails(ctx, d...)
}

func (o *wTraceOut) GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	o.t.log.add(o.t.name + ".GetWorkerStopChannel")
	return o.Next.GetWorkerStopChannel(ctx)
}
