// Package converter turns Go values into payloads and back, the way
// Temporal's Go SDK does, so that payloads written by wfsim (in histories,
// in activity inputs and results, in error details) are byte-for-byte what a
// Temporal worker would write, and payloads from a Temporal history decode
// here as they would there.
//
// The default DataConverter (GetDefaultDataConverter) tries, in order:
//
//   - a nil value (nil interface or nil pointer) → "binary/null", no data;
//   - a []byte → "binary/plain", the bytes themselves;
//   - anything else → "json/plain", the value as encoding/json marshals it
//     (no trailing newline).
//
// Each payload carries only the "encoding" metadata key. Protobuf messages,
// which Temporal encodes as "json/protobuf", are not special-cased here: wfsim
// depends on no protobuf runtime, so they take the JSON path.
//
// Decoding is driven by the payload's encoding, not by the target type.
// Decoding a "binary/null" payload sets the target to its zero value.
// FromPayloads fills as many targets as there are payloads and leaves the
// values of extra targets untouched, as Temporal does.
//
// Failures are typed: a value that cannot be encoded gives an *EncodeError,
// a payload that cannot be decoded into the target (or a target that is not
// a pointer) gives a *DecodeError naming the encoding, the target type and
// the cause. Both match Temporal's sentinel errors with errors.Is
// (ErrUnableToEncode, ErrUnableToDecode, ErrValuePtrIsNotPointer, …).
// EncodedValue and EncodedValues wrap payloads for lazy, typed extraction;
// their Get returns ErrNoData when there is nothing to extract.
package converter
