package protobuf

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// TestReviewJSONAcceptsWhatTemporalAccepts: inputs at the edges of the
// protobuf JSON mapping (number forms in strings, enum numbers, duration
// forms, invalid UTF-8 and unpaired surrogate escapes) are accepted by
// wfsim exactly when Temporal's converter accepts them, and decode equal.
func TestReviewJSONAcceptsWhatTemporalAccepts(t *testing.T) {
	t.Parallel()
	ev := func() (any, any) { return new(*historypb.HistoryEvent), new(*historypb.HistoryEvent) }
	val := func() (any, any) { return new(*structpb.Value), new(*structpb.Value) }
	dur := func(d string) string {
		return `{"workflowExecutionStartedEventAttributes":{"workflowRunTimeout":"` + d + `"}}`
	}
	for _, tc := range []struct {
		data   string
		target func() (any, any)
	}{
		// integers and floats in strings follow JSON's number grammar
		{`{"eventId":"010"}`, ev},
		{`{"eventId":"1."}`, ev},
		{`{"eventId":".1e1"}`, ev},
		{`{"eventId":"+1"}`, ev},
		{`{"eventId":"1e1"}`, ev},
		{`{"eventId":"-0"}`, ev},
		{`{"eventId":"10.0"}`, ev},
		{`{"workflowExecutionStartedEventAttributes":{"header":{"fields":{"a":{"data":"YQ=="}}}},"eventId":"1E+2"}`, ev},
		{`{"activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"0x1p3"}}}`, ev},
		{`{"activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"010"}}}`, ev},
		{`{"activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"+1"}}}`, ev},
		{`{"activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"1.5e1"}}}`, ev},
		{`{"activityTaskScheduledEventAttributes":{"retryPolicy":{"backoffCoefficient":"inf"}}}`, ev},
		// enum numbers: integral JSON numbers
		{`{"eventType":1.0}`, ev},
		{`{"eventType":1e1}`, ev},
		{`{"eventType":1.5}`, ev},
		{`{"eventType":"1"}`, ev},
		// durations: protojson's forms
		{dur("+1s"), ev},
		{dur(".5s"), ev},
		{dur("1.s"), ev},
		{dur("-.5s"), ev},
		{dur("01s"), ev},
		{dur("00.5s"), ev},
		{dur("0.5s"), ev},
		{dur(".s"), ev},
		{dur("1.1234567890s"), ev},
		{dur("s"), ev},
		{dur("-s"), ev},
		{dur("+-1s"), ev},
		// strings: invalid UTF-8 and unpaired surrogates are errors
		{"\"a\xffb\"", val},
		{"{\"a\xff\":1}", val},
		{`"\ud800"`, val},
		{`"\udc00"`, val},
		{`"\ud800\u0041"`, val},
		{`"\ud83d\ude00"`, val},
		{`"\\ud800"`, val},
		{`"\"\ud800"`, val},
		{`"\u00e9\u0000"`, val},
		{`{"workflowExecutionStartedEventAttributes":{"workflowType":{"name":"\ud800x"}}}`, ev},
	} {
		w, tt := tc.target()
		werr := wfconverter.NewProtoJSONPayloadConverter().FromPayload(protoJSON(tc.data), w)
		terr := tconverter.NewProtoJSONPayloadConverter().FromPayload(&commonpb.Payload{Data: []byte(tc.data)}, tt)
		if (werr == nil) != (terr == nil) {
			t.Errorf("%s: wfsim %v, Temporal %v", tc.data, werr, terr)
			continue
		}
		if werr != nil {
			require.True(t, errors.Is(werr, wfconverter.ErrUnableToDecode), "%v", werr)
			continue
		}
		wm := derefMessage(w)
		tm := derefMessage(tt)
		require.True(t, proto.Equal(tm, wm), "%s: wfsim %v, Temporal %v", tc.data, wm, tm)
	}
}

func derefMessage(p any) proto.Message {
	switch p := p.(type) {
	case **historypb.HistoryEvent:
		return *p
	case **structpb.Value:
		return *p
	}
	panic("unexpected target")
}

