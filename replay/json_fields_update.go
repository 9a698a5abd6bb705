package replay

// JSON forms of the update and Nexus events, in Temporal's proto field order.

func (m *UpdateMeta) fields(v visitor) {
	v.str("updateId", &m.UpdateID)
	v.str("identity", &m.Identity)
}

func (m *UpdateInput) fields(v visitor) {
	ptrField(v, "header", &m.Header)
	v.str("name", &m.Name)
	v.payloads("args", &m.Args)
}

func (m *UpdateRequest) fields(v visitor) {
	ptrField(v, "meta", &m.Meta)
	ptrField(v, "input", &m.Input)
	v.str("requestId", &m.RequestID)
}

func (m *UpdateOutcome) fields(v visitor) {
	v.payloads("success", &m.Success)
	failureField(v, "failure", &m.Failure)
}

func (m *WorkflowExecutionUpdateAdmittedEventAttributes) fields(v visitor) {
	ptrField(v, "request", &m.Request)
	enumField(v, "origin", &m.Origin, updateAdmittedOriginEnum)
}

func (m *WorkflowExecutionUpdateAcceptedEventAttributes) fields(v visitor) {
	v.str("protocolInstanceId", &m.ProtocolInstanceID)
	v.str("acceptedRequestMessageId", &m.AcceptedRequestMessageID)
	v.i64("acceptedRequestSequencingEventId", &m.AcceptedRequestSequencingEventID)
	ptrField(v, "acceptedRequest", &m.AcceptedRequest)
}

func (m *WorkflowExecutionUpdateRejectedEventAttributes) fields(v visitor) {
	v.str("protocolInstanceId", &m.ProtocolInstanceID)
	v.str("rejectedRequestMessageId", &m.RejectedRequestMessageID)
	v.i64("rejectedRequestSequencingEventId", &m.RejectedRequestSequencingEventID)
	ptrField(v, "rejectedRequest", &m.RejectedRequest)
	failureField(v, "failure", &m.Failure)
}

func (m *WorkflowExecutionUpdateCompletedEventAttributes) fields(v visitor) {
	ptrField(v, "meta", &m.Meta)
	// acceptedEventId has a higher field number than outcome but comes
	// first in Temporal's .proto file, and protojson prints file order.
	v.i64("acceptedEventId", &m.AcceptedEventID)
	ptrField(v, "outcome", &m.Outcome)
}

func (m *NexusOperationScheduledEventAttributes) fields(v visitor) {
	v.str("endpoint", &m.Endpoint)
	v.str("service", &m.Service)
	v.str("operation", &m.Operation)
	v.payload("input", &m.Input)
	v.dur("scheduleToCloseTimeout", &m.ScheduleToCloseTimeout)
	v.strMap("nexusHeader", &m.NexusHeader)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("requestId", &m.RequestID)
	v.str("endpointId", &m.EndpointID)
	v.dur("scheduleToStartTimeout", &m.ScheduleToStartTimeout)
	v.dur("startToCloseTimeout", &m.StartToCloseTimeout)
}

func (m *NexusOperationStartedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.str("operationId", &m.OperationID)
	v.str("requestId", &m.RequestID)
	v.str("operationToken", &m.OperationToken)
}

func (m *NexusOperationCompletedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.payload("result", &m.Result)
	v.str("requestId", &m.RequestID)
}

func (m *NexusOperationFailedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	failureField(v, "failure", &m.Failure)
	v.str("requestId", &m.RequestID)
}

func (m *NexusOperationTimedOutEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	failureField(v, "failure", &m.Failure)
	v.str("requestId", &m.RequestID)
}

func (m *NexusOperationCanceledEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	failureField(v, "failure", &m.Failure)
	v.str("requestId", &m.RequestID)
}

func (m *NexusOperationCancelRequestedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
}

func (m *NexusOperationCancelRequestCompletedEventAttributes) fields(v visitor) {
	v.i64("requestedEventId", &m.RequestedEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.i64("scheduledEventId", &m.ScheduledEventID)
}

func (m *NexusOperationCancelRequestFailedEventAttributes) fields(v visitor) {
	v.i64("requestedEventId", &m.RequestedEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	failureField(v, "failure", &m.Failure)
	v.i64("scheduledEventId", &m.ScheduledEventID)
}
