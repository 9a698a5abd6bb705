package scen

import "go.temporal.io/sdk/converter"

// Converters are the two data converters each scenario runs with:
// "jsonpb", Temporal's default (messages as json/protobuf), and "binpb",
// the default's converters with ProtoPayloadConverter first (messages as
// binary/protobuf).
var Converters = []struct {
	Name string
	DC   converter.DataConverter
}{
	{"jsonpb", converter.GetDefaultDataConverter()},
	{"binpb", converter.NewCompositeDataConverter(
		converter.NewNilPayloadConverter(),
		converter.NewByteSlicePayloadConverter(),
		converter.NewProtoPayloadConverter(),
		converter.NewProtoJSONPayloadConverter(),
		converter.NewJSONPayloadConverter(),
	)},
}
