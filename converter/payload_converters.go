package converter

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
)

// NilPayloadConverter encodes nil values (a nil interface or a nil pointer)
// as "binary/null" payloads with no data, and decodes them by setting the
// target to its zero value.
type NilPayloadConverter struct{}

// NewNilPayloadConverter returns the "binary/null" payload converter.
func NewNilPayloadConverter() *NilPayloadConverter { return &NilPayloadConverter{} }

// ToPayload accepts only nil interfaces and nil pointers.
func (c *NilPayloadConverter) ToPayload(value any) (*Payload, error) {
	return unbox(c.toBox(value, ownMetadata), nil)
}

func (c *NilPayloadConverter) toBox(value any, m metadataMode) *payloadBox {
	if value == nil {
		return newBox(nil, EncodingNull, m)
	}
	if v := reflect.ValueOf(value); v.Kind() == reflect.Pointer && v.IsNil() {
		return newBox(nil, EncodingNull, m)
	}
	return nil
}

// unbox returns the payload in b, nil if b is nil.
func unbox(b *payloadBox, err error) (*Payload, error) {
	if b == nil {
		return nil, err
	}
	return &b.p, err
}

// FromPayload sets the value valuePtr points to to its zero value.
func (c *NilPayloadConverter) FromPayload(_ *Payload, valuePtr any) error {
	v := reflect.ValueOf(valuePtr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return &DecodeError{Encoding: EncodingNull, Type: reflect.TypeOf(valuePtr), Err: ErrValuePtrIsNotPointer}
	}
	elem := v.Elem()
	elem.Set(reflect.Zero(elem.Type()))
	return nil
}

// ToString returns "nil".
func (c *NilPayloadConverter) ToString(*Payload) string { return "nil" }

// Encoding returns "binary/null".
func (c *NilPayloadConverter) Encoding() string { return EncodingNull }

// ByteSlicePayloadConverter encodes []byte values as "binary/plain"
// payloads holding the bytes as they are.
type ByteSlicePayloadConverter struct{}

// NewByteSlicePayloadConverter returns the "binary/plain" payload converter.
func NewByteSlicePayloadConverter() *ByteSlicePayloadConverter {
	return &ByteSlicePayloadConverter{}
}

// ToPayload accepts only values of type []byte (not named byte-slice types,
// which Temporal sends as JSON).
func (c *ByteSlicePayloadConverter) ToPayload(value any) (*Payload, error) {
	return unbox(c.toBox(value, ownMetadata), nil)
}

func (c *ByteSlicePayloadConverter) toBox(value any, m metadataMode) *payloadBox {
	if b, ok := value.([]byte); ok {
		return newBox(b, EncodingBinary, m)
	}
	return nil
}

// FromPayload sets a byte slice (of any byte-slice type) or an interface to
// the payload's bytes.
func (c *ByteSlicePayloadConverter) FromPayload(p *Payload, valuePtr any) error {
	v := reflect.ValueOf(valuePtr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return &DecodeError{Encoding: EncodingBinary, Type: reflect.TypeOf(valuePtr), Err: ErrValuePtrIsNotPointer}
	}
	elem := v.Elem()
	switch {
	case elem.Kind() == reflect.Interface && reflect.TypeFor[[]byte]().AssignableTo(elem.Type()):
		elem.Set(reflect.ValueOf(p.GetData()))
	case elem.Kind() == reflect.Slice && elem.Type().Elem().Kind() == reflect.Uint8:
		elem.SetBytes(p.GetData())
	default:
		return &DecodeError{Encoding: EncodingBinary, Type: v.Type(), Err: ErrTypeIsNotByteSlice}
	}
	return nil
}

// ToString returns the bytes in unpadded standard base64, as Temporal does.
func (c *ByteSlicePayloadConverter) ToString(p *Payload) string {
	return base64.RawStdEncoding.EncodeToString(p.GetData())
}

// Encoding returns "binary/plain".
func (c *ByteSlicePayloadConverter) Encoding() string { return EncodingBinary }

// JSONPayloadConverter encodes any value with encoding/json as a
// "json/plain" payload.
type JSONPayloadConverter struct{}

// NewJSONPayloadConverter returns the "json/plain" payload converter.
func NewJSONPayloadConverter() *JSONPayloadConverter { return &JSONPayloadConverter{} }

// ToPayload marshals value with encoding/json (no trailing newline).
func (c *JSONPayloadConverter) ToPayload(value any) (*Payload, error) {
	return unbox(c.toBox(value, ownMetadata))
}

// toBox encodes value in a box; a small simple value's JSON goes in the
// box's spare bytes.
func (c *JSONPayloadConverter) toBox(value any, m metadataMode) (*payloadBox, error) {
	b, spare := boxFor(EncodingJSON, m)
	if data, ok := appendSimpleJSON(spare, value); ok {
		b.p.Data = data[:len(data):len(data)]
		return b, nil
	}
	data, err := json.Marshal(value)
	if err != nil {
		return nil, &EncodeError{Encoding: EncodingJSON, Type: reflect.TypeOf(value), Err: err}
	}
	b.p.Data = data
	return b, nil
}

// FromPayload unmarshals the payload's data into valuePtr with
// encoding/json.
func (c *JSONPayloadConverter) FromPayload(p *Payload, valuePtr any) error {
	if decodeSimpleJSON(p.GetData(), valuePtr) {
		return nil
	}
	if err := json.Unmarshal(p.GetData(), valuePtr); err != nil {
		return &DecodeError{Encoding: EncodingJSON, Type: reflect.TypeOf(valuePtr), Err: err}
	}
	return nil
}

// ToString returns the JSON text.
func (c *JSONPayloadConverter) ToString(p *Payload) string { return string(p.GetData()) }

// Encoding returns "json/plain".
func (c *JSONPayloadConverter) Encoding() string { return EncodingJSON }
