package converter

// DataConverter turns the values a workflow or activity sends or receives
// (arguments, results, details, signal and query values) into payloads and
// back. It is Temporal's converter.DataConverter, with *Payload and
// *Payloads in place of *commonpb.Payload and *commonpb.Payloads, so a
// custom DataConverter written for Temporal ports by changing its imports.
type DataConverter interface {
	// ToPayload encodes one value.
	ToPayload(value any) (*Payload, error)
	// FromPayload decodes one payload into the value valuePtr points to.
	// A nil payload leaves the value untouched.
	FromPayload(p *Payload, valuePtr any) error

	// ToPayloads encodes a list of values; no values give nil.
	ToPayloads(values ...any) (*Payloads, error)
	// FromPayloads decodes payloads into the values valuePtrs point to, in
	// order. Targets beyond the last payload keep their values, and payloads
	// beyond the last target are ignored; nil payloads are no values.
	FromPayloads(p *Payloads, valuePtrs ...any) error

	// ToString renders a payload for people (logs, error messages).
	ToString(p *Payload) string
	// ToStrings renders each payload for people.
	ToStrings(p *Payloads) []string
}

// PayloadConverter handles one encoding. A CompositeDataConverter asks its
// payload converters in turn to encode a value, and picks the one whose
// Encoding matches a payload's to decode it.
type PayloadConverter interface {
	// ToPayload encodes value, or returns (nil, nil) when this converter
	// does not handle values of that type, so that the next one is asked.
	ToPayload(value any) (*Payload, error)
	// FromPayload decodes a payload of this converter's encoding into the
	// value valuePtr points to.
	FromPayload(p *Payload, valuePtr any) error
	// ToString renders a payload of this converter's encoding for people.
	ToString(p *Payload) string
	// Encoding returns the encoding this converter writes and reads, such as
	// "json/plain".
	Encoding() string
}

// defaultDataConverter is shared: its only changing state is the protobuf
// converters' caches of what they learned about types, which are safe
// for concurrent use and do not change what a value encodes to.
var defaultDataConverter = NewCompositeDataConverter(
	NewNilPayloadConverter(),
	NewByteSlicePayloadConverter(),
	// Both protobuf converters take the same messages; the first wins for
	// encoding, and the second decodes "binary/protobuf" payloads.
	NewProtoJSONPayloadConverter(),
	NewProtoPayloadConverter(),
	NewJSONPayloadConverter(),
)

// GetDefaultDataConverter returns the converter wfsim uses unless told
// otherwise: nil values as "binary/null", []byte as "binary/plain",
// protobuf messages as "json/protobuf", and everything else as
// "json/plain", as Temporal's default converter writes them; it also reads
// "binary/protobuf" payloads. It is safe for concurrent use.
func GetDefaultDataConverter() DataConverter {
	return defaultDataConverter
}
