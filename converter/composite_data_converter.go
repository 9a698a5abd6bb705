package converter

import (
	"fmt"
	"reflect"
)

// CompositeDataConverter is a DataConverter built from payload converters:
// to encode, it asks each in order and takes the first payload; to decode,
// it uses the one whose encoding the payload names. Like Temporal's, it
// passes RawValue through untouched.
type CompositeDataConverter struct {
	converters map[string]PayloadConverter
	order      []string
	// ordered holds the converters in order, so that encoding a value
	// does not look each up by its encoding.
	ordered []PayloadConverter
	// metadata says whether the payloads this converter makes get Metadata
	// maps of their own (always, but for a twin), and twin is this
	// converter with shared ones, when it has only this package's payload
	// converters (shared_metadata.go).
	metadata metadataMode
	twin     *CompositeDataConverter
	// simple is the JSON converter when every converter before it is one
	// of this package's that declines the values appendSimpleJSON writes
	// (simpleJSON): encoding such a value goes to it at once. Nil
	// otherwise.
	simple *JSONPayloadConverter
}

// NewCompositeDataConverter returns a DataConverter that tries the payload
// converters in the order given. When two converters have the same encoding,
// the later one replaces the earlier, at the earlier one's place in the
// order (as in Temporal).
func NewCompositeDataConverter(converters ...PayloadConverter) DataConverter {
	dc := &CompositeDataConverter{converters: make(map[string]PayloadConverter, len(converters))}
	for _, pc := range converters {
		enc := pc.Encoding()
		if _, seen := dc.converters[enc]; !seen {
			dc.order = append(dc.order, enc)
		}
		dc.converters[enc] = pc
	}
	for _, enc := range dc.order {
		dc.ordered = append(dc.ordered, dc.converters[enc])
	}
	dc.simple = simpleJSONConverter(dc.ordered)
	dc.twin = dc.sharingTwin()
	return dc
}

// ToPayload encodes value with the first payload converter that accepts it.
func (dc *CompositeDataConverter) ToPayload(value any) (*Payload, error) {
	p, _, err := dc.encode(value)
	return p, err
}

// encode is ToPayload, and also returns the payload's box when one of this
// package's converters made it.
func (dc *CompositeDataConverter) encode(value any) (*Payload, *payloadBox, error) {
	if dc.simple != nil && simpleJSON(value) {
		b, err := dc.simple.toBox(value, dc.metadata)
		if err != nil {
			return nil, nil, asEncodeError(err, EncodingJSON, value)
		}
		return &b.p, b, nil
	}
	if raw, ok := value.(RawValue); ok {
		return raw.Payload(), nil, nil
	}
	for i, pc := range dc.ordered {
		p, b, err := toPayload(pc, value, dc.metadata)
		if err != nil {
			return nil, nil, asEncodeError(err, dc.order[i], value)
		}
		if p != nil {
			return p, b, nil
		}
	}
	return nil, nil, &EncodeError{Type: reflect.TypeOf(value), Err: ErrUnableToFindConverter}
}

// simpleJSONConverter returns the JSON converter of ordered when the
// converters before it are this package's Nil, ByteSlice, ProtoJSON or
// Proto converters: none of them takes a value simpleJSON accepts, so such
// a value always ends with the JSON converter (the default converter's
// order). Nil when another converter may come first.
func simpleJSONConverter(ordered []PayloadConverter) *JSONPayloadConverter {
	for _, pc := range ordered {
		switch c := pc.(type) {
		case *JSONPayloadConverter:
			return c
		case *NilPayloadConverter, *ByteSlicePayloadConverter, *ProtoJSONPayloadConverter, *ProtoPayloadConverter:
		default:
			return nil
		}
	}
	return nil
}

// simpleJSON reports whether value is of a type appendSimpleJSON writes (a
// string, bool or integer, or a non-nil *string or *int): not nil, not
// bytes, not a protobuf message, not a RawValue.
func simpleJSON(value any) bool {
	switch v := value.(type) {
	case string, int, int64, int32, uint, uint64, uint32, bool:
		return true
	case *string:
		return v != nil
	case *int:
		return v != nil
	}
	return false
}

// decodeSimple decodes a "json/plain" payload of a plain integer or
// string into an *int, *int64 or *string as the JSON converter would (it
// tries the same decodeSimpleJSON first), and reports whether it did; the
// caller has checked that the converter of "json/plain" is this package's
// (simple).
func decodeSimple(p *Payload, valuePtr any) bool {
	switch valuePtr.(type) {
	case *string, *int, *int64:
		// The payloads the simulation makes share one JSON map: telling it
		// by its address skips a map lookup per decoded activity input.
		if !sameMap(p.Metadata, sharedJSONMetadata) {
			enc, ok := p.Metadata[MetadataEncoding]
			if !ok || string(enc) != EncodingJSON {
				return false
			}
		}
		return decodeSimpleJSON(p.Data, valuePtr)
	}
	return false
}

