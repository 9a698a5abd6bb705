package protobuf

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
)

func protoJSON(data string) *wfconverter.Payload {
	return &wfconverter.Payload{Metadata: map[string][]byte{"encoding": []byte("json/protobuf")}, Data: []byte(data)}
}

// TestProtoJSONBadInput: JSON that does not fit the message gives a
// *DecodeError (errors.Is ErrUnableToDecode) whose *ProtoFieldError names
// the message and field and says what came; Temporal rejects the same
// input.
func TestProtoJSONBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, data   string
		message      string
		field        string
		wantInReason string
	}{
		{"unknown field", `{"eventId":"1","bogus":2}`, "temporal.api.history.v1.HistoryEvent", "", `unknown field "bogus"`},
		{"duplicate field", `{"eventId":"1","event_id":"2"}`, "temporal.api.history.v1.HistoryEvent", "event_id", "duplicate field"},
		{"two oneof members", `{"timerFiredEventAttributes":{},"timerStartedEventAttributes":{}}`, "temporal.api.history.v1.HistoryEvent", "timer_started_event_attributes", "oneof attributes is already set"},
		{"int32 overflow", `{"timerFiredEventAttributes":{"startedEventId":"1"},"workflowTaskScheduledEventAttributes":{"attempt":4294967296}}`, "temporal.api.history.v1.HistoryEvent", "workflow_task_scheduled_event_attributes", "oneof"},
		{"string for int", `{"eventId":"abc"}`, "temporal.api.history.v1.HistoryEvent", "event_id", `string "abc"`},
		{"fraction for int", `{"eventId":1.5}`, "temporal.api.history.v1.HistoryEvent", "event_id", "number 1.5"},
		{"number for bool", `{"version":"1","workerMayIgnore":1}`, "temporal.api.history.v1.HistoryEvent", "worker_may_ignore", "true or false"},
		{"unknown enum name", `{"eventType":"EVENT_TYPE_NOPE"}`, "temporal.api.history.v1.HistoryEvent", "event_type", "EVENT_TYPE_NOPE"},
		{"bad timestamp", `{"eventTime":"yesterday"}`, "google.protobuf.Timestamp", "", `"yesterday"`},
		{"bad duration", `{"workflowExecutionStartedEventAttributes":{"workflowRunTimeout":"5 minutes"}}`, "google.protobuf.Duration", "", `"5 minutes"`},
		{"bad base64", `{"workflowExecutionStartedEventAttributes":{"input":{"payloads":[{"data":"!!"}]}}}`, "temporal.api.common.v1.Payload", "data", "base64"},
		{"array for message", `{"workflowExecutionStartedEventAttributes":[]}`, "temporal.api.history.v1.WorkflowExecutionStartedEventAttributes", "", "an array"},
		{"truncated", `{"eventId":`, "temporal.api.history.v1.HistoryEvent", "event_id", "invalid JSON"},
		{"trailing data", `{} {}`, "temporal.api.history.v1.HistoryEvent", "", "after the message"},
		{"empty", ``, "temporal.api.history.v1.HistoryEvent", "", "invalid JSON"},
	}
	wc := wfconverter.NewProtoJSONPayloadConverter()
	tc := tconverter.NewProtoJSONPayloadConverter()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var ev *historypb.HistoryEvent
			err := wc.FromPayload(protoJSON(c.data), &ev)
			require.Error(t, err)
			require.ErrorIs(t, err, wfconverter.ErrUnableToDecode)
			var fe *wfconverter.ProtoFieldError
			require.ErrorAs(t, err, &fe, "%v", err)
			require.Equal(t, c.message, fe.Message, "%v", err)
			require.Equal(t, c.field, fe.Field, "%v", err)
			require.Contains(t, err.Error(), c.wantInReason)
			require.Contains(t, err.Error(), "*history.HistoryEvent")

			var tev *historypb.HistoryEvent
			require.Error(t, tc.FromPayload(&commonpb.Payload{Data: []byte(c.data)}, &tev), "Temporal accepts %s", c.data)
		})
	}
}

