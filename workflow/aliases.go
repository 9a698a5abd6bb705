package workflow

import "github.com/wfsim/wfsim"

// Names that Temporal's workflow package gives to types wfsim defines
// elsewhere, so that code written against Temporal's SDK compiles
// unchanged.

// Execution identifies a workflow run; Temporal's workflow.Execution.
type Execution = WorkflowExecution

// Type names a workflow function; Temporal's workflow.Type.
type Type = WorkflowType

// ContinueAsNewError is the error a workflow function returns to continue
// as new (see NewContinueAsNewError); Temporal's
// workflow.ContinueAsNewError.
type ContinueAsNewError = wfsim.ContinueAsNewError