// toPayload is pc.ToPayload, with the payload's box when pc is one of this
// package's converters. The types are matched exactly: a type embedding one
// of them may have a ToPayload of its own.
func toPayload(pc PayloadConverter, value any, m metadataMode) (*Payload, *payloadBox, error) {
	var b *payloadBox
	var err error
	switch c := pc.(type) {
	case *JSONPayloadConverter:
		b, err = c.toBox(value, m)
	case *NilPayloadConverter:
		b = c.toBox(value, m)
	case *ByteSlicePayloadConverter:
		b = c.toBox(value, m)
	default:
		p, err := pc.ToPayload(value)
		return p, nil, err
	}
	p, err := unbox(b, err)
	return p, b, err
}

// FromPayload decodes p with the payload converter of its encoding.
func (dc *CompositeDataConverter) FromPayload(p *Payload, valuePtr any) error {
	if p == nil {
		return nil
	}
	if dc.simple != nil && decodeSimple(p, valuePtr) {
		return nil
	}
	if raw, ok := valuePtr.(*RawValue); ok && raw != nil {
		unshare(p)
		*raw = NewRawValue(p)
		return nil
	}
	enc, err := payloadEncoding(p)
	if err != nil {
		return &DecodeError{Type: reflect.TypeOf(valuePtr), Err: err}
	}
	if err := checkTarget(valuePtr); err != nil {
		return &DecodeError{Encoding: string(enc), Type: reflect.TypeOf(valuePtr), Err: err}
	}
	pc, ok := dc.converters[string(enc)]
	if !ok {
		return &DecodeError{Encoding: string(enc), Type: reflect.TypeOf(valuePtr), Err: ErrEncodingIsNotSupported}
	}
	if err := pc.FromPayload(p, valuePtr); err != nil {
		return asDecodeError(err, string(enc), valuePtr)
	}
	return nil
}

// ToPayloads encodes each value in turn; no values give nil. The error names
// the position of the value that failed ("values[1]: …").
func (dc *CompositeDataConverter) ToPayloads(values ...any) (*Payloads, error) {
	if len(values) == 0 {
		return nil, nil
	}
	if len(values) == 1 {
		// The one payload's box has room for the Payloads.
		p, b, err := dc.encode(values[0])
		switch {
		case err != nil:
			return nil, fmt.Errorf("values[0]: %w", err)
		case b != nil:
			return b.payloads(), nil
		}
		return &Payloads{Payloads: []*Payload{p}}, nil
	}
	out := make([]*Payload, 0, len(values))
	for i, v := range values {
		p, err := dc.ToPayload(v)
		if err != nil {
			return nil, fmt.Errorf("values[%d]: %w", i, err)
		}
		out = append(out, p)
	}
	return &Payloads{Payloads: out}, nil
}

// FromPayloads decodes the payloads into the targets in order. Targets
// beyond the last payload keep their values; payloads beyond the last target
// are ignored; nil payloads decode into no values. The error names the
// position of the payload that failed ("payload item 1: …").
func (dc *CompositeDataConverter) FromPayloads(p *Payloads, valuePtrs ...any) error {
	for i, payload := range p.GetPayloads() {
		if i >= len(valuePtrs) {
			break
		}
		if err := dc.FromPayload(payload, valuePtrs[i]); err != nil {
			return fmt.Errorf("payload item %d: %w", i, err)
		}
	}
	return nil
}

// ToString renders p with the payload converter of its encoding, or says
// why it cannot.
func (dc *CompositeDataConverter) ToString(p *Payload) string {
	if p == nil {
		return ""
	}
	enc, err := payloadEncoding(p)
	if err != nil {
		return err.Error()
	}
	pc, ok := dc.converters[string(enc)]
	if !ok {
		return "encoding " + string(enc) + ": " + ErrEncodingIsNotSupported.Error()
	}
	return pc.ToString(p)
}

// ToStrings renders each payload; nil gives nil.
func (dc *CompositeDataConverter) ToStrings(p *Payloads) []string {
	if p == nil {
		return nil
	}
	out := make([]string, 0, len(p.Payloads))
	for _, payload := range p.Payloads {
		out = append(out, dc.ToString(payload))
	}
	return out
}

// payloadEncoding returns p's encoding as bytes: looking a converter up
// by string(enc) does not allocate.
func payloadEncoding(p *Payload) ([]byte, error) {
	if p.Metadata == nil {
		return nil, ErrMetadataIsNotSet
	}
	enc, ok := p.Metadata[MetadataEncoding]
	if !ok {
		return nil, ErrEncodingIsNotSet
	}
	return enc, nil
}

// checkTarget reports whether valuePtr is something a value can be decoded
// into: a non-nil pointer.
func checkTarget(valuePtr any) error {
	v := reflect.ValueOf(valuePtr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return ErrValuePtrIsNotPointer
	}
	return nil
}

// asDecodeError keeps a converter's own *DecodeError and dresses any other
// error as one, so callers always get the encoding and target type.
func asDecodeError(err error, enc string, valuePtr any) error {
	if de, ok := err.(*DecodeError); ok {
		return de
	}
	return &DecodeError{Encoding: enc, Type: reflect.TypeOf(valuePtr), Err: err}
}

func asEncodeError(err error, enc string, value any) error {
	if ee, ok := err.(*EncodeError); ok {
		return ee
	}
	return &EncodeError{Encoding: enc, Type: reflect.TypeOf(value), Err: err}
}
