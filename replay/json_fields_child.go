package replay

// JSON forms of the child workflow and external workflow events, in
// Temporal's proto field order.

func (m *StartChildWorkflowExecutionInitiatedEventAttributes) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	v.str("workflowId", &m.WorkflowID)
	valField(v, "workflowType", &m.WorkflowType)
	valField(v, "taskQueue", &m.TaskQueue)
	v.payloads("input", &m.Input)
	v.dur("workflowExecutionTimeout", &m.WorkflowExecutionTimeout)
	v.dur("workflowRunTimeout", &m.WorkflowRunTimeout)
	v.dur("workflowTaskTimeout", &m.WorkflowTaskTimeout)
	enumField(v, "parentClosePolicy", &m.ParentClosePolicy, parentClosePolicyEnum)
	v.str("control", &m.Control)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	enumField(v, "workflowIdReusePolicy", &m.WorkflowIDReusePolicy, workflowIDReusePolicyEnum)
	ptrField(v, "retryPolicy", &m.RetryPolicy)
	v.str("cronSchedule", &m.CronSchedule)
	ptrField(v, "header", &m.Header)
	memoField(v, "memo", &m.Memo)
	searchAttributesField(v, "searchAttributes", &m.SearchAttributes)
	v.boolean("inheritBuildId|useCompatibleVersion", &m.InheritBuildID)
	ptrField(v, "priority", &m.Priority)
}

func (m *StartChildWorkflowExecutionFailedEventAttributes) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	v.str("workflowId", &m.WorkflowID)
	valField(v, "workflowType", &m.WorkflowType)
	enumField(v, "cause", &m.Cause, startChildFailedCauseEnum)
	v.str("control", &m.Control)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
}

func (m *ChildWorkflowExecutionStartedEventAttributes) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	ptrField(v, "header", &m.Header)
}

func (m *ChildWorkflowExecutionCompletedEventAttributes) fields(v visitor) {
	v.payloads("result", &m.Result)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("startedEventId", &m.StartedEventID)
}

func (m *ChildWorkflowExecutionFailedEventAttributes) fields(v visitor) {
	failureField(v, "failure", &m.Failure)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("startedEventId", &m.StartedEventID)
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
}

func (m *ChildWorkflowExecutionCanceledEventAttributes) fields(v visitor) {
	v.payloads("details", &m.Details)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("startedEventId", &m.StartedEventID)
}

func (m *ChildWorkflowExecutionTimedOutEventAttributes) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("startedEventId", &m.StartedEventID)
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
}

func (m *ChildWorkflowExecutionTerminatedEventAttributes) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	valField(v, "workflowType", &m.WorkflowType)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.i64("startedEventId", &m.StartedEventID)
}

func (m *SignalExternalWorkflowExecutionInitiatedEventAttributes) fields(v visitor) {
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	v.str("signalName", &m.SignalName)
	v.payloads("input", &m.Input)
	v.str("control", &m.Control)
	v.boolean("childWorkflowOnly", &m.ChildWorkflowOnly)
	ptrField(v, "header", &m.Header)
}

func (m *SignalExternalWorkflowExecutionFailedEventAttributes) fields(v visitor) {
	enumField(v, "cause", &m.Cause, signalExternalFailedCauseEnum)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.str("control", &m.Control)
}

func (m *ExternalWorkflowExecutionSignaledEventAttributes) fields(v visitor) {
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	v.str("control", &m.Control)
}

func (m *RequestCancelExternalWorkflowExecutionInitiatedEventAttributes) fields(v visitor) {
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	v.str("control", &m.Control)
	v.boolean("childWorkflowOnly", &m.ChildWorkflowOnly)
	v.str("reason", &m.Reason)
}

func (m *RequestCancelExternalWorkflowExecutionFailedEventAttributes) fields(v visitor) {
	enumField(v, "cause", &m.Cause, cancelExternalFailedCauseEnum)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.str("control", &m.Control)
}

func (m *ExternalWorkflowExecutionCancelRequestedEventAttributes) fields(v visitor) {
	v.i64("initiatedEventId", &m.InitiatedEventID)
	v.str("namespace", &m.Namespace)
	v.str("namespaceId", &m.NamespaceID)
	valField(v, "workflowExecution", &m.WorkflowExecution)
}
