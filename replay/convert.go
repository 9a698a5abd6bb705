package replay

import (
	"time"

	"github.com/wfsim/wfsim/internal/run"
)

func init() {
	run.FromHistory = func(out *run.Event, ev any) { fillRunEvent(out, ev.(*Event)) }
	run.IgnoredByInstance = func(ev any) bool { return ignoredByInstance(ev.(*Event)) }
}

// fillRunEvent translates a history event into what workflow code
// observes, in r. The simulator and the replayer both feed workflow runs
// through it, so a history the simulator records is read exactly as a
// production one. It fills r in place: a run.Event is large, and a task's
// events go in a reused buffer.
func fillRunEvent(r *run.Event, e *Event) {
	// Cleared in place, then set field by field: assigning a whole new
	// value would build it on the stack and copy it, through a write
	// barrier over every pointer of the large struct while the garbage
	// collector marks.
	resetRunEvent(r)
	r.EventID, r.Time, r.Kind = e.EventID, e.EventTime, run.EventNoop
	switch a := e.Attributes.(type) {
	case *WorkflowTaskStartedEventAttributes:
		r.Kind = run.EventWorkflowTaskStarted
		if a.HistorySizeBytes != 0 || a.SuggestContinueAsNew || a.TargetWorkerDeploymentVersionChanged || a.SuggestContinueAsNewReasons != 0 {
			r.Task = taskStarted(a)
		}
	case *WorkflowTaskFailedEventAttributes:
		if a.Cause == WorkflowTaskFailedCauseResetWorkflow {
			r.Kind, r.RunID = run.EventWorkflowTaskFailedReset, a.NewRunID
		}
	case *ActivityTaskScheduledEventAttributes:
		r.Kind, r.ID, r.Name = run.EventActivityScheduled, a.ActivityID, a.ActivityType.Name
	case *ActivityTaskCompletedEventAttributes:
		r.Kind, r.ScheduledEventID, r.StartedEventID, r.Payloads, r.Identity = run.EventActivityCompleted, a.ScheduledEventID, a.StartedEventID, a.Result, a.Identity
	case *ActivityTaskFailedEventAttributes:
		r.Kind, r.ScheduledEventID, r.StartedEventID, r.Failure, r.RetryState, r.Identity = run.EventActivityFailed, a.ScheduledEventID, a.StartedEventID, a.Failure, a.RetryState, a.Identity
	case *ActivityTaskTimedOutEventAttributes:
		r.Kind, r.ScheduledEventID, r.StartedEventID, r.Failure, r.RetryState = run.EventActivityTimedOut, a.ScheduledEventID, a.StartedEventID, a.Failure, a.RetryState
	case *ActivityTaskCancelRequestedEventAttributes:
		r.Kind, r.ScheduledEventID = run.EventActivityCancelRequested, a.ScheduledEventID
	case *ActivityTaskCanceledEventAttributes:
		r.Kind, r.ScheduledEventID, r.StartedEventID, r.Payloads, r.Identity = run.EventActivityCanceled, a.ScheduledEventID, a.StartedEventID, a.Details, a.Identity
	case *TimerStartedEventAttributes:
		r.Kind, r.ID = run.EventTimerStarted, a.TimerID
	case *TimerFiredEventAttributes:
		r.Kind, r.ID = run.EventTimerFired, a.TimerID
	case *TimerCanceledEventAttributes:
		r.Kind, r.ID = run.EventTimerCanceled, a.TimerID
	case *MarkerRecordedEventAttributes:
		r.Kind, r.Name, r.Details, r.Failure = run.EventMarkerRecorded, a.MarkerName, a.Details, a.Failure
	case *WorkflowExecutionSignaledEventAttributes:
		r.Kind, r.Name, r.Payloads = run.EventSignaled, a.SignalName, a.Input
	case *WorkflowExecutionCancelRequestedEventAttributes:
		r.Kind = run.EventCancelRequested
	case *StartChildWorkflowExecutionInitiatedEventAttributes:
		r.Kind, r.ID, r.Name, r.Control = run.EventChildInitiated, a.WorkflowID, a.WorkflowType.Name, a.Control
	case *StartChildWorkflowExecutionFailedEventAttributes:
		r.Kind, r.ID, r.InitiatedEventID, r.Control = run.EventChildStartFailed, a.WorkflowID, a.InitiatedEventID, a.Control
		if a.Cause == StartChildWorkflowExecutionFailedCauseNamespaceNotFound {
			r.Name = run.CauseNamespaceNotFound
		}
	case *ChildWorkflowExecutionStartedEventAttributes:
		r.Kind, r.InitiatedEventID, r.ID, r.RunID = run.EventChildStarted, a.InitiatedEventID, a.WorkflowExecution.WorkflowID, a.WorkflowExecution.RunID
	case *ChildWorkflowExecutionCompletedEventAttributes:
		r.Kind, r.InitiatedEventID, r.StartedEventID, r.Payloads = run.EventChildCompleted, a.InitiatedEventID, a.StartedEventID, a.Result
	case *ChildWorkflowExecutionFailedEventAttributes:
		r.Kind, r.InitiatedEventID, r.StartedEventID, r.Failure, r.RetryState = run.EventChildFailed, a.InitiatedEventID, a.StartedEventID, a.Failure, a.RetryState
	case *ChildWorkflowExecutionCanceledEventAttributes:
		r.Kind, r.InitiatedEventID, r.StartedEventID, r.Payloads = run.EventChildCanceled, a.InitiatedEventID, a.StartedEventID, a.Details
	case *ChildWorkflowExecutionTimedOutEventAttributes:
		r.Kind, r.InitiatedEventID, r.StartedEventID, r.RetryState = run.EventChildTimedOut, a.InitiatedEventID, a.StartedEventID, a.RetryState
	case *ChildWorkflowExecutionTerminatedEventAttributes:
		r.Kind, r.InitiatedEventID, r.StartedEventID = run.EventChildTerminated, a.InitiatedEventID, a.StartedEventID
	case *SignalExternalWorkflowExecutionInitiatedEventAttributes:
		r.Kind, r.ID, r.Name, r.Control = run.EventSignalExternalInitiated, a.WorkflowExecution.WorkflowID, a.SignalName, a.Control
	case *SignalExternalWorkflowExecutionFailedEventAttributes:
		r.Kind, r.InitiatedEventID, r.Control = run.EventSignalExternalFailed, a.InitiatedEventID, a.Control
		if a.Cause == SignalExternalWorkflowExecutionFailedCauseNamespaceNotFound {
			r.Name = run.CauseNamespaceNotFound
		}
	case *ExternalWorkflowExecutionSignaledEventAttributes:
		r.Kind, r.InitiatedEventID, r.Control = run.EventExternalSignaled, a.InitiatedEventID, a.Control
	case *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes:
		r.Kind, r.ID, r.Control = run.EventCancelExternalInitiated, a.WorkflowExecution.WorkflowID, a.Control
	case *RequestCancelExternalWorkflowExecutionFailedEventAttributes:
		r.Kind, r.InitiatedEventID, r.Control = run.EventCancelExternalFailed, a.InitiatedEventID, a.Control
		if a.Cause == CancelExternalWorkflowExecutionFailedCauseNamespaceNotFound {
			r.Name = run.CauseNamespaceNotFound
		}
	case *ExternalWorkflowExecutionCancelRequestedEventAttributes:
		r.Kind, r.InitiatedEventID = run.EventExternalCancelRequested, a.InitiatedEventID
	case *UpsertWorkflowSearchAttributesEventAttributes:
		r.Kind = run.EventUpsertSearchAttributes
		if a.SearchAttributes != nil {
			r.Fields = a.SearchAttributes.IndexedFields
		}
	case *WorkflowPropertiesModifiedEventAttributes:
		r.Kind = run.EventPropertiesModified
		if a.UpsertedMemo != nil {
			r.Fields = a.UpsertedMemo.Fields
		}
	case *WorkflowExecutionUpdateAdmittedEventAttributes:
		r.Kind = run.EventUpdateAdmitted
		if q := a.Request; q != nil {
			if q.Meta != nil {
				r.ID = q.Meta.UpdateID
			}
			if q.Input != nil {
				r.Name, r.Payloads = q.Input.Name, q.Input.Args
			}
		}
	case *WorkflowExecutionUpdateAcceptedEventAttributes:
		r.Kind, r.ID = run.EventUpdateAccepted, a.ProtocolInstanceID
	case *WorkflowExecutionUpdateRejectedEventAttributes:
		r.Kind, r.ID, r.Failure = run.EventUpdateRejected, a.ProtocolInstanceID, a.Failure
	case *WorkflowExecutionUpdateCompletedEventAttributes:
		r.Kind = run.EventUpdateCompleted
		if a.Meta != nil {
			r.ID = a.Meta.UpdateID
		}
	case nil:
		if !e.WorkerMayIgnore {
			r.Kind = run.EventUnknown
		}
	}
}

