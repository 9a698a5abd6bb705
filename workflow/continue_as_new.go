package workflow

import (
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/internal/fn"
)

// ContinueAsNewErrorOptions change what NewContinueAsNewErrorWithOptions
// makes.
type ContinueAsNewErrorOptions struct {
	// RetryPolicy replaces the retry policy of the workflow in the new run.
	RetryPolicy *wfsim.RetryPolicy
	// BackoffStartInterval delays the first workflow task of the new run,
	// as the server does for the run's FirstWorkflowTaskBackoff.
	BackoffStartInterval time.Duration
	// InitialVersioningBehavior is the versioning behavior of the new
	// run's first workflow task (continue_as_new_versioning.go). A value
	// that is none of the constants fails the workflow task, as in
	// Temporal's SDK.
	InitialVersioningBehavior ContinueAsNewVersioningBehavior
	// EventGroups are the groups of the continue-as-new command, with
	// those of the context (see EventGroup: not recorded).
	EventGroups []EventGroup
}

// NewContinueAsNewError returns the error that, returned by a workflow
// function, ends the run and starts a new run of the same workflow ID: of
// wfn (a workflow function or its registered name; a function registered
// under a custom name continues as that name, as in Temporal) with args. This keeps
// the history of a long-running workflow short. The new run gets the task
// queue and timeouts of ctx's child workflow options (by default, the
// running workflow's), and the current memo and search attributes.
//
// Arguments that do not fit wfn's parameters give a *wfsim.ArgumentError
// instead, which fails the workflow when returned.
func NewContinueAsNewError(ctx Context, wfn any, args ...any) error {
	s := getState(ctx)
	name := s.funcName(wfn, workflowFunc)
	if name == "" {
		panic(fmt.Sprintf("workflow: NewContinueAsNewError of %T: want a workflow function or its registered name", wfn))
	}
	if t := reflect.TypeOf(wfn); t.Kind() == reflect.Func {
		fn.Check("workflow", "workflow", wfn, contextType)
		if err := fn.CheckArgs("workflow", name, t, 1, args); err != nil {
			return err
		}
	}
	// The error, and its payloads, reach the workflow's code: its own
	// converter encodes them, not the shared-metadata twin (encoder).
	input, err := s.dcOf(ctx).ToPayloads(args...)
	if err != nil {
		return fmt.Errorf("continue as new %q: encoding its arguments: %w", name, err)
	}
	opts := GetChildWorkflowOptions(ctx)
	can := &wfsim.ContinueAsNewError{
		WorkflowType:             &wfsim.WorkflowType{Name: name},
		Input:                    input,
		TaskQueueName:            opts.TaskQueue,
		WorkflowRunTimeout:       opts.WorkflowRunTimeout,
		WorkflowTaskTimeout:      opts.WorkflowTaskTimeout,
		WorkflowExecutionTimeout: s.info.WorkflowExecutionTimeout,
	}
	if p := s.propagation(); p != nil {
		if err := p.continueAsNewHeader(s, ctx, can); err != nil {
			return err
		}
	}
	return can
}

// NewContinueAsNewErrorWithOptions is NewContinueAsNewError with options.
func NewContinueAsNewErrorWithOptions(ctx Context, options ContinueAsNewErrorOptions, wfn any, args ...any) error {
	err := NewContinueAsNewError(ctx, wfn, args...)
	var can *wfsim.ContinueAsNewError
	if errors.As(err, &can) {
		if options.RetryPolicy != nil {
			can.RetryPolicy = options.RetryPolicy
		}
		can.BackoffStartInterval = options.BackoffStartInterval
		can.InitialVersioningBehavior = options.InitialVersioningBehavior
	}
	return err
}

// IsContinueAsNewError reports whether err is, or wraps, a
// *wfsim.ContinueAsNewError.
func IsContinueAsNewError(err error) bool {
	var can *wfsim.ContinueAsNewError
	return errors.As(err, &can)
}

// canType is the name of the new run's workflow type: empty when a
// ContinueAsNewError made by hand names none.
func canType(can *wfsim.ContinueAsNewError) string {
	if can.WorkflowType == nil {
		return ""
	}
	return can.WorkflowType.Name
}
