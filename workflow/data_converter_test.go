package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// reversed encodes strings reversed, under its own encoding.
type reversed struct{}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

func (reversed) Encoding() string { return "text/reversed" }

func (reversed) ToPayload(v any) (*converter.Payload, error) {
	s, ok := v.(string)
	if !ok {
		return nil, nil
	}
	return &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("text/reversed")}, Data: []byte(reverse(s))}, nil
}

func (reversed) FromPayload(p *converter.Payload, ptr any) error {
	sp, ok := ptr.(*string)
	if !ok {
		return fmt.Errorf("text/reversed decodes strings only, not %T", ptr)
	}
	*sp = reverse(string(p.Data))
	return nil
}

func (reversed) ToString(p *converter.Payload) string { return reverse(string(p.Data)) }

func ShoutWithDC(_ context.Context, s string) (string, error) { return s + "!", nil }

func GreeterWithDC(ctx workflow.Context, name string) (string, error) { return "hi " + name, nil }

func TestWithDataConverter(t *testing.T) {
	t.Parallel()
	// The workers read both encodings and write JSON; the workflow's
	// Context writes strings reversed.
	workers := converter.NewCompositeDataConverter(converter.NewJSONPayloadConverter(), reversed{})
	custom := converter.NewCompositeDataConverter(reversed{}, converter.NewJSONPayloadConverter())
	wf := func(ctx workflow.Context) ([]string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10e9})
		ctx = workflow.WithDataConverter(ctx, custom)
		var out []string
		var a, c, se string
		if err := workflow.ExecuteActivity(ctx, ShoutWithDC, "hey").Get(ctx, &a); err != nil {
			return nil, err
		}
		if err := workflow.ExecuteChildWorkflow(ctx, GreeterWithDC, "bob").Get(ctx, &c); err != nil {
			return nil, err
		}
		if err := workflow.SideEffect(ctx, func(workflow.Context) any { return "side" }).Get(&se); err != nil {
			return nil, err
		}
		out = append(out, a, c, se)
		return out, nil
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(workers)
	env.RegisterActivity(ShoutWithDC)
	env.RegisterWorkflow(GreeterWithDC)
	env.ExecuteWorkflow(wf) // replayed at the end, with the same Context converter
	var got []string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, []string{"hey!", "hi bob", "side"}, got)

	// The history holds what the Context's converter wrote.
	encodings := map[replay.EventType]string{}
	for _, ev := range env.History().Events {
		var p *converter.Payloads
		switch a := ev.Attributes.(type) {
		case *replay.ActivityTaskScheduledEventAttributes:
			p = a.Input
		case *replay.StartChildWorkflowExecutionInitiatedEventAttributes:
			p = a.Input
		case *replay.MarkerRecordedEventAttributes:
			p = a.Details["data"]
		case *replay.ActivityTaskCompletedEventAttributes:
			p = a.Result
		default:
			continue
		}
		encodings[ev.EventType] = p.Payloads[0].Encoding()
	}
	assert.Equal(t, map[replay.EventType]string{
		replay.EventTypeActivityTaskScheduled:                "text/reversed",
		replay.EventTypeStartChildWorkflowExecutionInitiated: "text/reversed",
		replay.EventTypeMarkerRecorded:                       "text/reversed",
		replay.EventTypeActivityTaskCompleted:                "json/plain", // the activity worker's
	}, encodings)
}

func TestWithDataConverterMisuse(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) ([]string, error) {
		custom := converter.NewCompositeDataConverter(reversed{}, converter.NewJSONPayloadConverter())
		local := workflow.WithLocalActivityOptions(workflow.WithDataConverter(ctx, custom), workflow.LocalActivityOptions{StartToCloseTimeout: 10e9})
		return []string{
			panicMessage(func() { workflow.WithDataConverter(ctx, nil) }),
			panicMessage(func() { workflow.ExecuteLocalActivity(local, ShoutWithDC, "x") }),
		}, nil
	}
	got := result[[]string](t, wf)
	assert.Equal(t, "workflow: WithDataConverter with a nil data converter", got[0])
	assert.Contains(t, got[1], "workflow: ExecuteLocalActivity with a Context from WithDataConverter")
}

func TestWithDataConverterDecodesResultsAndErrors(t *testing.T) {
	t.Parallel()
	custom := converter.NewCompositeDataConverter(reversed{}, converter.NewJSONPayloadConverter())
	wf := func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithDataConverter(ctx, custom)
		var last string
		err := workflow.GetLastCompletionResult(ctx, &last)
		if errors.Is(err, converter.ErrNoData) {
			return "none", nil
		}
		return last, err
	}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(converter.NewCompositeDataConverter(converter.NewJSONPayloadConverter(), reversed{}))
	env.SetLastCompletionResult("previous")
	env.ExecuteWorkflow(wf)
	var got string
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, "previous", got)
}
