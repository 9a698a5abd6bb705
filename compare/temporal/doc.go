// Package temporal runs wfsim's end-to-end benchmarks (package benchmarks)
// on Temporal's own test environment, go.temporal.io/sdk/testsuite, with the
// same workflow and activity code, so that the two can be timed side by side
// on one machine:
//
//	cd compare/temporal && go test -run '^$' -bench . -benchmem
//	cd ../.. && go test -run '^$' -bench 'Hello$|Sequential100$|Parallel100$|Signals100$|Timers1000$' -benchmem ./benchmarks/
//
// It is a module of its own: wfsim does not depend on Temporal's SDK, and
// `go test ./...` at the repository's root does not build this package.
// The README's Performance section quotes what it measured.
package temporal
