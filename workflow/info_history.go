package workflow

import (
	"math"

	"github.com/wfsim/wfsim/internal/run"
)

// What a run knows of its own history, as of its current workflow task:
// Temporal's worker reads it from the task's WorkflowTaskStarted event (its
// ID, and the historySizeBytes and suggestContinueAsNew the server puts in
// it), and so does wfsim, live or replaying.

// GetCurrentHistoryLength returns the number of events in the run's history
// as of the current workflow task: the ID of its WorkflowTaskStarted event.
// The test environment's SetCurrentHistoryLength overrides it.
func (i *Info) GetCurrentHistoryLength() int { return int(i.currentHistoryLength) }

// GetCurrentHistorySize returns the size of the run's history in bytes as
// of the current workflow task, as the server recorded it in the task's
// WorkflowTaskStarted event (historySizeBytes). The simulated server
// records none (0) unless the test sets one with SetCurrentHistorySize; a
// replayed production history has the server's figures.
func (i *Info) GetCurrentHistorySize() int { return int(i.currentHistorySize) }

// GetContinueAsNewSuggested reports whether the server suggested, in the
// current workflow task's WorkflowTaskStarted event, that the run continue
// as new because its history grows large. The simulated server suggests it
// only when the test says so with SetContinueAsNewSuggested.
func (i *Info) GetContinueAsNewSuggested() bool { return i.continueAsNewSuggested }

// GetContinueAsNewSuggestedReasons returns why the server suggested that
// the run continue as new, as the current workflow task's
// WorkflowTaskStarted event records it (suggestContinueAsNewReasons); nil
// when it did not. The simulated server gives reasons only when the test
// sets them with SetContinueAsNewSuggestedReasons. Experimental in
// Temporal, as here.
//
// The reasons come in increasing order, each once.
func (i *Info) GetContinueAsNewSuggestedReasons() []ContinueAsNewSuggestedReason {
	if i.suggestReasons == 0 {
		return nil
	}
	var out []ContinueAsNewSuggestedReason
	for r := range 8 {
		if i.suggestReasons&(1<<r) != 0 {
			out = append(out, ContinueAsNewSuggestedReason(r))
		}
	}
	return out
}

// GetTargetWorkerDeploymentVersionChanged reports whether the server said,
// in the current workflow task's WorkflowTaskStarted event, that the
// workflow's target worker deployment version differs from the one it is
// pinned to. The simulated server says so only when the test sets it with
// SetTargetWorkerDeploymentVersionChanged. Experimental in Temporal, as
// here.
func (i *Info) GetTargetWorkerDeploymentVersionChanged() bool { return i.targetVersionChanged }

// GetBinaryChecksum returns BinaryChecksum. Temporal's falls back, when the
// field is empty, to a checksum of the running executable, which differs
// from build to build; wfsim returns the field ("" in a simulation), so a
// test sees the same value on every run.
func (i *Info) GetBinaryChecksum() string { return i.BinaryChecksum }

// GetCurrentBuildID returns the build ID of the worker that processed the
// current workflow task. Temporal's test environment has none (""), and
// neither has wfsim's simulated worker.
func (i *Info) GetCurrentBuildID() string { return "" }

// ContinueAsNewSuggestedReason says why the server suggests continuing as
// new; several may hold at once.
type ContinueAsNewSuggestedReason int

const (
	// ContinueAsNewSuggestedReasonUnspecified: the reason is unknown.
	ContinueAsNewSuggestedReasonUnspecified ContinueAsNewSuggestedReason = 0
	// ContinueAsNewSuggestedReasonHistorySizeTooLarge: the history's size
	// in bytes grows too large.
	ContinueAsNewSuggestedReasonHistorySizeTooLarge ContinueAsNewSuggestedReason = 1
	// ContinueAsNewSuggestedReasonTooManyHistoryEvents: the history has
	// too many events.
	ContinueAsNewSuggestedReasonTooManyHistoryEvents ContinueAsNewSuggestedReason = 2
	// ContinueAsNewSuggestedReasonTooManyUpdates: the run has completed or
	// in-flight updates beyond the server's limit.
	ContinueAsNewSuggestedReasonTooManyUpdates ContinueAsNewSuggestedReason = 3
)

// taskStarted takes in what a WorkflowTaskStarted event says of the history.
func (i *Info) taskStarted(ev *run.Event) {
	i.currentHistoryLength = int32(ev.EventID)
	i.currentHistorySize, i.continueAsNewSuggested, i.targetVersionChanged, i.suggestReasons = 0, false, false, 0
	t := ev.Task
	if t == nil {
		return
	}
	if t.HistoryLength != 0 {
		i.currentHistoryLength = int32(t.HistoryLength)
	}
	i.currentHistorySize = int32(min(t.HistorySizeBytes, math.MaxInt32))
	i.continueAsNewSuggested = t.SuggestContinueAsNew
	i.targetVersionChanged = t.TargetVersionChanged
	i.suggestReasons = uint8(t.SuggestReasons) // the reasons Temporal has fit in 8 bits
}
