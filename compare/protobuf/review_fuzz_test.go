package protobuf

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// reviewTargets are the message types the review fuzzers decode into.
var reviewTargets = []proto.Message{
	&historypb.HistoryEvent{}, &structpb.Value{}, &structpb.Struct{}, &anypb.Any{}, &workflowpb.WorkflowExecutionInfo{}, &taskqueuepb.TaskQueueVersionInfo{},
}

// FuzzReviewJSONDecodeBothWays: wfsim's json/protobuf decoder accepts an
// input exactly when Temporal's does (the other fuzzer only checks what
// wfsim accepts), decodes it to an equal message, and never panics; the
// message then encodes to the same JSON value in both.
func FuzzReviewJSONDecodeBothWays(f *testing.F) {
	for _, s := range []string{`{}`, `{"eventId":"1"}`, `{"eventTime":"2020-01-01T00:00:00Z","timerFiredEventAttributes":{"timerId":"a"}}`,
		`{"workflowExecutionStartedEventAttributes":{"input":{"payloads":[{"metadata":{"a":"YQ=="},"data":"AQ=="}]},"workflowRunTimeout":"1s"}}`,
		`{"eventType":"EVENT_TYPE_TIMER_FIRED","version":1e2}`, `{"a":[1,"x",{"b":null}]}`, `[1,true,null]`,
		`{"@type":"type.googleapis.com/google.protobuf.Duration","value":"1s"}`,
		`{"@type":"type.googleapis.com/temporal.api.common.v1.WorkflowType","name":"x"}`,
		`{"execution":{"workflowId":"w"},"memo":{"fields":{"k":{"data":"eA=="}}},"status":"WORKFLOW_EXECUTION_STATUS_RUNNING"}`,
		`"\ud83d\ude00"`, `1e308`, `{"typesInfo":{"1":{},"-2":{"taskReachability":"TASK_REACHABILITY_NEW_WORKFLOWS"}}}`} {
		for i := range reviewTargets {
			f.Add(uint8(i), []byte(s))
		}
	}
	wc := wfconverter.NewProtoJSONPayloadConverter()
	tc := tconverter.NewProtoJSONPayloadConverter()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		typ := reflect.TypeOf(reviewTargets[int(which)%len(reviewTargets)])
		w := reflect.New(typ) // **T
		tt := reflect.New(typ)
		werr := wc.FromPayload(protoJSON(string(data)), w.Interface())
		terr := tc.FromPayload(&commonpb.Payload{Data: data}, tt.Interface())
		if werr != nil && !errors.Is(werr, wfconverter.ErrUnableToDecode) {
			t.Fatalf("untyped error %v", werr)
		}
		if (werr == nil) != (terr == nil) {
			if knownJSONLeniency(data, werr, terr) {
				return
			}
			t.Fatalf("%q into %v: wfsim %v, Temporal %v", data, typ, werr, terr)
		}
		if werr != nil {
			return
		}
		wm, _ := w.Elem().Interface().(proto.Message)
		tm, _ := tt.Elem().Interface().(proto.Message)
		if w.Elem().IsNil() || tt.Elem().IsNil() {
			if w.Elem().IsNil() != tt.Elem().IsNil() {
				t.Fatalf("%q: wfsim %v, Temporal %v", data, wm, tm)
			}
			return
		}
		if !proto.Equal(wm, tm) {
			t.Fatalf("%q into %v: wfsim %v, Temporal %v", data, typ, wm, tm)
		}
		wp, werr := wc.ToPayload(wm)
		tp, terr := tc.ToPayload(tm)
		if (werr == nil) != (terr == nil) {
			t.Fatalf("encoding %v: wfsim %v, Temporal %v", tm, werr, terr)
		}
		if werr == nil && !jsonValueEqual(wp.Data, tp.Data) {
			t.Fatalf("encoding %v: wfsim %s, Temporal %s", tm, wp.Data, tp.Data)
		}
	})
}

// knownJSONLeniency: differences left as they are. protojson's own
// tokenizer takes some text that is not JSON ("0e"), which wfsim (with
// encoding/json) rejects; and wfsim counts nesting depth by the messages
// of the wire form (Struct and Value each count), so deep JSON values
// hit the limit of 10,000 sooner.
func knownJSONLeniency(data []byte, werr, terr error) bool {
	return werr != nil && !json.Valid(data) ||
		werr != nil && strings.Contains(werr.Error(), "recursion depth") ||
		terr != nil && strings.Contains(terr.Error(), "recursion depth")
}

func jsonValueEqual(a, b []byte) bool {
	var x, y any
	if err := jsonUnmarshalNumber(a, &x); err != nil {
		return false
	}
	if err := jsonUnmarshalNumber(b, &y); err != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// FuzzReviewBinaryThenJSON: any bytes that Temporal's binary decoder
// reads into a message (unknown fields included) decode the same in
// wfsim, and the message encodes to the same JSON value in both (or fails
// in both), never panicking.
func FuzzReviewBinaryThenJSON(f *testing.F) {
	seed, err := proto.Marshal(startedEvent())
	if err != nil {
		f.Fatal(err)
	}
	for i := range reviewTargets {
		f.Add(uint8(i), seed)
		f.Add(uint8(i), []byte{0x0b, 0x0c, 0x0a, 0x01, 'x'})
	}
	wb := wfconverter.NewProtoPayloadConverter()
	tb := tconverter.NewProtoPayloadConverter()
	wc := wfconverter.NewProtoJSONPayloadConverter()
	tc := tconverter.NewProtoJSONPayloadConverter()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		typ := reflect.TypeOf(reviewTargets[int(which)%len(reviewTargets)])
		w := reflect.New(typ)
		tt := reflect.New(typ)
		werr := wb.FromPayload(&wfconverter.Payload{Data: data}, w.Interface())
		terr := tb.FromPayload(&commonpb.Payload{Data: data}, tt.Interface())
		if (werr == nil) != (terr == nil) {
			t.Fatalf("% x: wfsim %v, Temporal %v", data, werr, terr)
		}
		if werr != nil {
			if !errors.Is(werr, wfconverter.ErrUnableToDecode) {
				t.Fatalf("untyped error %v", werr)
			}
			return
		}
		wm := w.Elem().Interface().(proto.Message)
		tm := tt.Elem().Interface().(proto.Message)
		if !proto.Equal(wm, tm) {
			t.Fatalf("wfsim %v, Temporal %v", wm, tm)
		}
		wp, werr := wc.ToPayload(wm)
		tp, terr := tc.ToPayload(tm)
		if (werr == nil) != (terr == nil) {
			t.Fatalf("% x (%v): wfsim %v, Temporal %v", data, tm, werr, terr)
		}
		if werr != nil {
			if !errors.Is(werr, wfconverter.ErrUnableToEncode) {
				t.Fatalf("untyped error %v", werr)
			}
			return
		}
		if !jsonValueEqual(wp.Data, tp.Data) {
			t.Fatalf("% x: wfsim %s, Temporal %s", data, wp.Data, tp.Data)
		}
		// And binary again: deterministic, equal bytes for equal input.
		p1, err1 := wb.ToPayload(wm)
		p2, err2 := wb.ToPayload(wm)
		if err1 != nil || err2 != nil || !bytes.Equal(p1.Data, p2.Data) {
			t.Fatalf("binary encoding: %v %v", err1, err2)
		}
	})
}

func jsonUnmarshalNumber(data []byte, v *any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}