// ignoredByInstance reports whether fillRunEvent makes e a run.EventNoop
// whatever its attributes hold: the frequent events that move nothing in
// the workflow instance (each activity and each workflow task records
// one), which an event source may pass over (the replayer's, and
// testsuite's through run.IgnoredByInstance).
func ignoredByInstance(e *Event) bool {
	switch e.Attributes.(type) {
	case *WorkflowTaskScheduledEventAttributes, *WorkflowTaskCompletedEventAttributes, *ActivityTaskStartedEventAttributes:
		return true
	}
	return false
}

// resetRunEvent sets *r to the zero run.Event, but stores into a field that
// holds a pointer only when it is set: while the garbage collector marks,
// every pointer store goes through a write barrier, and zeroing the whole
// struct would pass all of them (most events set two or three fields).
// TestResetRunEventClearsEveryField fails when run.Event gains a field
// this does not clear.
func resetRunEvent(r *run.Event) {
	r.EventID, r.Kind = 0, 0
	r.ScheduledEventID, r.StartedEventID, r.InitiatedEventID, r.RetryState = 0, 0, 0, 0
	if r.Task != nil {
		r.Task = nil
	}
	if r.Time != (time.Time{}) {
		r.Time = time.Time{}
	}
	if r.ID != "" {
		r.ID = ""
	}
	if r.Name != "" {
		r.Name = ""
	}
	if r.RunID != "" {
		r.RunID = ""
	}
	if r.Control != "" {
		r.Control = ""
	}
	if r.Identity != "" {
		r.Identity = ""
	}
	if r.Payloads != nil {
		r.Payloads = nil
	}
	if r.Details != nil {
		r.Details = nil
	}
	if r.Failure != nil {
		r.Failure = nil
	}
	if r.Flags != nil {
		r.Flags = nil
	}
	if r.Fields != nil {
		r.Fields = nil
	}
}

// taskStarted is what a WorkflowTaskStarted event tells the workflow of its
// history.
func taskStarted(a *WorkflowTaskStartedEventAttributes) *run.TaskStarted {
	return &run.TaskStarted{HistorySizeBytes: a.HistorySizeBytes, SuggestContinueAsNew: a.SuggestContinueAsNew,
		TargetVersionChanged: a.TargetWorkerDeploymentVersionChanged, SuggestReasons: uint32(a.SuggestContinueAsNewReasons)}
}
