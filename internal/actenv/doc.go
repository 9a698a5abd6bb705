// Package actenv is the seam between the simulator and package activity:
// what the simulator puts into an activity's context.
//
// Package testsuite builds an [Env] for each activity attempt and runs the
// activity function with a context made by [WithEnv]; the functions of
// package activity (GetInfo, RecordHeartbeat, …) find it with [FromContext].
// Nothing else crosses between the two.
package actenv
