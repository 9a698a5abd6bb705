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
// Payload and Payloads have the shapes of Temporal's common.v1 messages: a
// list of values is a *Payloads, a struct whose Payloads field holds the
// list (GetPayloads reads it, nil-safe), wherever Temporal's SDK takes a
// *commonpb.Payloads, so a custom DataConverter written for Temporal (one
// that builds &commonpb.Payloads{} and appends to it) satisfies
// DataConverter once its imports are changed. A nil *Payloads is no values.
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
//
// Payload codecs transform whole payloads after conversion: compression
// (NewZlibCodec), encryption, or any PayloadCodec of the user's.
// NewCodecDataConverter chains them behind a DataConverter with Temporal's
// order rules. Codecs that work on a whole payload use its protobuf form
// (Payload.Marshal and Unmarshal), byte-compatible with Temporal's
// common.v1.Payload, so payloads encoded by wfsim and by Temporal's SDK read
// alike. Given to the test environment (SetDataConverter), a codec data
// converter encodes every value the workflow and its activities exchange,
// and the recorded history holds the encoded payloads, as a real worker
// would send them.
//
// NewPayloadCodecHTTPHandler serves codecs to the Temporal UI and CLI (a
// codec server), and NewRemotePayloadCodec and NewRemoteDataConverter call
// one; they make real HTTP calls and are here so a codec server can be
// tested with net/http/httptest.
//
// Memo and SearchAttributes hold a workflow's memo and search attributes
// as payloads, in the shapes of Temporal's common.v1 messages (Fields,
// IndexedFields, nil-safe getters): they are the types of
// workflow.Info.Memo and SearchAttributes and of the memos history events
// record.
//
// Not provided: the protobuf payload converters (ProtoPayloadConverter,
// ProtoJSONPayloadConverter and their errors), which need a protobuf
// runtime; serialization contexts; external storage; and the gRPC
// interceptors. FailureConverter, EncodeCommonFailureAttributes and
// DecodeCommonFailureAttributes are defined in the root package (wfsim),
// next to the Failure type they work on, which this package cannot import.
package converter
