package testsuite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// s2HeaderKey is the context key under which s2KeysPropagator puts the
// string value of a header field.
type s2HeaderKey string

// s2KeysPropagator carries the string values of the named header fields
// between headers and contexts (Temporal's tests have a test-only keys
// propagator with this job).
type s2KeysPropagator []string

func (p s2KeysPropagator) inject(value func(any) any, w workflow.HeaderWriter) error {
	for _, k := range p {
		if v, ok := value(s2HeaderKey(k)).(string); ok {
			payload, err := converter.GetDefaultDataConverter().ToPayload(v)
			if err != nil {
				return err
			}
			w.Set(k, payload)
		}
	}
	return nil
}

func (p s2KeysPropagator) values(r workflow.HeaderReader) (map[string]string, error) {
	out := make(map[string]string)
	for _, k := range p {
		if payload, ok := r.Get(k); ok {
			var v string
			if err := converter.GetDefaultDataConverter().FromPayload(payload, &v); err != nil {
				return nil, err
			}
			out[k] = v
		}
	}
	return out, nil
}

func (p s2KeysPropagator) Inject(ctx context.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value, w)
}

func (p s2KeysPropagator) InjectFromWorkflow(ctx workflow.Context, w workflow.HeaderWriter) error {
	return p.inject(ctx.Value, w)
}

func (p s2KeysPropagator) Extract(ctx context.Context, r workflow.HeaderReader) (context.Context, error) {
	vs, err := p.values(r)
	for k, v := range vs {
		ctx = context.WithValue(ctx, s2HeaderKey(k), v)
	}
	return ctx, err
}

func (p s2KeysPropagator) ExtractToWorkflow(ctx workflow.Context, r workflow.HeaderReader) (workflow.Context, error) {
	vs, err := p.values(r)
	for k, v := range vs {
		ctx = workflow.WithValue(ctx, s2HeaderKey(k), v)
	}
	return ctx, err
}

// s2TestHeader is the header the suite's SetupSuite sets: "test" = "test-data".
func s2TestHeader(t *testing.T) *replay.Header {
	p, err := converter.GetDefaultDataConverter().ToPayload("test-data")
	require.NoError(t, err)
	return &replay.Header{Fields: map[string]*converter.Payload{"test": p}}
}

var errNotPropagated = errors.New("context did not propagate")

func s2TestValue(ctx interface{ Value(any) any }) (string, error) {
	if v, ok := ctx.Value(s2HeaderKey("test")).(string); ok {
		return v, nil
	}
	return "", errNotPropagated
}

func s2ContextWorkflow(ctx workflow.Context) (string, error) { return s2TestValue(ctx) }

func s2ContextActivity(ctx context.Context) (string, error) { return s2TestValue(ctx) }

// Temporal: internal/internal_workflow_testsuite_test.go Test_WorkflowHeaderContext
func TestSDK2StartHeaderReachesWorkflowChildAndActivity(t *testing.T) {
	t.Parallel()
	var seen []string
	wf := func(ctx workflow.Context) error {
		own, err := s2TestValue(ctx)
		if err != nil {
			return err
		}
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowRunTimeout: time.Hour})
		var child, act string
		if err := workflow.ExecuteChildWorkflow(ctx, s2ContextWorkflow).Get(ctx, &child); err != nil {
			return err
		}
		ctx = workflow.WithActivityOptions(ctx, s2ActivityOptions)
		if err := workflow.ExecuteActivity(ctx, s2ContextActivity).Get(ctx, &act); err != nil {
			return err
		}
		seen = []string{own, child, act}
		return nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetHeader(s2TestHeader(t))
	env.SetContextPropagators([]workflow.ContextPropagator{s2KeysPropagator{"test"}})
	env.RegisterActivity(s2ContextActivity)
	env.RegisterWorkflow(s2ContextWorkflow)
	env.ExecuteWorkflow(wf)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"test-data", "test-data", "test-data"}, seen)
}

// Temporal: internal/internal_workflow_testsuite_test.go Test_ChildWorkflowContextPropagation
func TestSDK2ValueSetInWorkflowReachesTheChild(t *testing.T) {
	t.Parallel()
	var parentSaw, childSaw string
	child := func(ctx workflow.Context) error {
		v, err := s2TestValue(ctx)
		childSaw = v
		return err
	}
	wf := func(ctx workflow.Context) error {
		v, err := s2TestValue(ctx)
		if err != nil {
			return err
		}
		parentSaw = v
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowExecutionTimeout: time.Hour})
		childCtx := workflow.WithValue(ctx, s2HeaderKey("test"), "test-data-for-child")
		return workflow.ExecuteChildWorkflow(childCtx, child).Get(childCtx, nil)
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetHeader(s2TestHeader(t))
	env.SetContextPropagators([]workflow.ContextPropagator{s2KeysPropagator{"test"}})
	env.RegisterWorkflow(child)
	env.ExecuteWorkflow(wf)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, "test-data", parentSaw)
	assert.Equal(t, "test-data-for-child", childSaw)
}
