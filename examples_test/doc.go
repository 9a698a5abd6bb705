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
//   - approval_test.go: an approval workflow waiting on a signal with a
//     one-day timeout, its status answered by a query.
//   - entity_test.go: a cart entity workflow filled by signals, answering
//     queries, and closed by a validated update.
//   - saga_test.go: a saga that compensates the completed steps, newest
//     first, when a later step fails.
//   - fanout_test.go: a parent fanning out child workflows, and a child
//     replaced by a mock.
//   - versioning_test.go: a workflow migrated with GetVersion, each
//     version's history replayed, and OnGetVersion.
//   - continue_as_new_test.go: a year-long loop that continues as new every
//     week, followed run by run.
//   - fuzz_saga_test.go: a rapid property of an order saga under activity
//     failures, latencies and worker restarts, and the same over a loop of
//     seeds.
//   - fuzz_timeout_test.go: a property that the run timeout beats a slow
//     activity exactly when the drawn latency reaches it.
//   - fuzz_reproduce_test.go: a failure found by a seed loop, reproduced
//     byte for byte from its seed, and the report a failing run prints.
//   - ported_suite_test.go: Temporal's timer sample and its testify suite,
//     ported by changing import paths, with a mock function that waits
//     until another mocked activity has run.
//
// The examples live in the external test package examples_test; this
// package has no code of its own. Run them, with each example's history
// printed as a timeline, with
//
//	go test -v ./examples_test/...
package examples
