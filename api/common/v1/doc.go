// Package common stands in for Temporal's go.temporal.io/api/common/v1
// (imported as commonpb) where code uses its payload, header, memo and
// search attribute types, so that a codec, a payload converter, a context
// propagator or workflow code reading its memo written for Temporal ports
// by changing that import path too:
//
//	commonpb "go.temporal.io/api/common/v1"  →  commonpb "github.com/wfsim/wfsim/api/common/v1"
//
// Payload, Header, Memo and SearchAttributes are aliases of the types
// wfsim's own packages use (converter.Payload, replay.Header,
// converter.Memo, converter.SearchAttributes), so a *commonpb.Payload is a
// *converter.Payload: a PayloadCodec's Encode([]*commonpb.Payload) and a
// PayloadConverter's ToPayload(any) (*commonpb.Payload, error) satisfy
// wfsim's interfaces as they are, and workflow.GetInfo(ctx).Memo is a
// *commonpb.Memo, read with Fields or the nil-safe GetFields as in
// Temporal (SearchAttributes likewise, with IndexedFields and
// GetIndexedFields).
//
// Only these types are here. wfsim's DataConverter takes and returns
// converter.Payloads, a slice, where Temporal's uses *commonpb.Payloads; a
// full DataConverter implementation needs that change (Payloads is here for
// code that builds one for its own use).
package common
