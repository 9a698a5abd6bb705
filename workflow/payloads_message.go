package workflow

import (
	"encoding/json"

	"github.com/wfsim/wfsim/converter"
)

// decodePayloadsMessage reads the temporal.api.common.v1.Payloads message
// a MutableSideEffect marker holds after its ID. Temporal's SDK encodes it
// with the worker's data converter: json/protobuf with the default one,
// binary/protobuf when ProtoPayloadConverter comes first.
func decodePayloadsMessage(p *converter.Payload) (*converter.Payloads, error) {
	msg := new(converter.Payloads)
	if p.Encoding() != converter.EncodingProto {
		if err := json.Unmarshal(p.GetData(), msg); err != nil {
			return nil, err
		}
		return msg, nil
	}
	if err := msg.Unmarshal(p.GetData()); err != nil {
		return nil, err
	}
	return msg, nil
}
