package workflow

import "github.com/wfsim/wfsim/internal/run"

// What a run knows of its own history, as of its current workflow task:
// Temporal's worker reads it from the task's WorkflowTaskStarted event (its
// ID, and the historySizeBytes and suggestContinueAsNew the server puts in
// it), and so does wfsim, live or replaying.

// GetCurrentHistoryLength returns the number of events in the run's history
// as of the current workflow task: the ID of its WorkflowTaskStarted event.
// The test environment's SetCurrentHistoryLength overrides it.
func (i *Info) GetCurrentHistoryLength() int { return i.currentHistoryLength }

// GetCurrentHistorySize returns the size of the run's history in bytes as
// of the current workflow task, as the server recorded it in the task's
// WorkflowTaskStarted event (historySizeBytes). The simulated server
// records none (0) unless the test sets one with SetCurrentHistorySize; a
// replayed production history has the server's figures.
func (i *Info) GetCurrentHistorySize() int { return i.currentHistorySize }

// GetContinueAsNewSuggested reports whether the server suggested, in the
// current workflow task's WorkflowTaskStarted event, that the run continue
// as new because its history grows large. The simulated server suggests it
// only when the test says so with SetContinueAsNewSuggested.
func (i *Info) GetContinueAsNewSuggested() bool { return i.continueAsNewSuggested }

// taskStarted takes in what a WorkflowTaskStarted event says of the history.
func (i *Info) taskStarted(ev *run.Event) {
	i.currentHistoryLength = int(ev.EventID)
	if ev.HistoryLength != 0 {
		i.currentHistoryLength = int(ev.HistoryLength)
	}
	i.currentHistorySize = int(ev.HistorySizeBytes)
	i.continueAsNewSuggested = ev.SuggestContinueAsNew
}
