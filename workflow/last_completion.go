package workflow

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/sharedmeta"
)

// runExtras is the state of a run that few runs have: what its start says
// of the runs before it, and its current details. One pointer in runState
// keeps a run without them small.
type runExtras struct {
	// lastResult and lastFailure are the LastCompletionResult and
	// ContinuedFailure of the run's WorkflowExecutionStarted event.
	lastResult  *converter.Payloads
	lastFailure *wfsim.Failure
	// currentDetails is what SetCurrentDetails set (current_details.go).
	currentDetails string
	// signalDescriptions are the descriptions GetSignalChannelWithOptions
	// gave signal channels, for the metadata query (query_metadata.go).
	signalDescriptions map[string]string
	// resultDCs holds the converters of the pending results that decode
	// with WithDataConverter's (data_converter.go).
	resultDCs map[*futureImpl]converter.DataConverter
	// aliases name the functions the run passes (run.Start.Aliases;
	// func_names.go), nil for none.
	aliases *run.Aliases
	// ids holds the text of long runs' command IDs (id_text.go).
	ids idText
	// more holds what fewer runs still use, made on first use: one
	// pointer keeps runExtras, which long runs make for ids, in its size
	// class.
	more *moreExtras
}

// moreExtras is the state of the SDK features few runs use.
type moreExtras struct {
	// pastReset says the run's history went past a reset point, after
	// which Temporal's SDK derives child workflow IDs and random streams
	// from the new run's ID (see currentRunID).
	pastReset bool
	// randoms are the run's random streams by name (random_stream.go).
	randoms map[string]*randomStream
	// locals holds the values of the run's LocalVars (local_var.go).
	locals map[*localKey]any
}

// moreForWrite returns the run's moreExtras, made if need be.
func (s *runState) moreForWrite() *moreExtras {
	x := s.extrasForWrite()
	if x.more == nil {
		x.more = new(moreExtras)
	}
	return x.more
}

// moreOf returns the run's moreExtras, or nil.
func (s *runState) moreOf() *moreExtras {
	if s.extras == nil {
		return nil
	}
	return s.extras.more
}

// newRunExtras returns the extras of a run that starts with start: nil
// when it has none (most runs).
func newRunExtras(start *run.Start) *runExtras {
	if start.LastCompletionResult == nil && start.LastFailure == nil {
		return nil
	}
	return &runExtras{lastResult: start.LastCompletionResult, lastFailure: start.LastFailure}
}

// extrasForWrite returns the run's extras, made if need be.
func (s *runState) extrasForWrite() *runExtras {
	if s.extras == nil {
		s.extras = new(runExtras)
	}
	return s.extras
}

// HasLastCompletionResult reports whether the run started with the result
// of an earlier run, as Temporal's workflow.HasLastCompletionResult: the
// last completed run of a cron schedule (or a schedule), recorded in the
// run's WorkflowExecutionStarted event as LastCompletionResult. In a test,
// TestWorkflowEnvironment.SetLastCompletionResult sets it.
func HasLastCompletionResult(ctx Context) bool {
	x := getState(ctx).extras
	return x != nil && x.lastResult != nil
}

// GetLastCompletionResult decodes the result of the last completed run (see
// HasLastCompletionResult) into valuePtrs, as Temporal's
// workflow.GetLastCompletionResult. It returns converter.ErrNoData when
// there is none. It holds even when the run just before failed.
func GetLastCompletionResult(ctx Context, valuePtrs ...any) error {
	s := getState(ctx)
	if s.extras == nil || s.extras.lastResult == nil {
		return converter.ErrNoData
	}
	dc := s.dcOf(ctx)
	if dc != s.dc {
		// WithDataConverter's converter is the user's: it gets payloads
		// with Metadata maps of their own (encoder).
		sharedmeta.Unshare(s.extras.lastResult)
	}
	return converter.NewEncodedValues(s.extras.lastResult, dc).Get(valuePtrs...)
}

// GetLastError returns the error of the run this one follows when that run
// failed, as Temporal's workflow.GetLastError: the failure recorded as
// ContinuedFailure in the run's WorkflowExecutionStarted event, which the
// server sets for a retry and for a cron run after a failed one. It is nil
// for a first run or after a run that completed. In a test,
// TestWorkflowEnvironment.SetLastError sets it.
func GetLastError(ctx Context) error {
	s := getState(ctx)
	if s.extras == nil || s.extras.lastFailure == nil {
		return nil
	}
	return s.failureConverter().FailureToError(s.extras.lastFailure)
}
