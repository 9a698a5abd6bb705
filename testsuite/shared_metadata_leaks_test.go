package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// More ways a test or its code could reach a payload the simulation made
// with shared metadata (internal/sharedmeta). Each test changes a payload's
// metadata in place and checks that no other payload changed. None runs in
// parallel: were a shared map changed, other tests would see it until the
// test puts it back (scrub).

// jsonOnly is the metadata of a JSON payload nobody changed.
var jsonOnly = map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)}

// scrub removes key from the metadata of ps, a shared map included, so
// that a failing test leaves the shared maps as they were.
func scrub(key string, ps []*converter.Payload) {
	for _, p := range ps {
		delete(p.Metadata, key)
	}
}

// A history taken while the run is under way is the run's own: the events
// recorded after it was handed out must own their maps too.
func TestHistoryTakenMidRunOwnsLaterPayloads(t *testing.T) {
	env := echoEnv(t)
	var h *replay.History
	env.SetOnActivityStartedListener(func(*activity.Info, context.Context, converter.EncodedValues) {
		if h == nil {
			h = env.History()
		}
	})
	env.ExecuteWorkflow(echoTwice, "a")
	require.NoError(t, env.GetWorkflowError())
	require.NotNil(t, h)
	ps := historyPayloads(h) // the same history, now complete
	require.Len(t, ps, 6)
	defer scrub("extra", ps)
	last := ps[len(ps)-1] // the workflow's result, recorded after History
	last.Metadata["extra"] = []byte("x")
	for i, p := range ps[:len(ps)-1] {
		assert.Equal(t, jsonOnly, p.Metadata, "payload %d", i)
	}
}

// decodeStamp is a codec that marks, in place, the payloads it decodes.
type decodeStamp struct{}

func (decodeStamp) Encode(ps []*converter.Payload) ([]*converter.Payload, error) { return ps, nil }

func (decodeStamp) Decode(ps []*converter.Payload) ([]*converter.Payload, error) {
	for _, p := range ps {
		p.Metadata["decoded"] = []byte("1")
	}
	return ps, nil
}

func stampingDC() converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), decodeStamp{})
}

// An activity's result decodes with WithDataConverter's converter: it
// must receive payloads of their own.
func TestWithDataConverterDecodesOwnActivityResult(t *testing.T) {
	env := echoEnv(t)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var a, b string
		if err := workflow.ExecuteActivity(workflow.WithDataConverter(ctx, stampingDC()), "Echo", "a").Get(ctx, &a); err != nil {
			return "", err
		}
		err := workflow.ExecuteActivity(ctx, "Echo", a).Get(ctx, &b)
		return b, err
	})
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "a!!", result)
	ps := historyPayloads(env.History())
	require.Len(t, ps, 5) // 2 × (activity input, result), workflow result
	defer scrub("decoded", ps)
	assert.Equal(t, "1", string(ps[1].Metadata["decoded"]), "the result the codec decoded")
	for _, i := range []int{0, 2, 3, 4} {
		assert.Equal(t, jsonOnly, ps[i].Metadata, "payload %d", i)
	}
}

func echoChild(_ workflow.Context, s string) (string, error) { return s + "!", nil }

// So does a child workflow's result.
func TestWithDataConverterDecodesOwnChildResult(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(echoChild)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		var a, b string
		if err := workflow.ExecuteChildWorkflow(workflow.WithDataConverter(ctx, stampingDC()), echoChild, "a").Get(ctx, &a); err != nil {
			return "", err
		}
		err := workflow.ExecuteChildWorkflow(ctx, echoChild, a).Get(ctx, &b)
		return b, err
	})
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "a!!", result)
	var ps []*converter.Payload
	for _, ev := range env.History().Events {
		if a, ok := ev.Attributes.(*replay.ChildWorkflowExecutionCompletedEventAttributes); ok {
			ps = append(ps, a.Result.GetPayloads()...)
		}
	}
	require.Len(t, ps, 2)
	defer scrub("decoded", ps)
	assert.Equal(t, "1", string(ps[0].Metadata["decoded"]), "the result the codec decoded")
	assert.Equal(t, jsonOnly, ps[1].Metadata)
}

// And the last completion result of a cron run.
func TestWithDataConverterDecodesOwnLastCompletionResult(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	cron := func(ctx workflow.Context) (string, error) {
		last := ""
		if workflow.HasLastCompletionResult(ctx) {
			if err := workflow.GetLastCompletionResult(workflow.WithDataConverter(ctx, stampingDC()), &last); err != nil {
				return "", err
			}
		}
		return last + "!", nil
	}
	env.RegisterWorkflowWithOptions(cron, workflow.RegisterOptions{Name: "cron"})
	env.ExecuteWorkflow(func(ctx workflow.Context) error {
		ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: "cron", CronSchedule: "@hourly"})
		workflow.ExecuteChildWorkflow(ctx, "cron")
		return workflow.Sleep(ctx, 150*time.Minute)
	})
	require.NoError(t, env.GetWorkflowError())
	var ps []*converter.Payload
	for _, h := range env.Histories("cron") {
		for _, ev := range h.Events {
			if a, ok := ev.Attributes.(*replay.WorkflowExecutionCompletedEventAttributes); ok {
				ps = append(ps, a.Result.GetPayloads()...)
			}
		}
	}
	require.GreaterOrEqual(t, len(ps), 2)
	defer scrub("decoded", ps)
	assert.Equal(t, "1", string(ps[0].Metadata["decoded"]), "the result the second run decoded")
	assert.Equal(t, jsonOnly, ps[len(ps)-1].Metadata, "the last run's result, never decoded")
}
