// Package wfsim holds what workflow and activity code share: the error model
// (ApplicationError, TimeoutError, CanceledError, PanicError, ActivityError,
// ChildWorkflowExecutionError, …), RetryPolicy, typed search attributes
// (NewSearchAttributeKeyKeyword and its siblings, NewSearchAttributes), the
// policies of child workflows (ParentClosePolicy, WorkflowIDReusePolicy),
// and the Failure form in which errors cross between workflow code and the
// simulated server.
//
// It plays the role of the Temporal Go SDK's temporal package, so code that
// imports it as
//
//	import temporal "github.com/wfsim/wfsim"
//
// keeps compiling with the same calls (temporal.NewApplicationError,
// temporal.IsTimeoutError, temporal.NewSearchAttributeKeyString, …). The
// enums Temporal's code takes from go.temporal.io/api/enums/v1 are here
// too, named in Go style: enumspb.PARENT_CLOSE_POLICY_ABANDON is
// wfsim.ParentClosePolicyAbandon, enumspb.INDEXED_VALUE_TYPE_KEYWORD is
// wfsim.IndexedValueTypeKeyword; package api/enums/v1 gives them their
// protobuf names too, so that such code ports by changing its import path.
//
// Errors cross between workflow code and the simulated server as Failures:
// GetDefaultFailureConverter turns them into Failures and back exactly as
// Temporal's Go SDK does (same info kinds, same type names, same messages),
// so errors.As finds the same types on the receiving side, and Details
// decodes the values the sender attached. As in Temporal, the default
// failure converter encodes those values with the default data converter,
// not with the data converter a test environment or replayer is given. Package api/failure/v1 gives
// Failure and its infos the names of Temporal's failurepb, so a custom
// FailureConverter written against it ports by changing its import path.
//
// The simulator itself lives in package testsuite; workflow code is written
// against package workflow and activity code against package activity. To
// start, read the quick start in the repository's README, and run the
// worked examples of examples_test:
//
//	go test -v ./examples_test/...
package wfsim
