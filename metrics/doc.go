// Package metrics is the metrics vocabulary of workflow and activity code:
// the Handler that workflow.GetMetricsHandler and
// activity.GetMetricsHandler return, with its Counter, Gauge and Timer.
//
// It has the shape of the handler Temporal's Go SDK hands to workflows and
// activities (go.temporal.io/sdk/client.MetricsHandler and friends), so
// code that records metrics ports by changing import paths. A test sets the
// handler with testsuite's WorkflowTestSuite.SetMetricsHandler; without
// one, metrics go to NopHandler. A CapturingHandler keeps what was recorded,
// for a test to check.
//
// Metrics recorded by workflow code follow the workflow's logger: they are
// dropped while the workflow replays its history, so each is recorded once,
// when it first happens.
package metrics
