// Package client holds what tests of workflows use of Temporal's client
// package: StartWorkflowOptions, which
// testsuite.TestWorkflowEnvironment.SetStartWorkflowOptions takes, and
// HistoryFromJSON, which reads a history for a replayer, DefaultNamespace,
// and the metrics
// types under their client names (MetricsHandler, MetricsNopHandler, …,
// aliases of package metrics'), so that
//
//	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "order-42", TaskQueue: "orders"})
//	history, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
//
// port unchanged from go.temporal.io/sdk/client to
// github.com/wfsim/wfsim/client.
//
// It is deliberately tiny: wfsim has no client, no connection and no
// server to dial; its simulated server lives in package testsuite. It has
// only the fields of Temporal's StartWorkflowOptions whose types need no
// other package of Temporal's; code that sets the others (Priority,
// VersioningOverride, WorkflowIDConflictPolicy, …) does not compile, rather
// than being silently ignored.
package client
