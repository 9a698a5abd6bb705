// Package fn holds the reflection that packages workflow, activity and
// testsuite share about workflow and activity functions: their names
// (Temporal's naming rule), the checks made when they are registered or
// called, decoding their arguments from payloads, calling them with panics
// recovered, and turning their results into payloads.
//
// Programmer misuse (registering something that is not a valid function)
// panics with a message naming the calling package; anything that depends
// on input (arguments, payloads) returns an error, never a reflect panic.
package fn
