// Package common stands in for Temporal's go.temporal.io/api/common/v1
// (imported as commonpb) where code uses its payload, header, memo and
// search attribute types, so that a codec, a payload converter, a data
// converter, a context propagator or workflow code reading its memo written
// for Temporal ports by changing that import path too:
//
//	commonpb "go.temporal.io/api/common/v1"  →  commonpb "github.com/wfsim/wfsim/api/common/v1"
//
// Payload, Payloads, Header, Memo and SearchAttributes are aliases of the
// types wfsim's own packages use (converter.Payload, converter.Payloads,
// replay.Header, converter.Memo, converter.SearchAttributes), so a
// *commonpb.Payload is a *converter.Payload and a *commonpb.Payloads a
// *converter.Payloads: a PayloadCodec's Encode([]*commonpb.Payload), a
// PayloadConverter's ToPayload(any) (*commonpb.Payload, error) and a whole
// DataConverter's ToPayloads(...any) (*commonpb.Payloads, error) satisfy
// wfsim's interfaces as they are, and code that builds &commonpb.Payloads{}
// and appends to its Payloads field compiles unchanged. Likewise
// workflow.GetInfo(ctx).Memo is a *commonpb.Memo, read with Fields or the
// nil-safe GetFields as in Temporal (SearchAttributes likewise, with
// IndexedFields and GetIndexedFields).
//
// Only these types are here.
package common
