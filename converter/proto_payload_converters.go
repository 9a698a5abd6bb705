package converter

import (
	"bytes"
	"encoding/base64"
	"reflect"
)

// ProtoJSONPayloadConverter encodes protobuf messages (types implementing
// proto.Message of google.golang.org/protobuf, by pointer or by value) in
// the protobuf JSON mapping as "json/protobuf" payloads, with the message's
// full name in the "messageType" metadata, as Temporal's converter of the
// same name does. It finds the messages by reflection, so wfsim itself
// depends on no protobuf module; see the package doc for what is and is
// not supported. Other values are left to the next converter.
type ProtoJSONPayloadConverter struct {
	options ProtoJSONPayloadConverterOptions
	types   protoTypes
}

// ProtoJSONPayloadConverterOptions are the options of
// NewProtoJSONPayloadConverterWithOptions, as in Temporal's SDK.
type ProtoJSONPayloadConverterOptions struct {
	// ExcludeProtobufMessageTypes leaves the "messageType" metadata out of
	// the payloads.
	ExcludeProtobufMessageTypes bool
	// AllowUnknownFields ignores fields (and enum names) the message does
	// not have when decoding, instead of failing.
	AllowUnknownFields bool
	// UseProtoNames writes the fields' proto names (snake_case) instead of
	// their lowerCamelCase JSON names.
	UseProtoNames bool
	// UseEnumNumbers writes enum values as numbers.
	UseEnumNumbers bool
	// EmitUnpopulated writes fields that are not set, with their zero
	// values (null for messages), except members of oneofs.
	EmitUnpopulated bool
	// LegacyTemporalProtoCompat also accepts, when decoding, the enum names
	// Temporal's older JSON wrote (CamelCase without the enum's prefix).
	LegacyTemporalProtoCompat bool
}

// NewProtoJSONPayloadConverter returns the "json/protobuf" payload
// converter with default options.
func NewProtoJSONPayloadConverter() *ProtoJSONPayloadConverter {
	return &ProtoJSONPayloadConverter{}
}

// NewProtoJSONPayloadConverterWithOptions returns the "json/protobuf"
// payload converter with the options given.
func NewProtoJSONPayloadConverterWithOptions(options ProtoJSONPayloadConverterOptions) *ProtoJSONPayloadConverter {
	return &ProtoJSONPayloadConverter{options: options}
}

var jsonNull = []byte("null")

// ToPayload encodes a protobuf message; a nil value gives a "null"
// payload, and any other value (nil, nil).
func (c *ProtoJSONPayloadConverter) ToPayload(value any) (*Payload, error) {
	if v := reflect.ValueOf(value); value == nil || v.Kind() == reflect.Pointer && v.IsNil() {
		return &Payload{Metadata: map[string][]byte{MetadataEncoding: []byte(EncodingProtoJSON)}, Data: jsonNull}, nil
	}
	msg, s, err := messageOf(&c.types, value)
	if msg == nil || err != nil {
		return nil, encodeErr(EncodingProtoJSON, value, err)
	}
	// Marshal fills the messages' size caches; protojson, which Temporal
	// encodes with, would not (proto_size_cache.go), and reaches every
	// message (proto_reach.go).
	caches := noteSizeCaches(nil, *msg)
	wire, err := protoMarshal(*msg, s)
	restoreSizeCaches(caches)
	if err != nil {
		return nil, encodeErr(EncodingProtoJSON, value, err)
	}
	e := &protoJSONEncoder{opts: c.options, types: &c.types, root: s}
	data, err := e.message(nil, s, wire)
	if err != nil {
		return nil, encodeErr(EncodingProtoJSON, value, err)
	}
	return protoPayload(EncodingProtoJSON, s, c.options.ExcludeProtobufMessageTypes, data), nil
}

// FromPayload decodes a "json/protobuf" payload into the message valuePtr
// points to (a *T or **T for a message type *T; a nil *T is allocated).
// A "null" payload sets the target to its zero value.
func (c *ProtoJSONPayloadConverter) FromPayload(p *Payload, valuePtr any) error {
	msgPtr, s, err := decodeTarget(&c.types, p, valuePtr, true)
	if err != nil || s == nil {
		return decodeErr(EncodingProtoJSON, valuePtr, err)
	}
	if err := checkJSONText(p.GetData()); err != nil {
		return decodeErr(EncodingProtoJSON, valuePtr, fieldErr(s, nil, err))
	}
	wire, err := newProtoJSONDecoder(c.options, &c.types, s, p.GetData()).decode()
	if err != nil {
		return decodeErr(EncodingProtoJSON, valuePtr, err)
	}
	if err := protoUnmarshal(msgPtr, s, wire); err != nil {
		return decodeErr(EncodingProtoJSON, valuePtr, err)
	}
	reachMessages(msgPtr) // as protojson would (proto_reach.go)
	return nil
}

// ToString returns the JSON text.
func (c *ProtoJSONPayloadConverter) ToString(p *Payload) string { return string(p.GetData()) }

// Encoding returns "json/protobuf".
func (c *ProtoJSONPayloadConverter) Encoding() string { return EncodingProtoJSON }

// ExcludeProtobufMessageTypes reports whether payloads leave out the
// "messageType" metadata.
func (c *ProtoJSONPayloadConverter) ExcludeProtobufMessageTypes() bool {
	return c.options.ExcludeProtobufMessageTypes
}

