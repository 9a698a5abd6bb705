// Package common stands in for Temporal's go.temporal.io/api/common/v1
// (imported as commonpb) where code uses its payload and header types, so
// that a codec, a payload converter or a context propagator written for
// Temporal ports by changing that import path too:
//
//	commonpb "go.temporal.io/api/common/v1"  →  commonpb "github.com/wfsim/wfsim/api/common/v1"
//
// Payload and Header are aliases of the types wfsim's own packages use
// (converter.Payload, replay.Header), so a *commonpb.Payload is a
// *converter.Payload: a PayloadCodec's Encode([]*commonpb.Payload) and a
// PayloadConverter's ToPayload(any) (*commonpb.Payload, error) satisfy
// wfsim's interfaces as they are.
//
// Only these types are here. wfsim's DataConverter takes and returns
// converter.Payloads, a slice, where Temporal's uses *commonpb.Payloads; a
// full DataConverter implementation needs that change (Payloads is here for
// code that builds one for its own use). Memos and search attributes are
// maps in wfsim (workflow.Info.Memo, SearchAttributes), not Memo and
// SearchAttributes messages with Fields and IndexedFields.
package common
