package protobuf

import (
	"reflect"
	"testing"

	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

// sizeCacheEvent is a message with messages nested every way: a oneof, a
// pointer, a repeated field and a map.
func sizeCacheEvent() *historypb.HistoryEvent {
	return &historypb.HistoryEvent{
		EventId:   1,
		EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{
			WorkflowExecutionStartedEventAttributes: &historypb.WorkflowExecutionStartedEventAttributes{
				WorkflowType: &commonpb.WorkflowType{Name: "Greet"},
				TaskQueue:    &taskqueuepb.TaskQueue{Name: "q"},
				Input: &commonpb.Payloads{Payloads: []*commonpb.Payload{
					{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"a"`)},
					{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"b"`)},
				}},
				Memo: &commonpb.Memo{Fields: map[string]*commonpb.Payload{
					"k": {Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`1`)},
				}},
			},
		},
	}
}

// Encoding a message to "json/protobuf" leaves its size caches as they
// were, as Temporal's converter (protojson) does: a test that hands a
// message to a mock and compares it with what the workflow received by
// reflect.DeepEqual (testify's Equal) saw them differ (skia-buildbot's
// culprit finder tests). The generated Marshal that wfsim's encoder goes
// through fills every message's size cache, which it puts back (as it
// found them: filled by proto.Size too). The runtime's other lazy state is
// TestProtoJSONLeavesMessagesAsTemporalDoes's.
func TestProtoJSONEncodingLeavesSizeCachesAlone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		prepare func(*historypb.HistoryEvent)
	}{
		{"fresh message", func(*historypb.HistoryEvent) {}},
		{"caches already filled", func(m *historypb.HistoryEvent) { proto.Size(m) }},
	} {
		for _, c := range []struct {
			name string
			conv interface {
				ToPayload(any) (*commonpb.Payload, error)
				FromPayload(*commonpb.Payload, any) error
			}
		}{
			{"wfsim", wfsimProtoJSON{wfconverter.NewProtoJSONPayloadConverter()}},
			{"Temporal", tconverter.NewProtoJSONPayloadConverter()},
		} {
			t.Run(tc.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				msg := sizeCacheEvent()
				tc.prepare(msg)
				before := atomicSizeCaches(msg)
				p, err := c.conv.ToPayload(msg)
				if err != nil {
					t.Fatal(err)
				}
				if after := atomicSizeCaches(msg); after != before {
					t.Errorf("encoding changed the message's size cache from %d to %d", before, after)
				}
				var back historypb.HistoryEvent
				if err := c.conv.FromPayload(p, &back); err != nil {
					t.Fatal(err)
				}
				if !proto.Equal(&back, msg) {
					t.Errorf("decoded %v, want %v", &back, msg)
				}
			})
		}
	}
}

// wfsimProtoJSON gives wfsim's converter the signature of Temporal's.
type wfsimProtoJSON struct {
	c *wfconverter.ProtoJSONPayloadConverter
}

func (w wfsimProtoJSON) ToPayload(v any) (*commonpb.Payload, error) {
	p, err := w.c.ToPayload(v)
	if err != nil {
		return nil, err
	}
	return toTemporal(p), nil
}

func (w wfsimProtoJSON) FromPayload(p *commonpb.Payload, v any) error {
	return w.c.FromPayload(fromTemporal(p), v)
}

// atomicSizeCaches sums the size caches of the event's nested messages
// that the test builds (their sizes, as the protobuf runtime keeps them).
func atomicSizeCaches(m *historypb.HistoryEvent) int {
	a := m.GetWorkflowExecutionStartedEventAttributes()
	n := 0
	for _, sub := range []proto.Message{m, a, a.WorkflowType, a.TaskQueue, a.Input, a.Input.Payloads[0], a.Memo, a.Memo.Fields["k"]} {
		n += int(reflect.ValueOf(sub).Elem().FieldByName("sizeCache").Int())
	}
	return n
}

// Encoding to "json/protobuf" and decoding from it leave messages as
// Temporal's converter does, down to the runtime's lazy state that
// reflect.DeepEqual (testify's Equal) also compares: protojson reaches
// every nested message through ProtoReflect, which stores the message's
// type in it; wfsim's converter used to do so only for the top message.
// So a test that compares a message it handed to a mock with what the
// workflow decoded, as in Temporal, finds them equal.
func TestProtoJSONLeavesMessagesAsTemporalDoes(t *testing.T) {
	t.Parallel()
	w := wfsimProtoJSON{wfconverter.NewProtoJSONPayloadConverter()}
	tc := tconverter.NewProtoJSONPayloadConverter()
	wOrig, tOrig := sizeCacheEvent(), sizeCacheEvent()
	wp, err := w.ToPayload(wOrig)
	if err != nil {
		t.Fatal(err)
	}
	tp, err := tc.ToPayload(tOrig)
	if err != nil {
		t.Fatal(err)
	}
	var wBack, tBack historypb.HistoryEvent
	if err := w.FromPayload(wp, &wBack); err != nil {
		t.Fatal(err)
	}
	if err := tc.FromPayload(tp, &tBack); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tOrig, &tBack) {
		t.Fatal("Temporal: the encoded message and the decoded one differ; the test's premise is wrong")
	}
	if !reflect.DeepEqual(wOrig, &wBack) {
		t.Error("wfsim: the encoded message and the decoded one differ under reflect.DeepEqual")
	}
	if !reflect.DeepEqual(wOrig, tOrig) {
		t.Error("the message wfsim encoded differs from the one Temporal encoded under reflect.DeepEqual")
	}
	if !reflect.DeepEqual(&wBack, &tBack) {
		t.Error("the message wfsim decoded differs from the one Temporal decoded under reflect.DeepEqual")
	}
}
