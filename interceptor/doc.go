// Package interceptor holds the worker interceptors of Temporal's
// interceptor package that wfsim has: activity interceptors. Code written
// against go.temporal.io/sdk/interceptor that intercepts activities ports
// by changing the import path to github.com/wfsim/wfsim/interceptor.
//
// A WorkerInterceptor, given in worker.Options.Interceptors to a test
// environment's SetWorkerOptions (TestWorkflowEnvironment and
// TestActivityEnvironment alike), wraps every activity attempt the
// simulated worker runs, local activities included, as a Temporal worker
// wraps every activity task:
//
//   - InterceptActivity is called for the attempt with the rest of the
//     chain, from the last interceptor to the first, so that the first one
//     given is the outermost;
//   - the chain's Init gets the outbound chain's end, which each
//     interceptor may wrap in an ActivityOutboundInterceptor of its own
//     before passing it on; an Init error drops the attempt, which then
//     times out (StartToClose), as Temporal's worker drops the task (a
//     local activity's attempt fails with the error instead);
//   - ExecuteActivity runs the attempt: its ExecuteActivityInput holds the
//     decoded arguments, which an interceptor may change, and it returns
//     the result to be recorded, which an interceptor may change too;
//     Header(ctx) gives it the activity's header as the
//     ActivityTaskScheduled event records it;
//   - every function of package activity that ActivityOutboundInterceptor
//     names (GetInfo, GetLogger, GetMetricsHandler, RecordHeartbeat,
//     HasHeartbeatDetails, GetHeartbeatDetails, GetWorkerStopChannel),
//     called by the activity's code, goes through the outbound chain.
//
// A mock's function runs through ExecuteActivity as a registered
// function does; a mock's plain return values bypass it, as in Temporal's
// test environment (InterceptActivity and Init still run). Panics in an
// interceptor's ExecuteActivity fail the attempt with a *wfsim.PanicError,
// as the activity's own do; a panic in InterceptActivity or Init is
// treated as an Init error (a worker's task loop recovers it and drops the
// task), with the *wfsim.PanicError as the error.
//
// InterceptActivity and Init run when the simulated worker takes the task,
// on the simulation's own goroutine, not the attempt's: they take no
// virtual time and must not block (one that waits forever deadlocks the
// test). ExecuteActivity and the outbound calls run with the activity's
// code, in virtual time, under its timeouts.
//
// What is not here, and why:
//
//   - Workflow interceptors (InterceptWorkflow, WorkflowInboundInterceptor,
//     WorkflowOutboundInterceptor and their inputs, WorkflowHeader): not
//     yet in wfsim. WorkerInterceptor has only InterceptActivity, so code
//     that overrides InterceptWorkflow does not compile rather than being
//     silently ignored.
//   - Client interceptors (ClientInterceptor, Interceptor, InterceptorBase):
//     wfsim has no client for them to wrap.
//   - Nexus (InterceptNexusOperation and its types): wfsim has no Nexus.
//   - ActivityOutboundInterceptor.GetClient: there is no client to return.
//
// Without interceptors nothing of this runs: an attempt pays one check.
package interceptor
