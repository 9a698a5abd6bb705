package testsuite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// rawJSONConverter is a whole DataConverter written the way Temporal's
// samples write one (samples-go pso/dataconverter.go): against commonpb,
// building &commonpb.Payloads{} and appending to its Payloads field. Only
// the imports differ from its Temporal form. Its payloads are JSON lines
// under an encoding of its own, so the test can tell them from the default
// converter's.
type rawJSONConverter struct{}

const rawJSONEncoding = "raw"

func (dc rawJSONConverter) ToPayloads(values ...interface{}) (*commonpb.Payloads, error) {
	payloads := &commonpb.Payloads{}
	for _, v := range values {
		p, err := dc.ToPayload(v)
		if err != nil {
			return nil, err
		}
		payloads.Payloads = append(payloads.Payloads, p)
	}
	return payloads, nil
}

func (rawJSONConverter) ToPayload(value interface{}) (*commonpb.Payload, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(value); err != nil {
		return nil, fmt.Errorf("unable to encode argument: %T, with error: %w", value, err)
	}
	return &commonpb.Payload{
		Metadata: map[string][]byte{"encoding": []byte(rawJSONEncoding)},
		Data:     buf.Bytes(),
	}, nil
}

func (dc rawJSONConverter) FromPayloads(payloads *commonpb.Payloads, valuePtrs ...interface{}) error {
	if payloads == nil {
		return nil
	}
	for i, p := range payloads.Payloads {
		if i >= len(valuePtrs) {
			break
		}
		if err := dc.FromPayload(p, valuePtrs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (rawJSONConverter) FromPayload(p *commonpb.Payload, valuePtr interface{}) error {
	return json.NewDecoder(bytes.NewReader(p.GetData())).Decode(valuePtr)
}

func (rawJSONConverter) ToString(p *commonpb.Payload) string {
	return string(bytes.TrimSpace(p.GetData()))
}

func (dc rawJSONConverter) ToStrings(payloads *commonpb.Payloads) []string {
	var out []string
	for _, p := range payloads.GetPayloads() {
		out = append(out, dc.ToString(p))
	}
	return out
}

type rawOrder struct {
	ID  string
	Qty int
}

func RawPrice(_ context.Context, o rawOrder, unit int) (rawOrder, error) {
	return rawOrder{ID: o.ID + "-priced", Qty: o.Qty * unit}, nil
}

func RawWorkflow(ctx workflow.Context, o rawOrder, unit int) (rawOrder, error) {
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var priced rawOrder
	if err := workflow.ExecuteActivity(actx, RawPrice, o, unit).Get(ctx, &priced); err != nil {
		return rawOrder{}, err
	}
	var note string
	workflow.GetSignalChannel(ctx, "note").Receive(ctx, &note)
	priced.ID += "/" + note
	return priced, nil
}

func TestTemporalShapedDataConverterRoundTrips(t *testing.T) {
	t.Parallel()
	dc := rawJSONConverter{}
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(dc)
	env.RegisterActivity(RawPrice)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow("note", "signed") }, time.Minute)

	env.ExecuteWorkflow(RawWorkflow, rawOrder{ID: "o1", Qty: 3}, 5)

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var got rawOrder
	require.NoError(t, env.GetWorkflowResult(&got))
	assert.Equal(t, rawOrder{ID: "o1-priced/signed", Qty: 15}, got)

	// The history holds the converter's payloads, as a worker using it
	// would send them: walk them as Temporal code walks *commonpb.Payloads.
	h := env.History()
	seen := map[replay.EventType][]string{}
	for _, ev := range h.Events {
		var ps *commonpb.Payloads
		switch a := ev.Attributes.(type) {
		case *replay.WorkflowExecutionStartedEventAttributes:
			ps = a.Input
		case *replay.ActivityTaskScheduledEventAttributes:
			ps = a.Input
		case *replay.ActivityTaskCompletedEventAttributes:
			ps = a.Result
		case *replay.WorkflowExecutionSignaledEventAttributes:
			ps = a.Input
		case *replay.WorkflowExecutionCompletedEventAttributes:
			ps = a.Result
		default:
			continue
		}
		for _, p := range ps.GetPayloads() {
			assert.Equal(t, rawJSONEncoding, string(p.GetMetadata()["encoding"]), "%v", ev.EventType)
		}
		seen[ev.EventType] = dc.ToStrings(ps)
	}
	assert.Equal(t, map[replay.EventType][]string{
		replay.EventTypeWorkflowExecutionStarted:   {`{"ID":"o1","Qty":3}`, "5"},
		replay.EventTypeActivityTaskScheduled:      {`{"ID":"o1","Qty":3}`, "5"},
		replay.EventTypeActivityTaskCompleted:      {`{"ID":"o1-priced","Qty":15}`},
		replay.EventTypeWorkflowExecutionSignaled:  {`"signed"`},
		replay.EventTypeWorkflowExecutionCompleted: {`{"ID":"o1-priced/signed","Qty":15}`},
	}, seen)

	// A replayer given the converter in its worker options reads the
	// history back, through its JSON form.
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var back replay.History
	require.NoError(t, json.Unmarshal(b, &back))
	r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DataConverter: dc, Strict: true})
	require.NoError(t, err)
	r.RegisterWorkflow(RawWorkflow)
	require.NoError(t, r.ReplayWorkflowHistory(nil, &back))
}

func RawNoArgs(context.Context) (string, error) { return "done", nil }

// A converter that gives an empty, non-nil Payloads for no values (as the
// samples' converters do) is read as giving no values, and the history
// records the empty message as Temporal's JSON does ("input":{}).
func TestTemporalShapedDataConverterNoValues(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(rawJSONConverter{})
	env.RegisterActivity(RawNoArgs)
	env.ExecuteWorkflow(func(ctx workflow.Context) (string, error) {
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		var s string
		err := workflow.ExecuteActivity(actx, RawNoArgs).Get(ctx, &s)
		return s, err
	})
	require.NoError(t, env.GetWorkflowError())
	var s string
	require.NoError(t, env.GetWorkflowResult(&s))
	assert.Equal(t, "done", s)
	for _, ev := range env.History().Events {
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
			require.NotNil(t, a.Input)
			assert.Empty(t, a.Input.GetPayloads())
		}
	}
	b, err := json.Marshal(env.History())
	require.NoError(t, err)
	assert.Contains(t, string(b), `"activityType":{"name":"RawNoArgs"},"taskQueue":{"name":"default-test-taskqueue","kind":"TASK_QUEUE_KIND_NORMAL"},"input":{}`)

	var dc converter.DataConverter = rawJSONConverter{}
	assert.NoError(t, dc.FromPayloads(nil))
	assert.Nil(t, converter.GetDefaultDataConverter().ToStrings(nil))
}
