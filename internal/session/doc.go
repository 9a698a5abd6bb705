// Package session holds what the workflow side of Temporal-style worker
// sessions (package workflow) and the simulated session worker (package
// testsuite) must agree on: the names of the two internal activities, the
// creation task queue's name, and the creation response the worker signals.
// The names and the response's JSON field names are Temporal's Go SDK's, so
// that histories recorded by a Temporal worker replay and the reverse.
package session
