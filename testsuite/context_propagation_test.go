package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type tenantKey struct{}

// tenantPropagator carries a tenant name in the "tenant" header field.
// failInject and failExtract make it fail.
type tenantPropagator struct{ failInject, failExtract bool }

var errPropagator = errors.New("propagator broke")

func (p tenantPropagator) Inject(ctx context.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value(tenantKey{}), w)
}

func (p tenantPropagator) InjectFromWorkflow(ctx workflow.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value(tenantKey{}), w)
}

func (p tenantPropagator) inject(v any, w workflow.HeaderWriter) error {
	if p.failInject {
		return errPropagator
	}
	if s, ok := v.(string); ok {
		payload, err := converter.GetDefaultDataConverter().ToPayload(s)
		if err != nil {
			return err
		}
		w.Set("tenant", payload)
	}
	return nil
}

func (p tenantPropagator) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	s, err := p.extract(r)
	if s != "" {
		ctx = context.WithValue(ctx, tenantKey{}, s)
	}
	return ctx, err
}

func (p tenantPropagator) ExtractToWorkflow(ctx workflow.Context, r workflow.HeaderReader) (workflow.Context, error) {
	s, err := p.extract(r)
	if s != "" {
		ctx = workflow.WithValue(ctx, tenantKey{}, s)
	}
	return ctx, err
}

func (p tenantPropagator) extract(r workflow.HeaderReader) (string, error) {
	if p.failExtract {
		return "", errPropagator
	}
	var s string
	if payload, ok := r.Get("tenant"); ok {
		if err := converter.GetDefaultDataConverter().FromPayload(payload, &s); err != nil {
			return "", err
		}
	}
	return s, nil
}

func tenantHeader(t *testing.T, tenant string) *replay.Header {
	p, err := converter.GetDefaultDataConverter().ToPayload(tenant)
	require.NoError(t, err)
	return &replay.Header{Fields: map[string]*converter.Payload{"tenant": p}}
}

// headerTenant decodes the tenant of a recorded header; "-" for no header,
// "" for a header without one.
func headerTenant(t *testing.T, h *replay.Header) string {
	if h == nil {
		return "-"
	}
	p, ok := h.Fields["tenant"]
	if !ok {
		return ""
	}
	var s string
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(p, &s))
	return s
}

func tenantOf(ctx interface{ Value(any) any }) string {
	s, _ := ctx.Value(tenantKey{}).(string)
	return s
}

func tenantActivity(ctx context.Context) (string, error) { return "activity:" + tenantOf(ctx), nil }

func tenantChild(ctx workflow.Context) (string, error) { return "child:" + tenantOf(ctx), nil }

// tenantWorkflow reports the tenant it sees, its activity's, its local
// activity's and its child's, then signals "target" with its context.
func tenantWorkflow(ctx workflow.Context) ([]string, error) {
	out := []string{"workflow:" + tenantOf(ctx)}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
	var s string
	if err := workflow.ExecuteActivity(ctx, tenantActivity).Get(ctx, &s); err != nil {
		return nil, err
	}
	out = append(out, s)
	if err := workflow.ExecuteLocalActivity(ctx, tenantActivity).Get(ctx, &s); err != nil {
		return nil, err
	}
	out = append(out, "local "+s)
	// A value set in workflow code is what the next commands carry.
	child := workflow.WithValue(ctx, tenantKey{}, "acme-child")
	if err := workflow.ExecuteChildWorkflow(child, tenantChild).Get(ctx, &s); err != nil {
		return nil, err
	}
	out = append(out, s)
	return out, nil
}

func TestContextPropagation(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	env.RegisterActivity(tenantActivity)
	env.RegisterWorkflow(tenantChild)
	var started []string
	env.SetOnActivityStartedListener(func(_ *activity.Info, ctx context.Context, _ converter.EncodedValues) {
		started = append(started, tenantOf(ctx))
	})
	env.ExecuteWorkflow(tenantWorkflow)
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"workflow:acme", "activity:acme", "local activity:acme", "child:acme-child"}, got)
	assert.Equal(t, []string{"acme"}, started)

	// The headers are in the events, as Temporal's server records them.
	var recorded []string
	for _, ev := range env.History().Events {
		switch a := ev.Attributes.(type) {
		case *replay.WorkflowExecutionStartedEventAttributes:
			recorded = append(recorded, "started "+headerTenant(t, a.Header))
		case *replay.ActivityTaskScheduledEventAttributes:
			recorded = append(recorded, "activity "+headerTenant(t, a.Header))
		case *replay.StartChildWorkflowExecutionInitiatedEventAttributes:
			recorded = append(recorded, "child "+headerTenant(t, a.Header))
		}
	}
	assert.Equal(t, []string{"started acme", "activity acme", "child acme-child"}, recorded)
}

