package converter

import (
	"errors"
	"reflect"
)

// Sentinel errors, with Temporal's names and texts. The typed errors below
// match them with errors.Is, so code written against Temporal's converter
// package keeps working.
var (
	// ErrNoData is returned by EncodedValue.Get and EncodedValues.Get when
	// there is no value to extract.
	ErrNoData = errors.New("no data available")

	ErrMetadataIsNotSet       = errors.New("metadata is not set")
	ErrEncodingIsNotSet       = errors.New("payload encoding metadata is not set")
	ErrEncodingIsNotSupported = errors.New("payload encoding is not supported")
	ErrUnableToEncode         = errors.New("unable to encode")
	ErrUnableToDecode         = errors.New("unable to decode")
	ErrUnableToSetValue       = errors.New("unable to set value")
	ErrUnableToFindConverter  = errors.New("unable to find converter")
	ErrValuePtrIsNotPointer   = errors.New("not a pointer type")
	ErrTypeIsNotByteSlice     = errors.New("type is not *[]byte")
)

// DecodeError reports a payload that could not be decoded into the value a
// caller asked for: the target was not a pointer, the payload's encoding is
// unknown, or the data does not fit the target type.
//
// errors.Is(err, ErrUnableToDecode) holds for every DecodeError, and
// errors.Is also matches its cause (for example ErrValuePtrIsNotPointer).
type DecodeError struct {
	// Encoding is the payload's encoding, such as "json/plain"; "" when the
	// payload has none.
	Encoding string
	// Type is the type of the target the caller passed (normally a pointer,
	// such as *int); nil when the target was an untyped nil.
	Type reflect.Type
	// Err is the cause.
	Err error
}

func (e *DecodeError) Error() string {
	enc := e.Encoding
	if enc == "" {
		enc = "unknown-encoding"
	}
	return "unable to decode " + enc + " payload into " + typeName(e.Type) + ": " + errText(e.Err)
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// Is makes every DecodeError match ErrUnableToDecode.
func (e *DecodeError) Is(target error) bool { return target == ErrUnableToDecode }

// EncodeError reports a value that could not be encoded: no payload
// converter accepts it, or the converter that does failed (a channel or a
// function given to the JSON converter, for example).
//
// errors.Is(err, ErrUnableToEncode) holds for every EncodeError.
type EncodeError struct {
	// Encoding is the encoding that was attempted; "" when no converter
	// accepted the value.
	Encoding string
	// Type is the type of the value; nil for an untyped nil.
	Type reflect.Type
	// Err is the cause.
	Err error
}

func (e *EncodeError) Error() string {
	s := "unable to encode " + typeName(e.Type)
	if e.Encoding != "" {
		s += " as " + e.Encoding
	}
	return s + ": " + errText(e.Err)
}

// Unwrap returns the cause.
func (e *EncodeError) Unwrap() error { return e.Err }

// Is makes every EncodeError match ErrUnableToEncode.
func (e *EncodeError) Is(target error) bool { return target == ErrUnableToEncode }

func typeName(t reflect.Type) string {
	if t == nil {
		return "<nil>"
	}
	return t.String()
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// The sentinel errors of the protobuf payload converters, with Temporal's
// names and texts.
var (
	// ErrTypeNotImplementProtoMessage: a protobuf converter was asked to
	// decode into a type that is not a protobuf message.
	ErrTypeNotImplementProtoMessage = errors.New("type doesn't implement proto.Message")
	// ErrValuePtrMustConcreteType: a protobuf converter was asked to decode
	// into an interface; it needs the message type.
	ErrValuePtrMustConcreteType = errors.New("must be a concrete type, not interface")
)

// ProtoFieldError says what in a protobuf message could not be encoded or
// decoded: the message's full name, the field (its proto name; "" for the
// message as a whole) and the cause, which describes what came. It is the
// Err of an *EncodeError or *DecodeError, so errors.Is(err,
// ErrUnableToDecode) holds for decoding failures.
type ProtoFieldError struct {
	// Message is the protobuf full name of the message, such as
	// "temporal.api.common.v1.Payload".
	Message string
	// Field is the field's proto name; "" when the error is about the
	// message as a whole.
	Field string
	// Err is the cause.
	Err error
}

func (e *ProtoFieldError) Error() string {
	s := e.Message
	if s == "" {
		s = "protobuf message"
	}
	if e.Field != "" {
		s += " field " + e.Field
	}
	return s + ": " + errText(e.Err)
}

// Unwrap returns the cause.
func (e *ProtoFieldError) Unwrap() error { return e.Err }
