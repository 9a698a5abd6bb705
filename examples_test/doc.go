// Package examples holds complete worked examples of wfsim: workflows
// written against package workflow and run in the simulated environment of
// package testsuite, in virtual time.
//
// Each file shows one theme as runnable Example functions whose printed
// output is checked by go test:
//
//   - timers_test.go: Sleep, NewTimer, cancelling a timer, timers due at
//     the same instant, AwaitWithTimeout, and a workflow that sleeps a year
//     in no time.
//   - selector_test.go: a Selector racing a timer against a channel, the
//     deterministic rule for choosing a branch, and a fan-in loop.
//   - coroutines_test.go: workflow.Go with a WaitGroup, a pipeline over a
//     buffered channel, a Mutex, and the report of a deadlock.
//   - activities_test.go: the activity examples of Temporal's
//     documentation — every ActivityOptions field, a struct of activities
//     called through a nil pointer, a switch on a result, parallel
//     activities through stored futures, a Selector over futures, and a
//     timeout with retries at their virtual instants.
//   - async_completion_test.go: an activity that hands its task token to
//     an external system and returns activity.ErrResultPending, completed
//     later with env.CompleteActivity, with a result or with an error.
//
// The examples live in the external test package examples_test; this
// package has no code of its own. Run them, with each example's history
// printed as a timeline, with
//
//	go test -v ./examples_test/...
package examples
