package workflow_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

func echoArg(_ context.Context, s string) (string, error) { return s, nil }

// A converter of the test's own, called through the interface, may keep
// the values it is given: it gets a copy of the call's arguments, not the
// workflow's slice.
func TestCustomConverterGetsACopyOfTheArguments(t *testing.T) {
	t.Parallel()
	kc := &keepingConverter{DataConverter: converter.GetDefaultDataConverter()}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(kc)
	env.RegisterActivity(echoArg)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		args := []any{"first"}
		var out string
		if err := workflow.ExecuteActivity(ctx, echoArg, args...).Get(ctx, &out); err != nil {
			return "", err
		}
		args[0] = "changed after the call"
		return out, nil
	})
	var out string
	if err := env.GetWorkflowResult(&out); err != nil || out != "first" {
		t.Fatalf("result %q, error %v; want first", out, err)
	}
	var first bool
	for _, values := range kc.kept {
		first = first || slices.Contains(values, any("first"))
		if slices.Contains(values, any("changed after the call")) {
			t.Errorf("the converter kept %v: the workflow's slice, changed after the call", values)
		}
	}
	if !first {
		t.Errorf("the converter kept %v, none with the activity's argument", kc.kept)
	}
}

// keepingConverter is the default converter, keeping every values slice
// ToPayloads is given.
type keepingConverter struct {
	converter.DataConverter
	kept [][]any
}

func (c *keepingConverter) ToPayloads(values ...any) (*converter.Payloads, error) {
	c.kept = append(c.kept, values)
	return c.DataConverter.ToPayloads(values...)
}
