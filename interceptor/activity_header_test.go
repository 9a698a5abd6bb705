package interceptor_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

type tenantKey struct{}

// tenantPropagator carries a tenant name in the "tenant" header field.
type tenantPropagator struct{}

func (tenantPropagator) Inject(ctx context.Context, w workflow.HeaderWriter) error {
	return injectTenant(ctx.Value(tenantKey{}), w)
}

func (tenantPropagator) InjectFromWorkflow(ctx workflow.Context, w workflow.HeaderWriter) error {
	return injectTenant(ctx.Value(tenantKey{}), w)
}

func injectTenant(v any, w workflow.HeaderWriter) error {
	if s, ok := v.(string); ok {
		p, err := converter.GetDefaultDataConverter().ToPayload(s)
		if err != nil {
			return err
		}
		w.Set("tenant", p)
	}
	return nil
}

func (tenantPropagator) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	if p, ok := r.Get("tenant"); ok {
		var s string
		if err := converter.GetDefaultDataConverter().FromPayload(p, &s); err != nil {
			return nil, err
		}
		ctx = context.WithValue(ctx, tenantKey{}, s)
	}
	return ctx, nil
}

func (tenantPropagator) ExtractToWorkflow(ctx workflow.Context, r workflow.HeaderReader) (workflow.Context, error) {
	if p, ok := r.Get("tenant"); ok {
		var s string
		if err := converter.GetDefaultDataConverter().FromPayload(p, &s); err != nil {
			return nil, err
		}
		ctx = workflow.WithValue(ctx, tenantKey{}, s)
	}
	return ctx, nil
}

// headerReader reads the activity's header in ExecuteActivity, as a
// header-propagating interceptor does, and writes a field of its own into
// it for the interceptors after it.
type headerReader struct {
	interceptor.WorkerInterceptorBase
	seen *[]string
}

func (h *headerReader) InterceptActivity(ctx context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	return &headerInbound{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}, seen: h.seen}
}

type headerInbound struct {
	interceptor.ActivityInboundInterceptorBase
	seen *[]string
}

func (h *headerInbound) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	header := interceptor.Header(ctx)
	var tenant string
	if p, ok := header["tenant"]; ok {
		if err := converter.GetDefaultDataConverter().FromPayload(p, &tenant); err != nil {
			return nil, err
		}
	}
	_, marked := header["seen-by"]
	*h.seen = append(*h.seen, "tenant="+tenant+" seen-by-set="+map[bool]string{true: "yes", false: "no"}[marked])
	p, err := converter.GetDefaultDataConverter().ToPayload("interceptor")
	if err != nil {
		return nil, err
	}
	header["seen-by"] = p
	return h.Next.ExecuteActivity(ctx, in)
}

func tenantActivity(ctx context.Context) (string, error) {
	if interceptor.Header(ctx) != nil {
		return "", &headerLeakError{}
	}
	tenant, _ := ctx.Value(tenantKey{}).(string)
	return "tenant " + tenant, nil
}

type headerLeakError struct{}

func (*headerLeakError) Error() string { return "the activity function sees the header" }

func tenantWorkflow(ctx workflow.Context) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var a, b string
	if err := workflow.ExecuteActivity(ctx, tenantActivity).Get(ctx, &a); err != nil {
		return "", err
	}
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	if err := workflow.ExecuteLocalActivity(lctx, tenantActivity).Get(ctx, &b); err != nil {
		return "", err
	}
	return a + ", " + b, nil
}

func TestInterceptorsReadTheRecordedHeader(t *testing.T) {
	t.Parallel()
	tenant, err := converter.GetDefaultDataConverter().ToPayload("acme")
	require.NoError(t, err)
	var seen []string
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(&replay.Header{Fields: map[string]*converter.Payload{"tenant": tenant}})
	// Two of them: the second sees what the first wrote into the header.
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{
		&headerReader{seen: &seen}, &headerReader{seen: &seen},
	}})
	env.RegisterActivity(tenantActivity)
	env.ExecuteWorkflow(tenantWorkflow)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "tenant acme, tenant acme", got)
	require.Equal(t, []string{
		"tenant=acme seen-by-set=no", "tenant=acme seen-by-set=yes", // the activity
		"tenant=acme seen-by-set=no", "tenant=acme seen-by-set=yes", // the local activity
	}, seen)

	// What the interceptors wrote stays in their attempt: the history
	// records the header the workflow scheduled the activity with.
	var scheduled int
	for _, ev := range env.History().GetEvents() {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			scheduled++
			require.Equal(t, []string{"tenant"}, keys(a.GetHeader().GetFields()))
		}
	}
	require.Equal(t, 1, scheduled)
	var h strings.Builder
	require.NoError(t, env.History().WriteJSON(&h))
	require.NotContains(t, h.String(), "seen-by")
}

func keys(m map[string]*converter.Payload) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// headerScribbler changes the header's payloads in place, as careless
// interceptor code may.
type headerScribbler struct {
	interceptor.WorkerInterceptorBase
}

func (h *headerScribbler) InterceptActivity(_ context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	return &scribblingInbound{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}}
}

type scribblingInbound struct {
	interceptor.ActivityInboundInterceptorBase
}

func (s *scribblingInbound) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	if p := interceptor.Header(ctx)["tenant"]; p != nil {
		p.Metadata["scribbled"] = []byte("yes")
		p.Metadata[converter.MetadataEncoding][0] = 'X'
		p.Data[1] = 'X'
	}
	return s.Next.ExecuteActivity(ctx, in)
}

// The header an interceptor gets is its attempt's own down to the bytes,
// as a worker's is the task's own: changing its payloads in place changes
// neither the recorded history nor what a retry sees.
func TestInterceptorsChangingHeaderPayloadsLeaveTheHistoryAlone(t *testing.T) {
	t.Parallel()
	tenant, err := converter.GetDefaultDataConverter().ToPayload("acme")
	require.NoError(t, err)
	want, err := converter.GetDefaultDataConverter().ToPayload("acme")
	require.NoError(t, err)
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(&replay.Header{Fields: map[string]*converter.Payload{"tenant": tenant}})
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{&headerScribbler{}}})
	env.RegisterActivity(tenantActivity)
	env.ExecuteWorkflow(tenantWorkflow)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	require.Equal(t, "tenant acme, tenant acme", got)
	for _, ev := range env.History().GetEvents() {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			require.Equal(t, want, a.GetHeader().GetFields()["tenant"])
		}
	}
	var h strings.Builder
	require.NoError(t, env.History().WriteJSON(&h))
	require.NotContains(t, h.String(), "scribbled")
}