// ProtoPayloadConverter encodes protobuf messages in the protobuf binary
// wire format as "binary/protobuf" payloads, with the "messageType"
// metadata, as Temporal's converter of the same name does. Maps are
// written in key order, so equal messages give equal payloads.
type ProtoPayloadConverter struct {
	options ProtoPayloadConverterOptions
	types   protoTypes
}

// ProtoPayloadConverterOptions are the options of
// NewProtoPayloadConverterWithOptions.
type ProtoPayloadConverterOptions struct {
	// ExcludeProtobufMessageTypes leaves the "messageType" metadata out of
	// the payloads.
	ExcludeProtobufMessageTypes bool
}

// NewProtoPayloadConverter returns the "binary/protobuf" payload
// converter.
func NewProtoPayloadConverter() *ProtoPayloadConverter { return &ProtoPayloadConverter{} }

// NewProtoPayloadConverterWithOptions returns the "binary/protobuf"
// payload converter with the options given.
func NewProtoPayloadConverterWithOptions(options ProtoPayloadConverterOptions) *ProtoPayloadConverter {
	return &ProtoPayloadConverter{options: options}
}

// ToPayload encodes a protobuf message; any other value gives (nil, nil).
func (c *ProtoPayloadConverter) ToPayload(value any) (*Payload, error) {
	msg, s, err := messageOf(&c.types, value)
	if msg == nil || err != nil {
		return nil, encodeErr(EncodingProto, value, err)
	}
	data, err := protoMarshal(*msg, s)
	if err != nil {
		return nil, encodeErr(EncodingProto, value, err)
	}
	return protoPayload(EncodingProto, s, c.options.ExcludeProtobufMessageTypes, data), nil
}

// FromPayload decodes a "binary/protobuf" payload into the message
// valuePtr points to (a nil *T is allocated).
func (c *ProtoPayloadConverter) FromPayload(p *Payload, valuePtr any) error {
	msgPtr, s, err := decodeTarget(&c.types, p, valuePtr, false)
	if err != nil {
		return decodeErr(EncodingProto, valuePtr, err)
	}
	return decodeErr(EncodingProto, valuePtr, protoUnmarshal(msgPtr, s, p.GetData()))
}

// ToString returns the bytes in unpadded standard base64.
func (c *ProtoPayloadConverter) ToString(p *Payload) string {
	return base64.RawStdEncoding.EncodeToString(p.GetData())
}

// Encoding returns "binary/protobuf".
func (c *ProtoPayloadConverter) Encoding() string { return EncodingProto }

// ExcludeProtobufMessageTypes reports whether payloads leave out the
// "messageType" metadata.
func (c *ProtoPayloadConverter) ExcludeProtobufMessageTypes() bool {
	return c.options.ExcludeProtobufMessageTypes
}

// messageOf returns value as a pointer to a protobuf message (taking the
// address of a copy when value is a message struct by value) and its
// schema; a nil pointer when value is not a protobuf message.
func messageOf(types *protoTypes, value any) (*reflect.Value, *protoSchema, error) {
	if !isProtoCandidate(value) {
		return nil, nil, nil
	}
	t := reflect.TypeOf(value)
	pt, err := types.lookup(t)
	if pt == nil || err != nil {
		return nil, nil, err
	}
	v := reflect.ValueOf(value)
	if pt.viaPointer {
		p := reflect.New(t)
		p.Elem().Set(v)
		v = p
	}
	return &v, pt.schema, nil
}

// decodeTarget checks valuePtr and returns the pointer to the message to
// decode into, allocating the message when valuePtr points to a nil
// pointer. s is nil when a JSON "null" set the target to zero (jsonNull).
func decodeTarget(types *protoTypes, p *Payload, valuePtr any, jsonNullIsZero bool) (reflect.Value, *protoSchema, error) {
	rv := reflect.ValueOf(valuePtr)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return rv, nil, ErrValuePtrIsNotPointer
	}
	elem := rv.Elem()
	if jsonNullIsZero && bytes.Equal(p.GetData(), jsonNull) {
		elem.SetZero()
		return rv, nil, nil
	}
	if elem.Kind() == reflect.Interface {
		return rv, nil, ErrValuePtrMustConcreteType
	}
	msgPtr, ptrType := rv, rv.Type()
	if elem.Kind() == reflect.Pointer {
		msgPtr, ptrType = elem, elem.Type()
	}
	pt, err := types.lookup(ptrType)
	if err != nil {
		return rv, nil, err
	}
	if pt == nil {
		return rv, nil, ErrTypeNotImplementProtoMessage
	}
	if elem.Kind() == reflect.Pointer && elem.IsNil() {
		elem.Set(reflect.New(ptrType.Elem()))
		msgPtr = elem
	}
	return msgPtr, pt.schema, nil
}

func protoPayload(encoding string, s *protoSchema, excludeType bool, data []byte) *Payload {
	md := map[string][]byte{MetadataEncoding: []byte(encoding)}
	if !excludeType {
		md[MetadataMessageType] = []byte(s.fullName)
	}
	return &Payload{Metadata: md, Data: data}
}

func encodeErr(enc string, value any, err error) error {
	if err == nil {
		return nil
	}
	return &EncodeError{Encoding: enc, Type: reflect.TypeOf(value), Err: err}
}

func decodeErr(enc string, valuePtr any, err error) error {
	if err == nil {
		return nil
	}
	return &DecodeError{Encoding: enc, Type: reflect.TypeOf(valuePtr), Err: err}
}
