package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

type stampKey struct{}

// tenantConverter is a workflow.ContextAware converter: tailored to a
// workflow Context, it stamps each payload it encodes with the Context's
// tenant.
type tenantConverter struct {
	converter.DataConverter
	tenant string
}

func (c tenantConverter) ToPayloads(values ...any) (*converter.Payloads, error) {
	ps, err := c.DataConverter.ToPayloads(values...)
	for _, p := range ps.GetPayloads() {
		if c.tenant != "" {
			p.Metadata["tenant"] = []byte(c.tenant)
		}
	}
	return ps, err
}

func (c tenantConverter) WithWorkflowContext(ctx workflow.Context) converter.DataConverter {
	tenant, _ := ctx.Value(stampKey{}).(string)
	return tenantConverter{c.DataConverter, tenant}
}

func (c tenantConverter) WithContext(ctx context.Context) converter.DataConverter { return c }

var _ workflow.ContextAware = tenantConverter{}

func TestContextAwareDataConverter(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(tenantConverter{DataConverter: converter.GetDefaultDataConverter()})
	env.RegisterActivity(Echo)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithValue(ctx, stampKey{}, "acme")
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var out string
		if err := workflow.ExecuteActivity(ctx, Echo, "hi").Get(ctx, &out); err != nil {
			return "", err
		}
		// A local activity runs with the worker's converter, whatever the
		// Context tailors it to.
		lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: time.Minute})
		err := workflow.ExecuteLocalActivity(lctx, Echo, "local").Get(ctx, nil)
		return out, err
	})
	require.NoError(t, env.GetWorkflowError())
	var out string
	require.NoError(t, env.GetWorkflowResult(&out))
	require.Equal(t, "hi", out)
	var stamped bool
	for _, ev := range env.History().Events {
		if a, ok := ev.Attributes.(*replay.ActivityTaskScheduledEventAttributes); ok {
			require.Equal(t, "acme", string(a.Input.Payloads[0].Metadata["tenant"]))
			stamped = true
		}
	}
	require.True(t, stamped, "no ActivityTaskScheduled event")
}
