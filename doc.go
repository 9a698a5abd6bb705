// Package wfsim holds what workflow and activity code share: the error model
// (ApplicationError, TimeoutError, CanceledError, PanicError, ActivityError,
// ChildWorkflowExecutionError, …), RetryPolicy, and the Failure form in which
// errors cross between workflow code and the simulated server.
//
// It plays the role of the Temporal Go SDK's temporal package, so code that
// imports it as
//
//	import temporal "github.com/wfsim/wfsim"
//
// keeps compiling with the same calls (temporal.NewApplicationError,
// temporal.IsTimeoutError, …).
//
// The simulator itself lives in package testsuite; workflow code is written
// against package workflow and activity code against package activity.
package wfsim
