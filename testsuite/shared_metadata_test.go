package testsuite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// The simulation's own payloads share their Metadata maps until a history
// is handed out (internal/sharedmeta). These tests change payloads the way
// a test may — in place — and check that nothing else changes.

func echoTwice(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var a, b string
	if err := workflow.ExecuteActivity(ctx, "Echo", name).Get(ctx, &a); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, "Echo", a).Get(ctx, &b); err != nil {
		return "", err
	}
	return b, nil
}

func echoEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(echoTwice)
	env.RegisterActivityWithOptions(func(_ context.Context, s string) (string, error) { return s + "!", nil }, activityName("Echo"))
	return env
}

// historyPayloads returns the payloads of h's workflow input and result
// and of its activities' inputs and results, in event order.
func historyPayloads(h *replay.History) []*converter.Payload {
	var out []*converter.Payload
	for _, ev := range h.Events {
		var ps *converter.Payloads
		switch a := ev.Attributes.(type) {
		case *replay.WorkflowExecutionStartedEventAttributes:
			ps = a.Input
		case *replay.ActivityTaskScheduledEventAttributes:
			ps = a.Input
		case *replay.ActivityTaskCompletedEventAttributes:
			ps = a.Result
		case *replay.WorkflowExecutionCompletedEventAttributes:
			ps = a.Result
		}
		out = append(out, ps.GetPayloads()...)
	}
	return out
}

func TestHistoryPayloadsOwnTheirMetadata(t *testing.T) {
	t.Parallel()
	env := echoEnv(t)
	env.ExecuteWorkflow(echoTwice, "a")
	require.NoError(t, env.GetWorkflowError())
	ps := historyPayloads(env.History())
	require.Len(t, ps, 6) // input, 2 × (activity input, result), result
	for _, p := range ps {
		require.Equal(t, converter.EncodingJSON, string(p.Metadata[converter.MetadataEncoding]))
	}

	// A test changes one payload's metadata in place.
	ps[1].Metadata[converter.MetadataEncoding] = []byte("binary/changed")
	ps[1].Metadata["extra"] = []byte("x")
	for i, p := range ps {
		if i == 1 {
			continue
		}
		assert.Equal(t, map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)}, p.Metadata, "payload %d", i)
	}

	// Nor does it reach another environment's payloads.
	again := echoEnv(t)
	again.ExecuteWorkflow(echoTwice, "b")
	var result string
	require.NoError(t, again.GetWorkflowResult(&result))
	assert.Equal(t, "b!!", result)
	for i, p := range historyPayloads(again.History()) {
		assert.Equal(t, map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)}, p.Metadata, "payload %d", i)
	}
}

func TestRawValuePayloadOwnsItsMetadata(t *testing.T) {
	t.Parallel()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivityWithOptions(func(_ context.Context, s string) (string, error) { return s + "!", nil }, activityName("Echo"))
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var raw converter.RawValue
		if err := workflow.ExecuteActivity(ctx, "Echo", "a").Get(ctx, &raw); err != nil {
			return "", err
		}
		// The workflow changes the payload it was handed.
		raw.Payload().Metadata["seen"] = []byte("yes")
		var out string
		err := workflow.ExecuteActivity(ctx, "Echo", "b").Get(ctx, &out)
		return out, err
	})
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "b!", result)
	ps := historyPayloads(env.History())
	require.Len(t, ps, 5) // activity inputs and results, workflow result
	assert.Equal(t, "yes", string(ps[1].Metadata["seen"]), "the payload handed to the workflow")
	for _, i := range []int{0, 2, 3, 4} {
		assert.Equal(t, map[string][]byte{converter.MetadataEncoding: []byte(converter.EncodingJSON)}, ps[i].Metadata, "payload %d", i)
	}
}

// stampCodec adds a metadata key to each payload in place, as some codecs
// do; the converter it wraps must hand it payloads of their own.
type stampCodec struct{}

func (stampCodec) Encode(ps []*converter.Payload) ([]*converter.Payload, error) {
	for _, p := range ps {
		p.Metadata["stamp"] = []byte("1")
	}
	return ps, nil
}

func (stampCodec) Decode(ps []*converter.Payload) ([]*converter.Payload, error) { return ps, nil }

func TestCodecChangingMetadataInPlace(t *testing.T) {
	t.Parallel()
	env := echoEnv(t)
	env.SetDataConverter(converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), stampCodec{}))
	env.ExecuteWorkflow(echoTwice, "a")
	var result string
	require.NoError(t, env.GetWorkflowResult(&result))
	assert.Equal(t, "a!!", result)
	for i, p := range historyPayloads(env.History()) {
		assert.Equal(t, "1", string(p.Metadata["stamp"]), "payload %d", i)
	}

	// The default converter's payloads, elsewhere, carry no stamp.
	plain := echoEnv(t)
	plain.ExecuteWorkflow(echoTwice, "a")
	require.NoError(t, plain.GetWorkflowError())
	for i, p := range historyPayloads(plain.History()) {
		assert.Nil(t, p.Metadata["stamp"], "payload %d", i)
	}
}
