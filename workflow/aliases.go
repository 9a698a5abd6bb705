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
// of a Context whose deadline passed. Workflow Contexts have no deadline,
// in wfsim as in Temporal, so no Context returns it; it exists for code
// that compares errors with it.
var ErrDeadlineExceeded = errors.New("deadline exceeded")

// DataConverterWithoutDeadlockDetection is Temporal's
// workflow.DataConverterWithoutDeadlockDetection, which keeps a slow
// converter from tripping the worker's one-second deadlock detector. The
// simulation runs workflow code in virtual time and has no such detector,
// so it returns c as it is.
func DataConverterWithoutDeadlockDetection(c converter.DataConverter) converter.DataConverter {
	return c
}
