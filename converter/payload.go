package converter

// Metadata keys and encodings of the default converters. The values are
// Temporal's, so payloads written by wfsim are readable by Temporal's SDKs and
// the other way round.
const (
	MetadataEncoding    = "encoding"
	MetadataMessageType = "messageType"

	EncodingNull      = "binary/null"
	EncodingBinary    = "binary/plain"
	EncodingJSON      = "json/plain"
	EncodingProtoJSON = "json/protobuf"
	EncodingProto     = "binary/protobuf"
)

// Payload is one encoded value: the bytes of the value and the metadata that
// says how they were encoded. It is the wfsim form of Temporal's
// common.v1.Payload.
//
// Its encoding/json form is Temporal's JSON form of a payload
// ({"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"…"}, bytes in base64,
// empty fields left out), so histories can hold payloads as they are.
type Payload struct {
	Metadata map[string][]byte `json:"metadata,omitempty"`
	Data     []byte            `json:"data,omitempty"`
}

// Encoding returns the payload's "encoding" metadata, or "" when it has none.
func (p *Payload) Encoding() string {
	if p == nil {
		return ""
	}
	return string(p.Metadata[MetadataEncoding])
}

// Payloads is a list of encoded values, such as the arguments of a workflow
// or activity. A nil Payloads means "no values".
type Payloads []*Payload

// newPayload builds a payload whose only metadata is the encoding, as
// Temporal's converters do.
func newPayload(data []byte, encoding string) *Payload {
	if len(encoding) > len(payloadBox{}.encoding) {
		return &Payload{
			Metadata: map[string][]byte{MetadataEncoding: []byte(encoding)},
			Data:     data,
		}
	}
	// One allocation for the payload and its encoding's bytes, which every
	// value a workflow passes needs.
	b := &payloadBox{}
	n := copy(b.encoding[:], encoding)
	b.p.Metadata = map[string][]byte{MetadataEncoding: b.encoding[:n:n]}
	b.p.Data = data
	return &b.p
}

// payloadBox holds a payload and the bytes of its encoding, such as
// "json/plain", together.
type payloadBox struct {
	p        Payload
	encoding [24]byte
}