func TestContextPropagationChildStartHeader(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	env.RegisterWorkflow(tenantChild)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var s string
		err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "kid"}), tenantChild).Get(ctx, &s)
		return s, err
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "child:acme", got)
	hs := env.Histories("kid")
	require.Len(t, hs, 1)
	assert.Equal(t, "acme", headerTenant(t, hs[0].Events[0].GetWorkflowExecutionStartedEventAttributes().Header))
}

func TestContextPropagationSignalExternal(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	receiver := func(ctx workflow.Context) (string, error) {
		var s string
		workflow.GetSignalChannel(ctx, "hello").Receive(ctx, &s)
		return s, nil
	}
	env.RegisterWorkflowWithOptions(receiver, workflow.RegisterOptions{Name: "Receiver"})
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		child := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "receiver"}), "Receiver")
		if err := child.GetChildWorkflowExecution().Get(ctx, nil); err != nil {
			return "", err
		}
		if err := workflow.SignalExternalWorkflow(ctx, "receiver", "", "hello", "hi").Get(ctx, nil); err != nil {
			return "", err
		}
		var s string
		err := child.Get(ctx, &s)
		return s, err
	})
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "hi", got)
	found := false
	for _, ev := range env.History().Events {
		if a := ev.GetSignalExternalWorkflowExecutionInitiatedEventAttributes(); a != nil {
			found = true
			assert.Equal(t, "acme", headerTenant(t, a.Header))
		}
	}
	assert.True(t, found, "no SignalExternalWorkflowExecutionInitiated event")
	hs := env.Histories("receiver")
	require.Len(t, hs, 1)
	signaled := 0
	for _, ev := range hs[0].Events {
		if a := ev.GetWorkflowExecutionSignaledEventAttributes(); a != nil {
			signaled++
			assert.Equal(t, "acme", headerTenant(t, a.Header))
		}
	}
	assert.Equal(t, 1, signaled)
}

func TestNoPropagatorsNoHeaders(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.RegisterActivity(tenantActivity)
	env.RegisterWorkflow(tenantChild)
	env.ExecuteWorkflow(tenantWorkflow)
	require.NoError(t, env.GetWorkflowError())
	for _, ev := range env.History().Events {
		switch a := ev.Attributes.(type) {
		case *replay.WorkflowExecutionStartedEventAttributes:
			assert.Nil(t, a.Header)
		case *replay.ActivityTaskScheduledEventAttributes:
			assert.Nil(t, a.Header)
		case *replay.StartChildWorkflowExecutionInitiatedEventAttributes:
			assert.Nil(t, a.Header)
		}
	}
}

func TestPropagatorWithNothingToCarryRecordsEmptyHeader(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.RegisterActivity(tenantActivity)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var s string
		err := workflow.ExecuteActivity(ctx, tenantActivity).Get(ctx, &s)
		return s, err
	})
	require.NoError(t, env.GetWorkflowError())
	a := env.History().Events[4].GetActivityTaskScheduledEventAttributes()
	require.NotNil(t, a)
	assert.Equal(t, "", headerTenant(t, a.Header), "an empty header, as Temporal records it")
	js, err := env.History().MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(js), `"header": {}`)
}

func TestPropagatorErrors(t *testing.T) {
	t.Parallel()
	t.Run("inject fails the activity's future", func(t *testing.T) {
		t.Parallel()
		env := testsuite.NewTestWorkflowEnvironment(t)
		env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{failInject: true}})
		env.RegisterActivity(tenantActivity)
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
			return workflow.ExecuteActivity(ctx, tenantActivity).Get(ctx, nil)
		})
		err := env.GetWorkflowError()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "failed propagating header: propagator broke")
		for _, ev := range env.History().Events {
			assert.NotEqual(t, replay.EventTypeActivityTaskScheduled, ev.EventType)
		}
	})
	t.Run("activity extract drops the task: it times out", func(t *testing.T) {
		t.Parallel()
		env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
		env.SetContextPropagators([]workflow.ContextPropagator{extractOnlyFails{}})
		env.RegisterActivity(tenantActivity)
		env.ExecuteWorkflow(func(ctx workflow.Context) error {
			ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute,
				RetryPolicy: &wfsim.RetryPolicy{MaximumAttempts: 1}})
			return workflow.ExecuteActivity(ctx, tenantActivity).Get(ctx, nil)
		})
		var te *wfsim.TimeoutError
		require.ErrorAs(t, env.GetWorkflowError(), &te)
		assert.Equal(t, wfsim.TimeoutTypeStartToClose, te.TimeoutType())
	})
	t.Run("workflow extract fails the workflow task", func(t *testing.T) {
		t.Parallel()
		env := (&testsuite.WorkflowTestSuite{}).NewTestWorkflowEnvironment()
		env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{failExtract: true}})
		env.ExecuteWorkflow(func(ctx workflow.Context) error { return nil })
		err := env.GetWorkflowError()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "failed propagating header: propagator broke")
	})
}

