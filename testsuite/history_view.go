package testsuite

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// historyView is what the test says the workflow under test is told of its
// history: the values of GetInfo(ctx).GetContinueAsNewSuggested(),
// GetCurrentHistorySize() and GetCurrentHistoryLength().
//
// A worker reads them from each workflow task's WorkflowTaskStarted event:
// the server's suggestContinueAsNew and historySizeBytes, and the event's
// ID. So the simulated server records the first two in the
// WorkflowTaskStarted events of the run they apply to, where a replay of
// its history finds them as well; the length, which no history can record
// but by its event IDs, is handed to the workflow beside the event.
//
// They apply to one run: the run of the workflow under test current when
// they were set (the first one, when set before ExecuteWorkflow), from its
// next workflow task on. A run it continues as new into starts afresh, its
// history short, with none of them, as on a server; set them again (from a
// delayed callback, say) to have the new run see them.
type historyView struct {
	// run is the run they apply to; nil until the first root run's task.
	run                *workflowRun
	suggest            bool
	sizeSet, lengthSet bool
	size, length       int64
	// lengthSeen says a task of run was told the length.
	lengthSeen bool
	// targetChanged and reasons: SetTargetWorkerDeploymentVersionChanged,
	// SetContinueAsNewSuggestedReasons.
	targetChanged bool
	reasons       replay.SuggestContinueAsNewReasonSet
}

// bind ties the view to the current run of the workflow under test.
func (e *environment) bindHistoryView() *historyView {
	v := &e.set().history
	switch {
	case e.root == nil:
	case v.run == nil:
		v.run = e.root
	case v.run != e.root:
		*v = historyView{run: e.root} // a new run starts afresh
	}
	return v
}

// SetContinueAsNewSuggested sets what GetInfo(ctx).GetContinueAsNewSuggested()
// reports to the workflow under test, as in Temporal's test environment:
// the simulated server records it as the suggestContinueAsNew of the
// run's next WorkflowTaskStarted events (see historyView for which run).
func (env *TestWorkflowEnvironment) SetContinueAsNewSuggested(suggest bool) {
	v := env.e.bindHistoryView()
	v.suggest = suggest
}

// SetContinueAsNewSuggestedReasons sets what
// GetInfo(ctx).GetContinueAsNewSuggestedReasons() reports to the workflow
// under test while SetContinueAsNewSuggested(true) holds, as in Temporal's
// test environment: the simulated server records them as the
// suggestContinueAsNewReasons of the run's next WorkflowTaskStarted events
// (see historyView), which the server leaves unset when it suggests
// nothing. Experimental in Temporal, as here.
func (env *TestWorkflowEnvironment) SetContinueAsNewSuggestedReasons(reasons []workflow.ContinueAsNewSuggestedReason) {
	v := env.e.bindHistoryView()
	v.reasons = 0
	for _, r := range reasons {
		v.reasons |= replay.NewSuggestContinueAsNewReasonSet(replay.SuggestContinueAsNewReason(r))
	}
}

// SetTargetWorkerDeploymentVersionChanged sets what
// GetInfo(ctx).GetTargetWorkerDeploymentVersionChanged() reports to the
// workflow under test, as in Temporal's test environment: the simulated
// server records it as the targetWorkerDeploymentVersionChanged of the
// run's next WorkflowTaskStarted events (see historyView). Experimental in
// Temporal, as here.
func (env *TestWorkflowEnvironment) SetTargetWorkerDeploymentVersionChanged(changed bool) {
	env.e.bindHistoryView().targetChanged = changed
}

// SetCurrentHistorySize sets what GetInfo(ctx).GetCurrentHistorySize()
// reports to the workflow under test (bytes), as in Temporal's test
// environment: the simulated server records it as the historySizeBytes of
// the run's next WorkflowTaskStarted events (see historyView). Without it
// the simulation records no size, and the workflow sees 0.
func (env *TestWorkflowEnvironment) SetCurrentHistorySize(length int) {
	v := env.e.bindHistoryView()
	v.size, v.sizeSet = int64(length), true
}

// SetCurrentHistoryLength sets what GetInfo(ctx).GetCurrentHistoryLength()
// reports to the workflow under test, from its next workflow task on (see
// historyView), as in Temporal's test environment; without it the workflow
// sees the true length of its history, as on a worker.
//
// A history records its length only by its event IDs, so a replay of the
// run's history would see the true lengths: such a run is left out of the
// replay check that ends ExecuteWorkflow.
func (env *TestWorkflowEnvironment) SetCurrentHistoryLength(length int) {
	v := env.e.bindHistoryView()
	v.length, v.lengthSet = int64(length), true
}

// applies reports whether the view applies to r, binding it to the first
// run of the workflow under test if it was set before ExecuteWorkflow.
func (v *historyView) applies(r *workflowRun) bool {
	if r != r.env.root {
		return false
	}
	if v.run == nil {
		v.run = r
	}
	return v.run == r
}

// taskStarted fills in r's WorkflowTaskStarted attributes.
func (v *historyView) taskStarted(r *workflowRun, a *replay.WorkflowTaskStartedEventAttributes) {
	if !v.applies(r) {
		return
	}
	a.SuggestContinueAsNew = v.suggest
	a.TargetWorkerDeploymentVersionChanged = v.targetChanged
	if v.suggest {
		a.SuggestContinueAsNewReasons = v.reasons // unset unless suggested, as the server does
	}
	if v.sizeSet {
		a.HistorySizeBytes = v.size
	}
}

// taskEvents hands the length to r's workflow with the task's
// WorkflowTaskStarted, the last of events.
func (v *historyView) taskEvents(r *workflowRun, events []run.Event) {
	if !v.lengthSet || len(events) == 0 || !v.applies(r) {
		return
	}
	ev := &events[len(events)-1]
	if ev.Task == nil {
		ev.Task = new(run.TaskStarted) // the conversion's own otherwise: ours to change
	}
	ev.Task.HistoryLength = v.length
	v.lengthSeen = true
}

// lengthOverridden reports whether r's workflow was told a history length
// its history does not record.
func (e *environment) lengthOverridden(r *workflowRun) bool {
	return e.more != nil && e.more.history.lengthSeen && e.more.history.run == r
}
