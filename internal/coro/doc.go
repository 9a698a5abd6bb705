// Package coro runs workflow coroutines: cooperative threads of which exactly
// one runs at a time, built on the runtime's coroutine switch (iter.Pull).
//
// A Dispatcher owns the coroutines of one workflow run. RunUntilAllBlocked
// passes over them in creation order, again and again, switching into each
// coroutine whose wait condition holds, until a whole pass makes no progress.
// This is the order in which Temporal's Go SDK runs workflow goroutines, and
// the order matters: it decides which commands a workflow task produces, and
// so the IDs that histories recorded by real workers hold.
//
// A Carrier keeps one goroutine for coroutines of successive dispatchers
// that run one after another, such as the root coroutines of one run's
// successive instances: each takes over the goroutine, and its grown
// stack, once the one before has ended (carrier.go).
package coro
