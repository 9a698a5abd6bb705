// Package run is the one seam between the workflow machinery (unexported in
// package workflow) and its two drivers, the simulator (package testsuite) and
// the replayer (package replay).
//
// A driver creates an Instance for one workflow run and feeds it workflow
// tasks: the events that happened since the last task, in history order.
// The Instance runs the workflow's coroutines until all of them are blocked
// and returns the commands they issued. Events in, commands out.
//
// Package workflow fills in NewInstance when it is initialised; the drivers
// import workflow (for its init) and call NewInstance.
package run
