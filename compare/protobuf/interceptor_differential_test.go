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
	tconverter "go.temporal.io/sdk/converter"
	tinterceptor "go.temporal.io/sdk/interceptor"
	tlog "go.temporal.io/sdk/log"
	ttemporal "go.temporal.io/sdk/temporal"
	ttestsuite "go.temporal.io/sdk/testsuite"
	tworker "go.temporal.io/sdk/worker"
	tworkflow "go.temporal.io/sdk/workflow"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// TestActivityInterceptorsAsInTemporal runs one workflow, whose activity
// calls every function of package activity, fails its first attempt and
// succeeds on the second, then a local activity, with a context propagator
// that writes a header field, under two tracing interceptors in Temporal's
// test environment and in wfsim's, and compares the calls each saw, in
// order, and the header their ExecuteActivity saw.
//
// Temporal's environment calls the outbound chain itself, outside the
// activity's code, which a worker does not (GetInfo, to find an attempt's
// mock and call its listener): the traces keep the outbound calls the
// activity's code makes, between its first and last line. And it runs a
// local activity through a function of its own that returns the result
// already encoded, so ExecuteActivity returns a *commonpb.Payloads there
// where a worker, and wfsim, return the activity's value: the traces keep
// whether ExecuteActivity failed, and the values are checked by the
// workflows' results.
func TestActivityInterceptorsAsInTemporal(t *testing.T) {
	t.Parallel()
	wantLog := &traceLog{}
	{
		var s ttestsuite.WorkflowTestSuite
		s.SetContextPropagators([]tworkflow.ContextPropagator{tTenant{}})
		env := s.NewTestWorkflowEnvironment()
		env.SetWorkerOptions(tworker.Options{
			BackgroundActivityContext: context.WithValue(context.Background(), traceKey{}, wantLog),
			Interceptors:              []tinterceptor.WorkerInterceptor{&tTracer{name: "outer", log: wantLog}, &tTracer{name: "inner", log: wantLog}},
		})
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
		env.SetContextPropagators([]workflow.ContextPropagator{wTenant{}})
		env.SetWorkerOptions(worker.Options{
			BackgroundActivityContext: context.WithValue(context.Background(), traceKey{}, gotLog),
			Interceptors:              []interceptor.WorkerInterceptor{&wTracer{name: "outer", log: gotLog}, &wTracer{name: "inner", log: gotLog}},
		})
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
	var tenants int
	for _, c := range wantLog.calls {
		if strings.Contains(c, `tenant="acme"`) {
			tenants++
		}
	}
	if tenants != 6 { // two tracers, two attempts and a local activity
		t.Fatalf("Temporal's interceptors saw the header %d times, want 6: %q", tenants, wantLog.calls)
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

// traceKey is the context key of the traceLog the activities mark their
// first and last lines in.
type traceKey struct{}

// mark records a line of the activity's code in its trace.
func mark(ctx context.Context, line string) { ctx.Value(traceKey{}).(*traceLog).add(line) }

// workerCalls is the trace without the outbound calls made outside the
// activity's code (see TestActivityInterceptorsAsInTemporal).
func (l *traceLog) workerCalls() []string {
	var out []string
	inCode := false
	for _, c := range l.calls {
		switch {
		case c == "code begins":
			inCode = true
		case c == "code ends":
			inCode = false
		case outbound(c) && !inCode:
			continue
		}
		out = append(out, c)
	}
	return out
}

func outbound(call string) bool {
	for _, m := range []string{".GetInfo", ".GetLogger", ".GetMetricsHandler", ".RecordHeartbeat", ".HasHeartbeatDetails", ".GetHeartbeatDetails", ".GetWorkerStopChannel"} {
		if strings.Contains(call, m) {
			return true
		}
	}
	return false
}

// The activity and workflow, once for each SDK.

func tBusy(ctx context.Context, n int) (string, error) {
	mark(ctx, "code begins")
	defer mark(ctx, "code ends")
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
	var s, l string
	if err := tworkflow.ExecuteActivity(ctx, tBusy, n).Get(ctx, &s); err != nil {
		return "", err
	}
	lctx := tworkflow.WithLocalActivityOptions(ctx, tworkflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	err := tworkflow.ExecuteLocalActivity(lctx, tLocal, s).Get(ctx, &l)
	return l, err
}

func tLocal(ctx context.Context, s string) (string, error) {
	mark(ctx, "code begins")
	defer mark(ctx, "code ends")
	return fmt.Sprintf("%s, local %v", s, tactivity.GetInfo(ctx).IsLocalActivity), nil
}

// tTenant writes the header field "tenant" into what a workflow schedules.
type tTenant struct{}

func (tTenant) Inject(context.Context, tworkflow.HeaderWriter) error { return nil }

func (tTenant) InjectFromWorkflow(_ tworkflow.Context, w tworkflow.HeaderWriter) error {
	p, err := tconverter.GetDefaultDataConverter().ToPayload("acme")
	if err != nil {
		return err
	}
	w.Set("tenant", p)
	return nil
}

func (tTenant) Extract(ctx context.Context, _ tworkflow.HeaderReader) (context.Context, error) {
	return ctx, nil
}

func (tTenant) ExtractToWorkflow(ctx tworkflow.Context, _ tworkflow.HeaderReader) (tworkflow.Context, error) {
	return ctx, nil
}

func wBusy(ctx context.Context, n int) (string, error) {
	mark(ctx, "code begins")
	defer mark(ctx, "code ends")
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
	var s, l string
	if err := workflow.ExecuteActivity(ctx, wBusy, n).Get(ctx, &s); err != nil {
		return "", err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	err := workflow.ExecuteLocalActivity(lctx, wLocal, s).Get(ctx, &l)
	return l, err
}

func wLocal(ctx context.Context, s string) (string, error) {
	mark(ctx, "code begins")
	defer mark(ctx, "code ends")
	return fmt.Sprintf("%s, local %v", s, activity.GetInfo(ctx).IsLocalActivity), nil
}

// wTenant is tTenant for wfsim.
type wTenant struct{}

func (wTenant) Inject(context.Context, workflow.HeaderWriter) error { return nil }

func (wTenant) InjectFromWorkflow(_ workflow.Context, w workflow.HeaderWriter) error {
	p, err := converter.GetDefaultDataConverter().ToPayload("acme")
	if err != nil {
		return err
	}
	w.Set("tenant", p)
	return nil
}

func (wTenant) Extract(ctx context.Context, _ workflow.HeaderReader) (context.Context, error) {
	return ctx, nil
}

func (wTenant) ExtractToWorkflow(ctx workflow.Context, _ workflow.HeaderReader) (workflow.Context, error) {
	return ctx, nil
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
	var tenant string
	if p, ok := tinterceptor.Header(ctx)["tenant"]; ok {
		if err := tconverter.GetDefaultDataConverter().FromPayload(p, &tenant); err != nil {
			return nil, err
		}
	}
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity %v tenant=%q", i.t.name, in.Args, tenant))
	r, err := i.Next.ExecuteActivity(ctx, in)
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity returned, failed %v", i.t.name, err != nil))
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
	var tenant string
	if p, ok := interceptor.Header(ctx)["tenant"]; ok {
		if err := converter.GetDefaultDataConverter().FromPayload(p, &tenant); err != nil {
			return nil, err
		}
	}
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity %v tenant=%q", i.t.name, in.Args, tenant))
	r, err := i.Next.ExecuteActivity(ctx, in)
	i.t.log.add(fmt.Sprintf("%s.ExecuteActivity returned, failed %v", i.t.name, err != nil))
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
