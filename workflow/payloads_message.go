package workflow

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

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
	// The message has one field: repeated Payload payloads = 1.
	msg.Payloads = []*converter.Payload{}
	for b := p.GetData(); len(b) > 0; {
		tag, n := binary.Uvarint(b)
		if n <= 0 || tag != 1<<3|2 {
			return nil, fmt.Errorf("binary/protobuf Payloads: unexpected field tag %d", tag)
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return nil, errors.New("binary/protobuf Payloads: truncated payload")
		}
		item := new(converter.Payload)
		if err := item.Unmarshal(b[n : n+int(size)]); err != nil {
			return nil, err
		}
		msg.Payloads = append(msg.Payloads, item)
		b = b[n+int(size):]
	}
	return msg, nil
}
