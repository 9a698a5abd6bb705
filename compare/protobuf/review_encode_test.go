package protobuf

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

// TestReviewUnknownFieldsOfKnownNumbers: bytes whose field numbers are
// known but whose wire types do not fit (and groups) are unknown fields
// for the protobuf runtime; a message read from them encodes to JSON as
// Temporal's converter encodes it, without them.
func TestReviewUnknownFieldsOfKnownNumbers(t *testing.T) {
	t.Parallel()
	wc := wfconverter.NewProtoJSONPayloadConverter()
	tc := tconverter.NewProtoJSONPayloadConverter()
	for _, tc2 := range []struct {
		name string
		data []byte
		msg  func() proto.Message
	}{
		{"int64 field as bytes", []byte{0x0a, 1, 'x', 0x10, 0x07}, func() proto.Message { return &historypb.HistoryEvent{} }},
		{"string field as varint", []byte{0x18, 0x01}, func() proto.Message { return &commonpb.WorkflowType{} }},
		{"unknown group", []byte{0x0b, 0x08, 0x01, 0x0c, 0x10, 0x07}, func() proto.Message { return &historypb.HistoryEvent{} }},
		{"nested groups", []byte{0x8b, 0x01, 0x13, 0x14, 0x1b, 0x0a, 0x00, 0x1c, 0x8c, 0x01, 0x10, 0x07}, func() proto.Message { return &historypb.HistoryEvent{} }},
		{"known group number", []byte{0x0b, 0x0c}, func() proto.Message { return &commonpb.WorkflowType{} }},
		{"Value kind as fixed32", []byte{0x15, 1, 2, 3, 4, 0x20, 0x01}, func() proto.Message { return &structpb.Value{} }},
		{"list of messages as varint", []byte{0x08, 0x01}, func() proto.Message { return &structpb.ListValue{} }},
	} {
		t.Run(tc2.name, func(t *testing.T) {
			m := tc2.msg()
			require.NoError(t, proto.Unmarshal(tc2.data, m))
			tp, terr := tc.ToPayload(m)
			wp, werr := wc.ToPayload(m)
			if terr != nil {
				require.Error(t, werr, "Temporal: %v", terr)
				return
			}
			require.NoError(t, werr)
			var tj, wj any
			require.NoError(t, json.Unmarshal(tp.Data, &tj))
			require.NoError(t, json.Unmarshal(wp.Data, &wj))
			require.Equal(t, tj, wj, "wfsim %s, Temporal %s", wp.Data, tp.Data)
		})
	}
}

// TestReviewBigMapEncodesInLinearTime: map fields with many entries
// encode to JSON in about linear time (the duplicate-key check was
// quadratic: 20,000 entries took 0.5 s, 200,000 about a minute).
func TestReviewBigMapEncodesInLinearTime(t *testing.T) {
	t.Parallel()
	fields := map[string]*commonpb.Payload{}
	for i := range 200_000 {
		fields[fmt.Sprint(i)] = &commonpb.Payload{}
	}
	h := &commonpb.Header{Fields: fields}
	start := time.Now()
	p, err := wfconverter.NewProtoJSONPayloadConverter().ToPayload(h)
	require.NoError(t, err)
	require.Less(t, time.Since(start), 20*time.Second)
	var back *commonpb.Header
	require.NoError(t, wfconverter.NewProtoJSONPayloadConverter().FromPayload(p, &back))
	require.Len(t, back.Fields, len(fields))
}
