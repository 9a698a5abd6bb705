// Package failure stands in for Temporal's go.temporal.io/api/failure/v1
// (imported as failurepb) where code handles failures — a custom
// FailureConverter, a test that inspects the failure a history recorded —
// so that such code ports by changing that import path too:
//
//	failurepb "go.temporal.io/api/failure/v1"  →  failurepb "github.com/wfsim/wfsim/api/failure/v1"
//
// Failure and the *FailureInfo types are aliases of the root package's
// (wfsim.Failure, wfsim.ApplicationFailureInfo, …), the types
// wfsim's FailureConverter and history events hold, so a converter whose
// methods are ErrorToFailure(error) *failurepb.Failure and
// FailureToError(*failurepb.Failure) error satisfies
// wfsim.FailureConverter as it is, and the failure of an
// ActivityTaskFailed event is a *failurepb.Failure.
//
// The messages have the nil-safe getters protoc-gen-go gives Temporal's
// (f.GetApplicationFailureInfo().GetType(), f.GetCause().GetMessage()).
// Where the shapes differ from protobuf's:
//
//   - There is no oneof wrapper: a Failure holds each kind of info in a
//     field of its own, and exactly one is set. Temporal's
//     FailureInfo: &failurepb.Failure_ApplicationFailureInfo{ApplicationFailureInfo: info}
//     is ApplicationFailureInfo: info, and a type switch on
//     f.GetFailureInfo() becomes a chain of nil checks of the typed
//     getters (Failure has no GetFailureInfo).
//   - Fields are named in Go style (ActivityID, ScheduledEventID where
//     protobuf has ActivityId, ScheduledEventId); the getters keep
//     protobuf's names. NextRetryDelay is a time.Duration, not a
//     *durationpb.Duration.
//   - ActivityFailureInfo.ActivityType and
//     ChildWorkflowExecutionFailureInfo.WorkflowType are the type's name, a
//     string, where protobuf's hold a *commonpb.ActivityType or
//     *commonpb.WorkflowType; the child's info has WorkflowID and RunID
//     where protobuf's has a WorkflowExecution.
//
// The infos of Nexus failures (NexusOperationFailureInfo,
// NexusHandlerFailureInfo) and MultiOperationExecutionAborted are left
// out, as wfsim does not model Nexus operations' failures, so code using
// them fails to compile rather than behave differently.
package failure

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out failure_gen.go -src ../../.. Failure *FailureInfo