// TestProtoJSONLenientOptions: AllowUnknownFields skips unknown fields
// and enum names; LegacyTemporalProtoCompat reads the enum names of
// Temporal's older JSON; both as Temporal's converter does.
func TestProtoJSONLenientOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts wfconverter.ProtoJSONPayloadConverterOptions
		topt tconverter.ProtoJSONPayloadConverterOptions
		data string
	}{
		{"unknown fields", wfconverter.ProtoJSONPayloadConverterOptions{AllowUnknownFields: true},
			tconverter.ProtoJSONPayloadConverterOptions{AllowUnknownFields: true},
			`{"eventId":"3","bogus":{"a":[1,{"b":null}]},"eventType":"EVENT_TYPE_NOPE","timerFiredEventAttributes":{"timerId":"t","x":1}}`},
		{"legacy enum names", wfconverter.ProtoJSONPayloadConverterOptions{LegacyTemporalProtoCompat: true},
			tconverter.ProtoJSONPayloadConverterOptions{LegacyTemporalProtoCompat: true},
			`{"eventId":"3","eventType":"WorkflowExecutionStarted","workflowExecutionStartedEventAttributes":{"initiator":"CronSchedule"}}`},
		{"numbers in many forms", wfconverter.ProtoJSONPayloadConverterOptions{}, tconverter.ProtoJSONPayloadConverterOptions{},
			`{"eventId":1e3,"version":"-7","eventType":5,"taskId":"2.0e1","workflowTaskScheduledEventAttributes":{"attempt":"4","startToCloseTimeout":"-1.5s"}}`},
		{"nulls and proto names", wfconverter.ProtoJSONPayloadConverterOptions{}, tconverter.ProtoJSONPayloadConverterOptions{},
			`{"event_id":null,"event_time":"2026-01-02T03:04:05.000000006+01:00","timer_fired_event_attributes":{"timer_id":"x","started_event_id":null}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got, want historypb.HistoryEvent
			require.NoError(t, wfconverter.NewProtoJSONPayloadConverterWithOptions(c.opts).FromPayload(protoJSON(c.data), &got))
			require.NoError(t, tconverter.NewProtoJSONPayloadConverterWithOptions(c.topt).FromPayload(&commonpb.Payload{Data: []byte(c.data)}, &want))
			require.True(t, proto.Equal(&want, &got), "got %v\nwant %v", &got, &want)
		})
	}
	var strict historypb.HistoryEvent
	err := wfconverter.NewProtoJSONPayloadConverter().FromPayload(protoJSON(`{"eventType":"WorkflowExecutionStarted"}`), &strict)
	require.ErrorIs(t, err, wfconverter.ErrUnableToDecode, "a legacy enum name without the option")
}

// TestProtobufTargets: decoding into a message by value, into a nil
// pointer (allocated) and into an existing message (reset first), as
// Temporal's converters do.
func TestProtobufTargets(t *testing.T) {
	t.Parallel()
	want := &historypb.HistoryEvent{EventId: 9, EventType: enumspb.EVENT_TYPE_TIMER_FIRED}
	for _, pc := range []wfconverter.PayloadConverter{wfconverter.NewProtoJSONPayloadConverter(), wfconverter.NewProtoPayloadConverter()} {
		t.Run(pc.Encoding(), func(t *testing.T) {
			t.Parallel()
			p, err := pc.ToPayload(want)
			require.NoError(t, err)
			byValue, err := pc.ToPayload(historypb.HistoryEvent{EventId: 9, EventType: enumspb.EVENT_TYPE_TIMER_FIRED}) //nolint:govet // a message by value is accepted, as in Temporal
			require.NoError(t, err)
			require.Equal(t, p.Metadata, byValue.Metadata)

			var val historypb.HistoryEvent
			require.NoError(t, pc.FromPayload(p, &val))
			require.True(t, proto.Equal(want, &val))

			var nilPtr *historypb.HistoryEvent
			require.NoError(t, pc.FromPayload(p, &nilPtr))
			require.True(t, proto.Equal(want, nilPtr))

			existing := &historypb.HistoryEvent{TaskId: 77, Version: 3}
			require.NoError(t, pc.FromPayload(p, &existing))
			require.True(t, proto.Equal(want, existing), "not reset: %v", existing)
		})
	}
}

// TestAnyOfUnknownType: an Any whose type is not linked into the program
// gives a typed error naming the type URL, as Temporal's does; one whose
// type is linked converts as Temporal's does, whatever the converter met
// before (it used to need the type met first: the outcome depended on
// call order).
func TestAnyOfUnknownType(t *testing.T) {
	t.Parallel()
	a, err := anypb.New(durationpb.New(1500e6))
	require.NoError(t, err)
	c := wfconverter.NewProtoJSONPayloadConverter()
	p, err := c.ToPayload(a)
	require.NoError(t, err)
	require.JSONEq(t, `{"@type":"type.googleapis.com/google.protobuf.Duration","value":"1.500s"}`, string(p.Data))
	var back *anypb.Any
	require.NoError(t, wfconverter.NewProtoJSONPayloadConverter().FromPayload(p, &back))
	require.True(t, proto.Equal(a, back))

	unknown := &anypb.Any{TypeUrl: "type.googleapis.com/no.such.Message", Value: []byte{8, 1}}
	_, err = c.ToPayload(unknown)
	require.ErrorIs(t, err, wfconverter.ErrUnableToEncode)
	require.Contains(t, err.Error(), "type.googleapis.com/no.such.Message")
	_, terr := tconverter.NewProtoJSONPayloadConverter().ToPayload(unknown)
	require.Error(t, terr)

	err = c.FromPayload(protoJSON(`{"@type":"type.googleapis.com/no.such.Message"}`), &back)
	require.ErrorIs(t, err, wfconverter.ErrUnableToDecode)
	require.Contains(t, err.Error(), "type.googleapis.com/no.such.Message")
}

// FuzzProtoJSONDecode: any input decodes or fails with a typed error,
// never a panic; what wfsim accepts and Temporal accepts decode equal.
func FuzzProtoJSONDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"eventId":"1"}`, `{"eventTime":"2020-01-01T00:00:00Z","timerFiredEventAttributes":{"timerId":"a"}}`,
		`{"workflowExecutionStartedEventAttributes":{"input":{"payloads":[{"metadata":{"a":"YQ=="},"data":"AQ=="}]},"workflowRunTimeout":"1s"}}`,
		`{"eventType":"EVENT_TYPE_TIMER_FIRED","version":1e2}`, `[`, `{"a":}`, `null`} {
		f.Add([]byte(s))
	}
	wc := wfconverter.NewProtoJSONPayloadConverter()
	tc := tconverter.NewProtoJSONPayloadConverter()
	f.Fuzz(func(t *testing.T, data []byte) {
		var got *historypb.HistoryEvent
		err := wc.FromPayload(protoJSON(string(data)), &got)
		if err != nil {
			if !errors.Is(err, wfconverter.ErrUnableToDecode) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		var want *historypb.HistoryEvent
		if tc.FromPayload(&commonpb.Payload{Data: data}, &want) != nil {
			return // wfsim is more lenient here (json.Decoder's rules)
		}
		if !proto.Equal(want, got) && !strings.Contains(string(data), `\u`) {
			t.Fatalf("%s: wfsim %v, Temporal %v", data, got, want)
		}
	})
}

// FuzzProtoBinaryDecode: any bytes decode or fail with a typed error,
// never a panic, and decode as Temporal's converter decodes them.
func FuzzProtoBinaryDecode(f *testing.F) {
	seed, err := proto.Marshal(startedEvent())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte{0x08, 0x80})
	wc := wfconverter.NewProtoPayloadConverter()
	tc := tconverter.NewProtoPayloadConverter()
	f.Fuzz(func(t *testing.T, data []byte) {
		var got *historypb.HistoryEvent
		err := wc.FromPayload(&wfconverter.Payload{Data: data}, &got)
		var want *historypb.HistoryEvent
		terr := tc.FromPayload(&commonpb.Payload{Data: data}, &want)
		if (err == nil) != (terr == nil) {
			t.Fatalf("wfsim: %v, Temporal: %v", err, terr)
		}
		if err != nil {
			if !errors.Is(err, wfconverter.ErrUnableToDecode) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if !proto.Equal(want, got) {
			t.Fatalf("wfsim %v, Temporal %v", got, want)
		}
	})
}
