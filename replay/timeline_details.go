package replay

import (
	"sort"
	"strconv"
	"strings"
)

// eventDetails returns the key attributes of an event for its timeline
// line, in a fixed order.
func eventDetails(e *Event) []string {
	var d details
	if e.EventType == EventTypeUnspecified {
		if e.WorkerMayIgnore {
			d = append(d, "(unknown event type"+unknownTypeName(e)+", ignored by workers)")
		}
		return d
	}
	switch a := e.Attributes.(type) {
	case *WorkflowExecutionStartedEventAttributes:
		d.str("workflowType", a.WorkflowType.Name)
		d.str("taskQueue", a.TaskQueue.Name)
		d.payloads("input", a.Input)
		if a.Attempt > 1 {
			d.add("attempt", strconv.Itoa(int(a.Attempt)))
		}
		d.str("cronSchedule", a.CronSchedule)
		if a.ParentWorkflowExecution != nil {
			d.str("parentWorkflowId", a.ParentWorkflowExecution.WorkflowID)
		}
		d.str("continuedExecutionRunId", a.ContinuedExecutionRunID)
	case *WorkflowExecutionCompletedEventAttributes:
		d.payloads("result", a.Result)
	case *WorkflowExecutionFailedEventAttributes:
		d.failure("failure", a.Failure)
	case *WorkflowExecutionTimedOutEventAttributes:
		d.add("retryState", enumText(int32(a.RetryState), retryStateEnum))
	case *WorkflowExecutionContinuedAsNewEventAttributes:
		d.str("workflowType", a.WorkflowType.Name)
		d.payloads("input", a.Input)
		d.dur("backoffStartInterval", a.BackoffStartInterval)
		d.failure("failure", a.Failure)
	case *WorkflowExecutionSignaledEventAttributes:
		d.str("signalName", a.SignalName)
		d.payloads("input", a.Input)
	case *WorkflowExecutionTerminatedEventAttributes:
		d.str("reason", a.Reason)
		d.payloads("details", a.Details)
	case *WorkflowExecutionCancelRequestedEventAttributes:
		d.str("cause", a.Cause)
	case *WorkflowExecutionCanceledEventAttributes:
		d.payloads("details", a.Details)
	case *UpsertWorkflowSearchAttributesEventAttributes:
		if a.SearchAttributes != nil {
			d.add("searchAttributes", previewPayloadMap(a.SearchAttributes.IndexedFields))
		}
	case *WorkflowPropertiesModifiedEventAttributes:
		if a.UpsertedMemo != nil {
			d.add("memo", previewPayloadMap(a.UpsertedMemo.Fields))
		}

	case *WorkflowTaskScheduledEventAttributes:
		if a.TaskQueue.Kind == TaskQueueKindSticky {
			d.add("sticky", "true")
		}
		if a.Attempt > 1 {
			d.add("attempt", strconv.Itoa(int(a.Attempt)))
		}
	case *WorkflowTaskCompletedEventAttributes:
		if a.SDKMetadata != nil && len(a.SDKMetadata.LangUsedFlags) > 0 {
			flags := make([]string, len(a.SDKMetadata.LangUsedFlags))
			for i, f := range a.SDKMetadata.LangUsedFlags {
				flags[i] = strconv.FormatUint(uint64(f), 10)
			}
			d.add("sdkFlags", strings.Join(flags, ","))
		}
	case *WorkflowTaskTimedOutEventAttributes:
		d.add("timeoutType", enumText(int32(a.TimeoutType), timeoutTypeEnum))
	case *WorkflowTaskFailedEventAttributes:
		d.add("cause", enumText(int32(a.Cause), workflowTaskFailedCauseEnum))
		d.failure("failure", a.Failure)
		d.str("newRunId", a.NewRunID)

	case *ActivityTaskScheduledEventAttributes:
		d.str("activityType", a.ActivityType.Name)
		d.str("activityId", a.ActivityID)
		d.payloads("input", a.Input)
	case *ActivityTaskStartedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		if a.Attempt > 1 {
			d.add("attempt", strconv.Itoa(int(a.Attempt)))
		}
		d.failure("lastFailure", a.LastFailure)
	case *ActivityTaskCompletedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.payloads("result", a.Result)
	case *ActivityTaskFailedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.failure("failure", a.Failure)
	case *ActivityTaskTimedOutEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.failure("failure", a.Failure)
	case *ActivityTaskCancelRequestedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
	case *ActivityTaskCanceledEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.payloads("details", a.Details)

	case *TimerStartedEventAttributes:
		d.str("timerId", a.TimerID)
		d.dur("startToFireTimeout", a.StartToFireTimeout)
	case *TimerFiredEventAttributes:
		d.str("timerId", a.TimerID)
	case *TimerCanceledEventAttributes:
		d.str("timerId", a.TimerID)
	case *MarkerRecordedEventAttributes:
		d.str("markerName", a.MarkerName)
		keys := make([]string, 0, len(a.Details))
		for k := range a.Details {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			d.payloads(k, a.Details[k])
		}
		d.failure("failure", a.Failure)

	case *StartChildWorkflowExecutionInitiatedEventAttributes:
		d.str("workflowType", a.WorkflowType.Name)
		d.str("workflowId", a.WorkflowID)
		d.payloads("input", a.Input)
	case *StartChildWorkflowExecutionFailedEventAttributes:
		d.str("workflowId", a.WorkflowID)
		d.add("cause", enumText(int32(a.Cause), startChildFailedCauseEnum))
	case *ChildWorkflowExecutionStartedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
		d.str("workflowId", a.WorkflowExecution.WorkflowID)
	case *ChildWorkflowExecutionCompletedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
		d.payloads("result", a.Result)
	case *ChildWorkflowExecutionFailedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
		d.failure("failure", a.Failure)
	case *ChildWorkflowExecutionCanceledEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
	case *ChildWorkflowExecutionTimedOutEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
	case *ChildWorkflowExecutionTerminatedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
	case *SignalExternalWorkflowExecutionInitiatedEventAttributes:
		d.str("signalName", a.SignalName)
		d.str("workflowId", a.WorkflowExecution.WorkflowID)
		d.payloads("input", a.Input)
	case *SignalExternalWorkflowExecutionFailedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
		d.add("cause", enumText(int32(a.Cause), signalExternalFailedCauseEnum))
	case *ExternalWorkflowExecutionSignaledEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
	case *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes:
		d.str("workflowId", a.WorkflowExecution.WorkflowID)
	case *RequestCancelExternalWorkflowExecutionFailedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)
		d.add("cause", enumText(int32(a.Cause), cancelExternalFailedCauseEnum))
	case *ExternalWorkflowExecutionCancelRequestedEventAttributes:
		d.id("initiatedEventId", a.InitiatedEventID)

	case *WorkflowExecutionUpdateAdmittedEventAttributes:
		d.update(a.Request)
	case *WorkflowExecutionUpdateAcceptedEventAttributes:
		d.update(a.AcceptedRequest)
	case *WorkflowExecutionUpdateRejectedEventAttributes:
		d.update(a.RejectedRequest)
		d.failure("failure", a.Failure)
	case *WorkflowExecutionUpdateCompletedEventAttributes:
		if a.Meta != nil {
			d.str("updateId", a.Meta.UpdateID)
		}
		if a.Outcome != nil {
			d.payloads("result", a.Outcome.Success)
			d.failure("failure", a.Outcome.Failure)
		}

	case *NexusOperationScheduledEventAttributes:
		d.str("service", a.Service)
		d.str("operation", a.Operation)
		if a.Input != nil {
			d.add("input", previewPayload(a.Input))
		}
	case *NexusOperationStartedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
	case *NexusOperationCompletedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		if a.Result != nil {
			d.add("result", previewPayload(a.Result))
		}
	case *NexusOperationFailedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.failure("failure", a.Failure)
	case *NexusOperationCanceledEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.failure("failure", a.Failure)
	case *NexusOperationTimedOutEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
		d.failure("failure", a.Failure)
	case *NexusOperationCancelRequestedEventAttributes:
		d.id("scheduledEventId", a.ScheduledEventID)
	}
	return d
}

func (d *details) update(r *UpdateRequest) {
	if r == nil {
		return
	}
	if r.Input != nil {
		d.str("updateName", r.Input.Name)
	}
	if r.Meta != nil {
		d.str("updateId", r.Meta.UpdateID)
	}
	if r.Input != nil {
		d.payloads("args", r.Input.Args)
	}
}

// enumText prints an enum value by its CamelCase name; "" for Unspecified.
func enumText(v int32, desc *enumDesc) string {
	if v == 0 {
		return ""
	}
	return desc.name(v)
}

// unknownTypeName returns " " and the type an event of unknown type had in
// its JSON, or "" when there was none.
func unknownTypeName(e *Event) string {
	for _, f := range unknownIn(e.UnknownFields(), "") {
		if f.Name == "eventType" || f.Name == "event_type" {
			return " " + string(f.Value)
		}
	}
	return ""
}
