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
// The small messages that history events and failures hold are here too,
// as aliases of the replay package's types of the same name:
// WorkflowExecution, WorkflowType, ActivityType, RetryPolicy, Priority,
// WorkerVersionStamp, MeteringMetadata, Principal and Link with its nested
// messages (Link_WorkflowEvent is replay.LinkWorkflowEvent,
// Link_WorkflowEvent_EventReference replay.LinkEventReference, …). They
// have protobuf's nil-safe getters (GetWorkflowId, GetName,
// GetInitialInterval), and differ from protobuf's shapes as the history
// messages do (see api/history/v1): fields are named in Go style
// (WorkflowID, RunID), RetryPolicy's intervals are time.Duration, and Link
// holds its variant in a field of its own (WorkflowEvent, BatchJob) and
// Link_WorkflowEvent its reference in EventRef or RequestIDRef, with no
// oneof wrappers (Link_WorkflowEvent_, Link_WorkflowEvent_EventRef). The
// SDK's own types of similar names are not these: a workflow's
// temporal.RetryPolicy and temporal.Priority are the options code sets,
// and an ActivityError's ActivityType() is the root package's
// ActivityType, which has the same Name and GetName.
//
// Temporal's other common messages (DataBlob, Callback, ResetOptions,
// WorkerSelector, the Link variants wfsim does not model, …) are left out,
// so code using them fails to compile rather than behave differently.
package common

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out messages_gen.go -src ../../../replay WorkflowExecution WorkflowType ActivityType RetryPolicy Priority WorkerVersionStamp MeteringMetadata Principal Link LinkWorkflowEvent=Link_WorkflowEvent LinkBatchJob=Link_BatchJob LinkEventReference=Link_WorkflowEvent_EventReference LinkRequestIDReference=Link_WorkflowEvent_RequestIdReference
