// Package benchmarks holds wfsim's end-to-end benchmarks: whole workflows
// run in the test environment, as a user's tests run them — one activity
// (Hello), a hundred in sequence and in parallel, a hundred signals, a
// thousand timers, timeouts and retries — and the allocation floor of each
// (BenchmarkAllocationFloor).
//
//	go test -run '^$' -bench . -benchmem ./benchmarks/          # GOMAXPROCS = cores
//	go test -run '^$' -bench . -benchmem -cpu 1 ./benchmarks/   # one core
//
// They live in a package of their own so that their test binary holds
// only what a user's would, not the testsuite package's own tests and
// fixtures. Like a user's, it links pgregory.net/rapid through
// testsuite.RapidExplorer; rapid's initialisation leaves about 1 MB of live
// heap, so garbage collection cycles come about a quarter more often than
// they would without it. The saga property's benchmarks, which draw with
// rapid, stay with the explorer in package testsuite
// (bench_fuzz_test.go). Module compare/temporal runs the same workflows on
// Temporal's test environment.
package benchmarks
