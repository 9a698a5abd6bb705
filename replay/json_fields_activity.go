package replay

// JSON forms of the activity, timer and marker events, in Temporal's proto
// field order.

func (m *ActivityTaskScheduledEventAttributes) fields(v visitor) {
	v.str("activityId", &m.ActivityID)
	valField(v, "activityType", &m.ActivityType)
	valField(v, "taskQueue", &m.TaskQueue)
	ptrField(v, "header", &m.Header)
	v.payloads("input", &m.Input)
	v.dur("scheduleToCloseTimeout", &m.ScheduleToCloseTimeout)
	v.dur("scheduleToStartTimeout", &m.ScheduleToStartTimeout)
	v.dur("startToCloseTimeout", &m.StartToCloseTimeout)
	v.dur("heartbeatTimeout", &m.HeartbeatTimeout)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	ptrField(v, "retryPolicy", &m.RetryPolicy)
	v.boolean("useWorkflowBuildId|useCompatibleVersion", &m.UseWorkflowBuildID)
	ptrField(v, "priority", &m.Priority)
}

func (m *ActivityTaskStartedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.str("identity", &m.Identity)
	v.str("requestId", &m.RequestID)
	v.i32("attempt", &m.Attempt)
	failureField(v, "lastFailure", &m.LastFailure)
	ptrField(v, "workerVersion", &m.WorkerVersion)
	v.i64("buildIdRedirectCounter", &m.BuildIDRedirectCounter)
}

func (m *ActivityTaskCompletedEventAttributes) fields(v visitor) {
	v.payloads("result", &m.Result)
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	v.str("identity", &m.Identity)
	ptrField(v, "workerVersion", &m.WorkerVersion)
}

func (m *ActivityTaskFailedEventAttributes) fields(v visitor) {
	failureField(v, "failure", &m.Failure)
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	v.str("identity", &m.Identity)
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
	ptrField(v, "workerVersion", &m.WorkerVersion)
}

func (m *ActivityTaskTimedOutEventAttributes) fields(v visitor) {
	failureField(v, "failure", &m.Failure)
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	enumField(v, "retryState", &m.RetryState, retryStateEnum)
}

func (m *ActivityTaskCancelRequestedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
}

func (m *ActivityTaskCanceledEventAttributes) fields(v visitor) {
	v.payloads("details", &m.Details)
	v.i64("latestCancelRequestedEventId", &m.LatestCancelRequestedEventID)
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	v.str("identity", &m.Identity)
	ptrField(v, "workerVersion", &m.WorkerVersion)
}

func (m *ActivityPropertiesModifiedExternallyEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	ptrField(v, "newRetryPolicy", &m.NewRetryPolicy)
}

func (m *TimerStartedEventAttributes) fields(v visitor) {
	v.str("timerId", &m.TimerID)
	v.dur("startToFireTimeout", &m.StartToFireTimeout)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
}

func (m *TimerFiredEventAttributes) fields(v visitor) {
	v.str("timerId", &m.TimerID)
	v.i64("startedEventId", &m.StartedEventID)
}

func (m *TimerCanceledEventAttributes) fields(v visitor) {
	v.str("timerId", &m.TimerID)
	v.i64("startedEventId", &m.StartedEventID)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	v.str("identity", &m.Identity)
}

func (m *MarkerRecordedEventAttributes) fields(v visitor) {
	v.str("markerName", &m.MarkerName)
	v.payloadsMap("details", &m.Details)
	v.i64("workflowTaskCompletedEventId", &m.WorkflowTaskCompletedEventID)
	ptrField(v, "header", &m.Header)
	failureField(v, "failure", &m.Failure)
}
