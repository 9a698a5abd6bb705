// Package worker holds what Temporal test code takes from Temporal's worker
// package, so that it ports by changing the import path
// go.temporal.io/sdk/worker to github.com/wfsim/wfsim/worker:
//
//   - Options and WorkflowPanicPolicy (BlockWorkflow, FailWorkflow), the
//     worker settings a test hands to testsuite's SetWorkerOptions, with
//     PreferredVersionProvider (the version GetVersion records first);
//   - WorkflowReplayer (NewWorkflowReplayer, NewWorkflowReplayerWithOptions)
//     and its options, which replay recorded histories against workflow code
//     with Temporal's method names, on top of package replay;
//   - the registration interfaces WorkflowRegistry, ActivityRegistry and
//     Registry (without Nexus), which testsuite's environments implement,
//     so a function that registers a service's code on a worker registers
//     it on an environment in a test;
//   - the Worker interface (Registry plus Start, Run and Stop), so code that
//     takes a worker to register on compiles; nothing here implements it;
//   - EnableVerboseLogging, accepted and without effect (wfsim's worker has
//     no internal debug logs to turn on).
//
// There are no real workers here: a simulation's worker lives inside
// testsuite's environments, so New, InterruptCh and the sticky-cache
// settings are not provided.
//
// Options.Interceptors takes package interceptor's WorkerInterceptors,
// which wrap every activity and local activity attempt of the simulated
// worker (and are accepted by WorkflowReplayerOptions, where, as in
// Temporal, no activity runs). wfsim's interceptors are activity
// interceptors only: a WorkerInterceptor that overrides InterceptWorkflow
// does not compile (see package interceptor).
//
// Options leaves out the fields whose types need packages wfsim does not
// have: Tuner and SysInfoProvider (worker tuning), the PollerBehavior
// fields, DeploymentOptions (worker deployments) and Plugins. Code that
// sets them does not compile and has to drop them; they tune or version a
// real worker. Every other field is present; its comment says whether the
// simulation honours it or only accepts it.
package worker
