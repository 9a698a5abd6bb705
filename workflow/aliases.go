package workflow

import (
	"errors"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// Names that Temporal's workflow package gives to types and values wfsim
// defines elsewhere, or that have nothing to do in a simulation, so that
// code written against Temporal's SDK compiles unchanged.

// Execution identifies a workflow run; Temporal's workflow.Execution.
type Execution = WorkflowExecution

// Type names a workflow function; Temporal's workflow.Type.
type Type = WorkflowType

// ContinueAsNewError is the error a workflow function returns to continue
// as new (see NewContinueAsNewError); Temporal's
// workflow.ContinueAsNewError.
type ContinueAsNewError = wfsim.ContinueAsNewError

// ErrDeadlineExceeded is Temporal's workflow.ErrDeadlineExceeded, the error
// of a Context whose deadline passed: a *wfsim.TimeoutError of type
// ScheduleToClose whose message is "deadline exceeded", as Temporal's, so
// errors.As, wfsim.IsTimeoutError and its text ("deadline exceeded (type:
// ScheduleToClose)") match. Workflow Contexts have no deadline, in wfsim as
// in Temporal, so no Context returns it; it exists for code that compares
// errors with it or returns it.
var ErrDeadlineExceeded = deadlineExceeded()

// deadlineExceeded builds ErrDeadlineExceeded through the failure converter,
// the one way to give a TimeoutError a message of its own from outside
// package wfsim; the failure it remembers is the one Temporal's converter
// makes of Temporal's error.
func deadlineExceeded() *wfsim.TimeoutError {
	err := wfsim.GetDefaultFailureConverter().FailureToError(&wfsim.Failure{
		Message:            "deadline exceeded",
		Source:             "GoSDK",
		TimeoutFailureInfo: &wfsim.TimeoutFailureInfo{TimeoutType: wfsim.TimeoutTypeScheduleToClose},
	})
	var te *wfsim.TimeoutError
	if !errors.As(err, &te) {
		panic("workflow: the failure converter did not make a TimeoutError of a timeout failure")
	}
	return te
}

// DataConverterWithoutDeadlockDetection is Temporal's
// workflow.DataConverterWithoutDeadlockDetection, which keeps a slow
// converter from tripping the worker's one-second deadlock detector. The
// simulation runs workflow code in virtual time and has no such detector,
// so it returns c as it is.
func DataConverterWithoutDeadlockDetection(c converter.DataConverter) converter.DataConverter {
	return c
}
