// Package workflow stands in for Temporal's go.temporal.io/api/workflow/v1
// (imported as workflowpb) where code builds or inspects the reset points a
// WorkflowExecutionStarted or ContinuedAsNew event records, so that such
// code ports by changing that import path too:
//
//	workflowpb "go.temporal.io/api/workflow/v1"  →  workflowpb "github.com/wfsim/wfsim/api/workflow/v1"
//
// ResetPoints and ResetPointInfo are aliases of the replay package's types
// of the same names, with protobuf's nil-safe getters (GetPoints,
// GetRunId). Their fields are named in Go style (RunID, BuildID where
// protobuf has RunId, BuildId) and CreateTime and ExpireTime are time.Time,
// not *timestamppb.Timestamp.
//
// Only these two messages are here: the others describe executions as a
// server lists them (execution info, pending activities and children,
// callbacks), so code using them fails to compile rather than behave
// differently.
package workflow

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out workflow_gen.go -src ../../../replay ResetPoints ResetPointInfo
