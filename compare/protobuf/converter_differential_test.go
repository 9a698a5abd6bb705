package protobuf

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"
	"google.golang.org/protobuf/types/known/wrapperspb"
	"pgregory.net/rapid"
)

// A pair of payload converters to compare: wfsim's and Temporal's, built
// with the same options.
type converterPair struct {
	name   string
	wfsim  wfconverter.PayloadConverter
	temp   tconverter.PayloadConverter
	isJSON bool
}

func converterPairs() []converterPair {
	jsonOpts := []struct {
		name string
		o    wfconverter.ProtoJSONPayloadConverterOptions
	}{
		{"json", wfconverter.ProtoJSONPayloadConverterOptions{}},
		{"json-proto-names", wfconverter.ProtoJSONPayloadConverterOptions{UseProtoNames: true}},
		{"json-enum-numbers", wfconverter.ProtoJSONPayloadConverterOptions{UseEnumNumbers: true}},
		{"json-unpopulated", wfconverter.ProtoJSONPayloadConverterOptions{EmitUnpopulated: true}},
		{"json-all", wfconverter.ProtoJSONPayloadConverterOptions{ExcludeProtobufMessageTypes: true, UseProtoNames: true, UseEnumNumbers: true, EmitUnpopulated: true}},
	}
	var out []converterPair
	for _, jo := range jsonOpts {
		o := jo.o
		out = append(out, converterPair{
			name:  jo.name,
			wfsim: wfconverter.NewProtoJSONPayloadConverterWithOptions(o),
			temp: tconverter.NewProtoJSONPayloadConverterWithOptions(tconverter.ProtoJSONPayloadConverterOptions{
				ExcludeProtobufMessageTypes: o.ExcludeProtobufMessageTypes, UseProtoNames: o.UseProtoNames,
				UseEnumNumbers: o.UseEnumNumbers, EmitUnpopulated: o.EmitUnpopulated,
			}),
			isJSON: true,
		})
	}
	out = append(out,
		converterPair{name: "binary", wfsim: wfconverter.NewProtoPayloadConverter(), temp: tconverter.NewProtoPayloadConverter()},
		converterPair{name: "binary-exclude-types",
			wfsim: wfconverter.NewProtoPayloadConverterWithOptions(wfconverter.ProtoPayloadConverterOptions{ExcludeProtobufMessageTypes: true}),
			temp:  tconverter.NewProtoPayloadConverterWithOptions(tconverter.ProtoPayloadConverterOptions{ExcludeProtobufMessageTypes: true})},
	)
	return out
}

// Message types the differential tests draw: Temporal's API messages
// (oneofs of attributes, payload maps of bytes, enums, durations,
// timestamps, repeated and nested messages) and the well-known types.
func messageTypes() []proto.Message {
	return []proto.Message{
		&historypb.HistoryEvent{},
		&historypb.History{},
		&commonpb.Payloads{},
		&commonpb.Payload{},
		&workflowpb.WorkflowExecutionInfo{},
		&workflowpb.PendingActivityInfo{},
		&timestamppb.Timestamp{},
		&durationpb.Duration{},
		&structpb.Struct{},
		&structpb.Value{},
		&structpb.ListValue{},
		&wrapperspb.Int64Value{},
		&wrapperspb.DoubleValue{},
		&wrapperspb.BytesValue{},
		&wrapperspb.StringValue{},
		&wrapperspb.BoolValue{},
		&wrapperspb.UInt32Value{},
		&fieldmaskpb.FieldMask{},
		&emptypb.Empty{},
		&anypb.Any{},
	}
}

func toTemporal(p *wfconverter.Payload) *commonpb.Payload {
	return &commonpb.Payload{Metadata: p.Metadata, Data: p.Data}
}

func fromTemporal(p *commonpb.Payload) *wfconverter.Payload {
	return &wfconverter.Payload{Metadata: p.Metadata, Data: p.Data}
}

// TestConverterMatchesTemporal: for random messages of many types, what
// wfsim encodes Temporal decodes to an equal message and the other way
// round, with equal metadata; for JSON, both write the same JSON value.
func TestConverterMatchesTemporal(t *testing.T) {
	t.Parallel()
	for _, pair := range converterPairs() {
		for _, zero := range messageTypes() {
			name := pair.name + "/" + string(zero.ProtoReflect().Descriptor().FullName())
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				rapid.Check(t, func(rt *rapid.T) {
					msg := genMessage(zero).Draw(rt, "msg")
					checkRoundTrips(rt, pair, msg)
				})
			})
		}
	}
}

func checkRoundTrips(t require.TestingT, pair converterPair, msg proto.Message) {
	wp, err := pair.wfsim.ToPayload(msg)
	require.NoError(t, err, "wfsim ToPayload")
	tp, err := pair.temp.ToPayload(msg)
	require.NoError(t, err, "Temporal ToPayload")
	require.Equal(t, tp.Metadata, wp.Metadata, "metadata")

	if string(tp.Data) == "null" {
		// A google.protobuf.Value holding null: Temporal decodes the
		// payload "null" as a nil message, so it cannot round-trip.
		require.Equal(t, "null", string(wp.Data))
		return
	}

	// wfsim encodes, Temporal decodes.
	target := reflect.New(reflect.TypeOf(msg).Elem()) // a *T
	require.NoError(t, pair.temp.FromPayload(toTemporal(wp), target.Interface()), "Temporal decodes wfsim's %s", wp.Data)
	got := target.Interface().(proto.Message)
	require.True(t, proto.Equal(msg, got), "Temporal decoded wfsim's %s\nas %v\nwant %v", wp.Data, got, msg)

	// Temporal encodes, wfsim decodes (into a nil pointer: allocated).
	target2 := reflect.New(reflect.TypeOf(msg)) // a **T holding nil
	require.NoError(t, pair.wfsim.FromPayload(fromTemporal(tp), target2.Interface()), "wfsim decodes Temporal's %s", tp.Data)
	got2 := target2.Elem().Interface().(proto.Message)
	require.True(t, proto.Equal(msg, got2), "wfsim decoded Temporal's %s\nas %v\nwant %v", tp.Data, got2, msg)

	if pair.isJSON {
		var wj, tj any
		require.NoError(t, json.Unmarshal(wp.Data, &wj))
		require.NoError(t, json.Unmarshal(tp.Data, &tj))
		require.Equal(t, tj, wj, "JSON of wfsim %s\nTemporal %s", wp.Data, tp.Data)
	}
}
