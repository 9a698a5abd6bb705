package replay

import wfsim "github.com/wfsim/wfsim"

// JSON form of wfsim.Failure, Temporal's failure.v1.Failure. The wrapper
// types give the root package's structs a fields method without that
// package knowing about JSON.

type (
	failureMsg           wfsim.Failure
	appFailureInfoMsg    wfsim.ApplicationFailureInfo
	timeoutInfoMsg       wfsim.TimeoutFailureInfo
	canceledInfoMsg      wfsim.CanceledFailureInfo
	terminatedInfoMsg    wfsim.TerminatedFailureInfo
	serverInfoMsg        wfsim.ServerFailureInfo
	resetInfoMsg         wfsim.ResetWorkflowFailureInfo
	activityInfoMsg      wfsim.ActivityFailureInfo
	childWorkflowInfoMsg wfsim.ChildWorkflowExecutionFailureInfo
)

// failureField visits an optional failure.
func failureField(v visitor, name string, p **wfsim.Failure) {
	v.object(name, *p != nil,
		func() message { return (*failureMsg)(*p) },
		func() message { *p = new(wfsim.Failure); return (*failureMsg)(*p) })
}

// wrapField visits an optional *T through its wrapper type W, a struct type
// with the same fields as T.
func wrapField[T any, W any, PW interface {
	*W
	message
}](v visitor, name string, p **T, conv func(*T) *W) {
	v.object(name, *p != nil,
		func() message { return PW(conv(*p)) },
		func() message { *p = new(T); return PW(conv(*p)) })
}

func (f *failureMsg) fields(v visitor) {
	v.str("message", &f.Message)
	v.str("source", &f.Source)
	v.str("stackTrace", &f.StackTrace)
	v.payload("encodedAttributes", &f.EncodedAttributes)
	failureField(v, "cause", &f.Cause)
	wrapField(v, "applicationFailureInfo", &f.ApplicationFailureInfo,
		func(p *wfsim.ApplicationFailureInfo) *appFailureInfoMsg { return (*appFailureInfoMsg)(p) })
	wrapField(v, "timeoutFailureInfo", &f.TimeoutFailureInfo,
		func(p *wfsim.TimeoutFailureInfo) *timeoutInfoMsg { return (*timeoutInfoMsg)(p) })
	wrapField(v, "canceledFailureInfo", &f.CanceledFailureInfo,
		func(p *wfsim.CanceledFailureInfo) *canceledInfoMsg { return (*canceledInfoMsg)(p) })
	wrapField(v, "terminatedFailureInfo", &f.TerminatedFailureInfo,
		func(p *wfsim.TerminatedFailureInfo) *terminatedInfoMsg { return (*terminatedInfoMsg)(p) })
	wrapField(v, "serverFailureInfo", &f.ServerFailureInfo,
		func(p *wfsim.ServerFailureInfo) *serverInfoMsg { return (*serverInfoMsg)(p) })
	wrapField(v, "resetWorkflowFailureInfo", &f.ResetWorkflowFailureInfo,
		func(p *wfsim.ResetWorkflowFailureInfo) *resetInfoMsg { return (*resetInfoMsg)(p) })
	wrapField(v, "activityFailureInfo", &f.ActivityFailureInfo,
		func(p *wfsim.ActivityFailureInfo) *activityInfoMsg { return (*activityInfoMsg)(p) })
	wrapField(v, "childWorkflowExecutionFailureInfo", &f.ChildWorkflowExecutionFailureInfo,
		func(p *wfsim.ChildWorkflowExecutionFailureInfo) *childWorkflowInfoMsg {
			return (*childWorkflowInfoMsg)(p)
		})
}

func (i *appFailureInfoMsg) fields(v visitor) {
	v.str("type", &i.Type)
	v.boolean("nonRetryable", &i.NonRetryable)
	v.payloads("details", &i.Details)
	v.dur("nextRetryDelay", &i.NextRetryDelay)
	enumField(v, "category", &i.Category, applicationErrorCategoryEnum)
}

func (i *timeoutInfoMsg) fields(v visitor) {
	enumField(v, "timeoutType", &i.TimeoutType, timeoutTypeEnum)
	v.payloads("lastHeartbeatDetails", &i.LastHeartbeatDetails)
}

func (i *canceledInfoMsg) fields(v visitor) { v.payloads("details", &i.Details) }

func (i *terminatedInfoMsg) fields(visitor) {}

func (i *serverInfoMsg) fields(v visitor) { v.boolean("nonRetryable", &i.NonRetryable) }

func (i *resetInfoMsg) fields(v visitor) {
	v.payloads("lastHeartbeatDetails", &i.LastHeartbeatDetails)
}

func (i *activityInfoMsg) fields(v visitor) {
	v.i64("scheduledEventId", &i.ScheduledEventID)
	v.i64("startedEventId", &i.StartedEventID)
	v.str("identity", &i.Identity)
	nameField(v, "activityType", &i.ActivityType)
	v.str("activityId", &i.ActivityID)
	enumField(v, "retryState", &i.RetryState, retryStateEnum)
}

// childExecution is the {workflowId, runId} object of a child workflow
// failure info, whose Go form keeps the two IDs as plain fields.
type childExecution struct{ workflowID, runID *string }

func (c childExecution) fields(v visitor) {
	v.str("workflowId", c.workflowID)
	v.str("runId", c.runID)
}

func (i *childWorkflowInfoMsg) fields(v visitor) {
	v.str("namespace", &i.Namespace)
	exec := childExecution{&i.WorkflowID, &i.RunID}
	v.object("workflowExecution", i.WorkflowID != "" || i.RunID != "",
		func() message { return exec },
		func() message { i.WorkflowID, i.RunID = "", ""; return exec })
	nameField(v, "workflowType", &i.WorkflowType)
	v.i64("initiatedEventId", &i.InitiatedEventID)
	v.i64("startedEventId", &i.StartedEventID)
	enumField(v, "retryState", &i.RetryState, retryStateEnum)
}
