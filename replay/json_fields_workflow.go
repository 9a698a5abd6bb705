package replay

// JSON forms of the workflow execution events, in Temporal's proto field order.

func (m *WorkflowExecutionStartedEventAttributes) fields(v visitor) {
	valField(v, "workflowType", &m.WorkflowType)
	v.str("parentWorkflowNamespace", &m.ParentWorkflowNamespace)
	v.str("parentWorkflowNamespaceId", &m.ParentWorkflowNamespaceID)
	ptrField(v, "parentWorkflowExecution", &m.ParentWorkflowExecution)
	v.i64("parentInitiatedEventId", &m.ParentInitiatedEventID)
	valField(v, "taskQueue", &m.TaskQueue)
	v.payloads("input", &m.Input)
	v.dur("workflowExecutionTimeout", &m.WorkflowExecutionTimeout)
	v.dur("workflowRunTimeout", &m.WorkflowRunTimeout)
	v.dur("workflowTaskTimeout", &m.WorkflowTaskTimeout)
	v.str("continuedExecutionRunId", &m.ContinuedExecutionRunID)
	enumField(v, "initiator", &m.Initiator, continueAsNewInitiatorEnum)
	failureField(v, "continuedFailure", &m.ContinuedFailure)
	v.payloads("lastCompletionResult", &m.LastCompletionResult)
	v.str("originalExecutionRunId", &m.OriginalExecutionRunID)
	v.str("identity", &m.Identity)
	v.str("firstExecutionRunId", &m.FirstExecutionRunID)
	ptrField(v, "retryPolicy", &m.RetryPolicy)
	v.i32("attempt", &m.Attempt)
	v.ts("workflowExecutionExpirationTime", &m.WorkflowExecutionExpirationTime)
	v.str("cronSchedule", &m.CronSchedule)
	v.dur("firstWorkflowTaskBackoff", &m.FirstWorkflowTaskBackoff)
	memoField(v, "memo", &m.Memo)
	searchAttributesField(v, "searchAttributes", &m.SearchAttributes)
	ptrField(v, "prevAutoResetPoints", &m.PrevAutoResetPoints)
	ptrField(v, "header", &m.Header)
	v.i64("parentInitiatedEventVersion", &m.ParentInitiatedEventVersion)
	v.str("workflowId", &m.WorkflowID)
	ptrField(v, "sourceVersionStamp", &m.SourceVersionStamp)
	ptrField(v, "rootWorkflowExecution", &m.RootWorkflowExecution)
	v.str("inheritedBuildId", &m.InheritedBuildID)
	ptrField(v, "priority", &m.Priority)
	v.boolean("eagerExecutionAccepted", &m.EagerExecutionAccepted)
}

func (m *WorkflowExecutionCompletedEventAttributes) fields(v visitor) {
	v.payloads("result", &m.Result)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("newExecutionRunId", &m.NewExecutionRunID)
}

func (m *WorkflowExecutionFailedEventAttributes) fields(v visitor) {
	failureField(v, "failure", &m.Failure)
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("newExecutionRunId", &m.NewExecutionRunID)
}

func (m *WorkflowExecutionTimedOutEventAttributes) fields(v visitor) {
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
	v.str("newExecutionRunId", &m.NewExecutionRunID)
}

func (m *WorkflowExecutionContinuedAsNewEventAttributes) fields(v visitor) {
	v.str("newExecutionRunId", &m.NewExecutionRunID)
	valField(v, "workflowType", &m.WorkflowType)
	valField(v, "taskQueue", &m.TaskQueue)
	v.payloads("input", &m.Input)
	v.dur("workflowRunTimeout", &m.WorkflowRunTimeout)
	v.dur("workflowTaskTimeout", &m.WorkflowTaskTimeout)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.dur("backoffStartInterval", &m.BackoffStartInterval)
	enumField(v, "initiator", &m.Initiator, continueAsNewInitiatorEnum)
	failureField(v, "failure", &m.Failure)
	v.payloads("lastCompletionResult", &m.LastCompletionResult)
	ptrField(v, "header", &m.Header)
	memoField(v, "memo", &m.Memo)
	searchAttributesField(v, "searchAttributes", &m.SearchAttributes)
	v.boolean("inheritBuildId|useCompatibleVersion", &m.InheritBuildID)
	enumField(v, "initialVersioningBehavior", &m.InitialVersioningBehavior, continueAsNewVersioningBehaviorEnum)
}

func (m *WorkflowExecutionSignaledEventAttributes) fields(v visitor) {
	v.str("signalName", &m.SignalName)
	v.payloads("input", &m.Input)
	v.str("identity", &m.Identity)
	ptrField(v, "header", &m.Header)
	v.boolean("skipGenerateWorkflowTask", &m.SkipGenerateWorkflowTask)
	ptrField(v, "externalWorkflowExecution", &m.ExternalWorkflowExecution)
	v.str("requestId", &m.RequestID)
}

func (m *WorkflowExecutionTerminatedEventAttributes) fields(v visitor) {
	v.str("reason", &m.Reason)
	v.payloads("details", &m.Details)
	v.str("identity", &m.Identity)
}

func (m *WorkflowExecutionCancelRequestedEventAttributes) fields(v visitor) {
	v.str("cause", &m.Cause)
	v.i64("externalInitiatedEventId", &m.ExternalInitiatedEventID)
	ptrField(v, "externalWorkflowExecution", &m.ExternalWorkflowExecution)
	v.str("identity", &m.Identity)
}

func (m *WorkflowExecutionCanceledEventAttributes) fields(v visitor) {
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.payloads("details", &m.Details)
}

func (m *UpsertWorkflowSearchAttributesEventAttributes) fields(v visitor) {
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	searchAttributesField(v, "searchAttributes", &m.SearchAttributes)
}

func (m *WorkflowPropertiesModifiedEventAttributes) fields(v visitor) {
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	memoField(v, "upsertedMemo", &m.UpsertedMemo)
}

func (m *WorkflowPropertiesModifiedExternallyEventAttributes) fields(v visitor) {
	v.str("newTaskQueue", &m.NewTaskQueue)
	v.dur("newWorkflowTaskTimeout", &m.NewWorkflowTaskTimeout)
	v.dur("newWorkflowRunTimeout", &m.NewWorkflowRunTimeout)
	v.dur("newWorkflowExecutionTimeout", &m.NewWorkflowExecutionTimeout)
	memoField(v, "upsertedMemo", &m.UpsertedMemo)
}

func (m *WorkflowExecutionOptionsUpdatedEventAttributes) fields(v visitor) {
	v.boolean("unsetVersioningOverride", &m.UnsetVersioningOverride)
	v.str("attachedRequestId", &m.AttachedRequestID)
	v.str("identity", &m.Identity)
	ptrField(v, "priority", &m.Priority)
}

func (m *WorkflowExecutionPausedEventAttributes) fields(v visitor) {
	v.str("identity", &m.Identity)
	v.str("reason", &m.Reason)
	v.str("requestId", &m.RequestID)
}

func (m *WorkflowExecutionUnpausedEventAttributes) fields(v visitor) {
	v.str("identity", &m.Identity)
	v.str("reason", &m.Reason)
	v.str("requestId", &m.RequestID)
}

func (m *WorkflowExecutionTimeSkippingTransitionedEventAttributes) fields(v visitor) {
	v.ts("targetTime", &m.TargetTime)
	v.boolean("disabledAfterFastForward", &m.DisabledAfterFastForward)
	v.ts("wallClockTime", &m.WallClockTime)
}
