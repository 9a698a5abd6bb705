// Package taskqueue stands in for Temporal's
// go.temporal.io/api/taskqueue/v1 (imported as taskqueuepb) where code
// builds or inspects history events, so that such code ports by changing
// that import path too:
//
//	taskqueuepb "go.temporal.io/api/taskqueue/v1"  →  taskqueuepb "github.com/wfsim/wfsim/api/taskqueue/v1"
//
// TaskQueue is replay.TaskQueue, the task queue that workflow and activity
// events record, with protobuf's nil-safe getters (GetName, GetKind,
// GetNormalName). Its Kind is a replay.TaskQueueKind with Temporal's values.
// The events hold it by value, not as a *TaskQueue: write
// TaskQueue: taskqueuepb.TaskQueue{Name: "orders"}, without &, where
// Temporal's code builds an event (the getters still return a pointer).
//
// Only TaskQueue is here: Temporal's other task queue messages (task queue
// status, reachability, versioning rules, pollers) describe a server's
// queues, which a simulation has none of, so code using them fails to
// compile rather than behave differently.
package taskqueue

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out taskqueue_gen.go -src ../../../replay TaskQueue