// extractOnlyFails fails in activities' Extract only.
type extractOnlyFails struct{ tenantPropagator }

func (extractOnlyFails) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	return nil, errPropagator
}

func TestSuitePropagation(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	s.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	s.SetHeader(tenantHeader(t, "suite"))

	env := s.NewTestWorkflowEnvironment()
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) { return tenantOf(ctx), nil })
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "suite", got)

	aenv := s.NewTestActivityEnvironment()
	aenv.RegisterActivity(tenantActivity)
	v, err := aenv.ExecuteActivity(tenantActivity)
	require.NoError(t, err)
	require.NoError(t, v.Get(&got))
	assert.Equal(t, "activity:suite", got)
}

func TestActivityEnvironmentPropagation(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestActivityEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "solo"))
	v, err := env.ExecuteActivity(tenantActivity)
	require.NoError(t, err)
	var got string
	require.NoError(t, v.Get(&got))
	assert.Equal(t, "activity:solo", got)
}

func TestPropagationReplay(t *testing.T) {
	t.Parallel()
	// A workflow whose commands depend on the propagated value.
	branchy := func(ctx workflow.Context) error {
		if tenantOf(ctx) == "acme" {
			return workflow.Sleep(ctx, time.Hour)
		}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	env.RegisterWorkflowWithOptions(branchy, workflow.RegisterOptions{Name: "Branchy"})
	env.ExecuteWorkflow("Branchy")
	require.NoError(t, env.GetWorkflowError()) // the replay check passed the propagators

	with, err := replay.NewWorkflowReplayerWithOptions(replay.WorkflowReplayerOptions{ContextPropagators: []workflow.ContextPropagator{tenantPropagator{}}})
	require.NoError(t, err)
	with.RegisterWorkflowWithOptions(branchy, workflow.RegisterOptions{Name: "Branchy"})
	assert.NoError(t, with.ReplayWorkflowHistory(nil, env.History()))

	without := replay.NewWorkflowReplayer()
	without.RegisterWorkflowWithOptions(branchy, workflow.RegisterOptions{Name: "Branchy"})
	var nd *replay.NondeterminismError
	assert.ErrorAs(t, without.ReplayWorkflowHistory(nil, env.History()), &nd)
}

func TestContextPropagationContinueAsNew(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{tenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	env.FollowContinueAsNew(0)
	looping := func(ctx workflow.Context, n int) (string, error) {
		if n == 0 {
			return "", workflow.NewContinueAsNewError(workflow.WithValue(ctx, tenantKey{}, "next-"+tenantOf(ctx)), "Looping", n+1)
		}
		return tenantOf(ctx), nil
	}
	env.RegisterWorkflowWithOptions(looping, workflow.RegisterOptions{Name: "Looping"})
	env.ExecuteWorkflow("Looping", 0)
	require.NoError(t, env.GetWorkflowError())
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "next-acme", got)

	hs := env.Histories("default-test-workflow-id")
	require.Len(t, hs, 2)
	first := hs[0].Events[len(hs[0].Events)-1].GetWorkflowExecutionContinuedAsNewEventAttributes()
	require.NotNil(t, first)
	assert.Equal(t, "next-acme", headerTenant(t, first.Header))
	assert.Equal(t, "next-acme", headerTenant(t, hs[1].Events[0].GetWorkflowExecutionStartedEventAttributes().Header))
}

// codecTenantPropagator is tenantPropagator asking for Temporal's header
// codec (workflow.CodecContextPropagator).
type codecTenantPropagator struct{ tenantPropagator }

func (codecTenantPropagator) EncodeHeaders() bool { return true }

var _ workflow.CodecContextPropagator = codecTenantPropagator{}

// A propagator that asks for the client's codec works unchanged: there is
// no client codec, so its headers are recorded and read back as written.
func TestCodecContextPropagatorWorksUnchanged(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetContextPropagators([]workflow.ContextPropagator{codecTenantPropagator{}})
	env.SetHeader(tenantHeader(t, "acme"))
	env.RegisterActivity(tenantActivity)
	env.RegisterWorkflow(tenantChild)
	env.ExecuteWorkflow(tenantWorkflow)
	require.NoError(t, env.GetWorkflowError())
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"workflow:acme", "activity:acme", "local activity:acme", "child:acme-child"}, got)
}
