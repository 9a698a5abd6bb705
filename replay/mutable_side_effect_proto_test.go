package replay_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// sleepForMutable sleeps as many seconds as a MutableSideEffect says, so
// a misread recorded value is a different timer.
func sleepForMutable(ctx workflow.Context) (int, error) {
	var n int
	err := workflow.MutableSideEffect(ctx, "n", func(workflow.Context) any { return 3 },
		func(a, b any) bool { return a.(int) == b.(int) }).Get(&n)
	if err != nil {
		return 0, err
	}
	return n, workflow.Sleep(ctx, time.Duration(n)*time.Second)
}

// binaryPayloadsMessage encodes payloads as the binary/protobuf
// temporal.api.common.v1.Payloads message (repeated Payload, field 1).
func binaryPayloadsMessage(t *testing.T, ps *converter.Payloads) *converter.Payload {
	var data []byte
	for _, p := range ps.GetPayloads() {
		b, err := p.Marshal()
		require.NoError(t, err)
		data = append(data, 1<<3|2, byte(len(b))) // short payloads: one-byte length
		data = append(data, b...)
	}
	return &converter.Payload{Metadata: map[string][]byte{
		converter.MetadataEncoding:    []byte(converter.EncodingProto),
		converter.MetadataMessageType: []byte("temporal.api.common.v1.Payloads"),
	}, Data: data}
}

// TestReplayMutableSideEffectBinaryProtobuf replays a MutableSideEffect
// marker whose value message is binary/protobuf, as a Temporal worker
// writes it when its data converter has ProtoPayloadConverter first
// (compare/protobuf/testdata/server_memo.run2.binpb.json), and as
// json/protobuf, as the default converter writes it.
func TestReplayMutableSideEffectBinaryProtobuf(t *testing.T) {
	t.Parallel()
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.ExecuteWorkflow(sleepForMutable)
	require.NoError(t, env.GetWorkflowError())
	recorded := env.History()

	tests := []struct {
		name   string
		binary bool
	}{
		{name: "json/protobuf"},
		{name: "binary/protobuf", binary: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := copyHistory(t, recorded)
			found := false
			for _, ev := range h.Events {
				a := ev.GetMarkerRecordedEventAttributes()
				if a == nil || a.MarkerName != "MutableSideEffect" {
					continue
				}
				found = true
				data := a.Details["data"]
				require.Len(t, data.GetPayloads(), 2)
				require.Equal(t, converter.EncodingProtoJSON, data.Payloads[1].Encoding())
				if tt.binary {
					var msg converter.Payloads
					require.NoError(t, json.Unmarshal(data.Payloads[1].Data, &msg))
					data.Payloads[1] = binaryPayloadsMessage(t, &msg)
				}
			}
			require.True(t, found, "no MutableSideEffect marker")
			r := replay.NewWorkflowReplayer()
			r.RegisterWorkflow(sleepForMutable)
			require.NoError(t, r.ReplayWorkflowHistory(nil, h))
		})
	}
}

// copyHistory returns a deep copy of h, through its JSON.
func copyHistory(t *testing.T, h *replay.History) *replay.History {
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var c replay.History
	require.NoError(t, json.Unmarshal(b, &c))
	return &c
}
