package workflow

import (
	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/run"
)

// lastRun is what a run's WorkflowExecutionStarted event says of the runs
// before it; nil for a run that has neither (most).
type lastRun struct {
	result  converter.Payloads
	failure *wfsim.Failure
}

// newLastRun keeps what start says of the previous runs, if anything.
func newLastRun(start *run.Start) *lastRun {
	if len(start.LastCompletionResult) == 0 && start.LastFailure == nil {
		return nil
	}
	return &lastRun{result: start.LastCompletionResult, failure: start.LastFailure}
}

// HasLastCompletionResult reports whether the run started with the result
// of an earlier run, as Temporal's workflow.HasLastCompletionResult: the
// last completed run of a cron schedule (or a schedule), recorded in the
// run's WorkflowExecutionStarted event as LastCompletionResult. In a test,
// TestWorkflowEnvironment.SetLastCompletionResult sets it.
func HasLastCompletionResult(ctx Context) bool {
	l := getState(ctx).last
	return l != nil && len(l.result) > 0
}

// GetLastCompletionResult decodes the result of the last completed run (see
// HasLastCompletionResult) into valuePtrs, as Temporal's
// workflow.GetLastCompletionResult. It returns converter.ErrNoData when
// there is none. It holds even when the run just before failed.
func GetLastCompletionResult(ctx Context, valuePtrs ...any) error {
	s := getState(ctx)
	if s.last == nil || len(s.last.result) == 0 {
		return converter.ErrNoData
	}
	return converter.NewEncodedValues(s.last.result, s.dc).Get(valuePtrs...)
}

// GetLastError returns the error of the run this one follows when that run
// failed, as Temporal's workflow.GetLastError: the failure recorded as
// ContinuedFailure in the run's WorkflowExecutionStarted event, which the
// server sets for a retry and for a cron run after a failed one. It is nil
// for a first run or after a run that completed. In a test,
// TestWorkflowEnvironment.SetLastError sets it.
func GetLastError(ctx Context) error {
	s := getState(ctx)
	if s.last == nil || s.last.failure == nil {
		return nil
	}
	return wfsim.NewDefaultFailureConverter(wfsim.DefaultFailureConverterOptions{DataConverter: s.dc}).FailureToError(s.last.failure)
}
