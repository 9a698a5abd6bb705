// Package sdk stands in for Temporal's go.temporal.io/api/sdk/v1 (imported
// as sdkpb) where code builds or inspects history events, so that such code
// ports by changing that import path too:
//
//	sdkpb "go.temporal.io/api/sdk/v1"  →  sdkpb "github.com/wfsim/wfsim/api/sdk/v1"
//
// UserMetadata (the summary and details of a timer, an activity or a
// child workflow, read from an event with GetUserMetadata) and
// WorkflowTaskCompletedMetadata (the SDK flags, name and version a
// WorkflowTaskCompleted event records) are aliases of the replay package's
// types of the same names, with protobuf's nil-safe getters. They differ
// from protobuf's shapes as the history messages do (see api/history/v1):
// fields are named in Go style (SDKName, SDKVersion where protobuf has
// SdkName, SdkVersion; the getters keep protobuf's names).
//
// Only these two messages are here: Temporal's other SDK messages (stack
// traces, worker configuration, workflow metadata for queries) belong to
// a real worker, so code using them fails to compile rather than behave
// differently.
package sdk

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out sdk_gen.go -src ../../../replay UserMetadata WorkflowTaskCompletedMetadata