// TestReviewAnyValueBytesAsTemporal: an Any read from JSON holds the
// value bytes protojson makes (defaults left out, fields in number order),
// so it equals Temporal's and encodes to the same binary payload.
func TestReviewAnyValueBytesAsTemporal(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		`{"@type":"type.googleapis.com/temporal.api.common.v1.WorkflowType","name":""}`,
		`{"@type":"type.googleapis.com/temporal.api.common.v1.WorkflowExecution","runId":"r","workflowId":"w"}`,
		`{"@type":"type.googleapis.com/google.protobuf.Int64Value","value":"0"}`,
		`{"@type":"type.googleapis.com/google.protobuf.Duration","value":"0s"}`,
		// an Any in an Any (it failed: "read only as a message field")
		`{"@type":"type.googleapis.com/google.protobuf.Any","value":{"@type":"type.googleapis.com/google.protobuf.Any",` +
			`"value":{"@type":"type.googleapis.com/temporal.api.common.v1.WorkflowType","name":"x"}}}`,
		`{"@type":"type.googleapis.com/google.protobuf.Any","value":{}}`,
	} {
		var w, tt *anypb.Any
		require.NoError(t, wfconverter.NewProtoJSONPayloadConverter().FromPayload(protoJSON(data), &w))
		require.NoError(t, tconverter.NewProtoJSONPayloadConverter().FromPayload(&commonpb.Payload{Data: []byte(data)}, &tt))
		require.True(t, proto.Equal(tt, w), "%s: wfsim %x, Temporal %x", data, w.GetValue(), tt.GetValue())
		wp, err := wfconverter.NewProtoPayloadConverter().ToPayload(w)
		require.NoError(t, err)
		tp, err := tconverter.NewProtoPayloadConverter().ToPayload(tt)
		require.NoError(t, err)
		require.Equal(t, tp.Data, wp.Data)
		wj, err := wfconverter.NewProtoJSONPayloadConverter().ToPayload(w)
		require.NoError(t, err)
		tj, err := tconverter.NewProtoJSONPayloadConverter().ToPayload(tt)
		require.NoError(t, err)
		require.JSONEq(t, string(tj.Data), string(wj.Data))
	}
}

// TestReviewNilPayload: a nil *Payload is no data, as for Temporal's
// converters (they read it with GetData): binary decodes an empty
// message, JSON fails with a typed error; neither panics.
func TestReviewNilPayload(t *testing.T) {
	t.Parallel()
	var w, tt *historypb.HistoryEvent
	require.NoError(t, tconverter.NewProtoPayloadConverter().FromPayload(nil, &tt))
	require.NoError(t, wfconverter.NewProtoPayloadConverter().FromPayload(nil, &w))
	require.True(t, proto.Equal(tt, w))
	require.Error(t, tconverter.NewProtoJSONPayloadConverter().FromPayload(nil, &tt))
	require.ErrorIs(t, wfconverter.NewProtoJSONPayloadConverter().FromPayload(nil, &w), wfconverter.ErrUnableToDecode)
	require.Equal(t, "", wfconverter.NewProtoJSONPayloadConverter().ToString(nil))
	require.Equal(t, "", wfconverter.NewProtoPayloadConverter().ToString(nil))
}

// TestReviewIntegerMapKeys: integer map keys are read as protojson reads
// them (strconv's decimal: "+1" and "01" yes, "1e1" no), and keys equal
// in value are duplicates.
func TestReviewIntegerMapKeys(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"1", "-1", "+1", "01", "-0", "1e1", "1.0", " 1", "2147483648", "x", ""} {
		for _, data := range []string{
			`{"typesInfo":{"` + key + `":{}}}`,
			`{"typesInfo":{"1":{},"` + key + `":{}}}`,
		} {
			var w, tt *taskqueuepb.TaskQueueVersionInfo
			werr := wfconverter.NewProtoJSONPayloadConverter().FromPayload(protoJSON(data), &w)
			terr := tconverter.NewProtoJSONPayloadConverter().FromPayload(&commonpb.Payload{Data: []byte(data)}, &tt)
			if (werr == nil) != (terr == nil) {
				t.Errorf("%s: wfsim %v, Temporal %v", data, werr, terr)
				continue
			}
			if werr == nil {
				require.True(t, proto.Equal(tt, w), "%s: wfsim %v, Temporal %v", data, w, tt)
			}
		}
	}
}
