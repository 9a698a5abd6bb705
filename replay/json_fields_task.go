package replay

// JSON forms of the workflow task events, in Temporal's proto field order.

func (m *WorkflowTaskScheduledEventAttributes) fields(v visitor) {
	valField(v, "taskQueue", &m.TaskQueue)
	v.dur("startToCloseTimeout", &m.StartToCloseTimeout)
	v.i32("attempt", &m.Attempt)
}

func (m *WorkflowTaskStartedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.str("identity", &m.Identity)
	v.str("requestId", &m.RequestID)
	v.boolean("suggestContinueAsNew", &m.SuggestContinueAsNew)
	reasonSetField(v, "suggestContinueAsNewReasons", &m.SuggestContinueAsNewReasons)
	v.boolean("targetWorkerDeploymentVersionChanged", &m.TargetWorkerDeploymentVersionChanged)
	v.i64("historySizeBytes", &m.HistorySizeBytes)
	ptrField(v, "workerVersion", &m.WorkerVersion)
	v.i64("buildIdRedirectCounter", &m.BuildIDRedirectCounter)
}

func (m *WorkflowTaskCompletedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	v.str("identity", &m.Identity)
	v.str("binaryChecksum", &m.BinaryChecksum)
	ptrField(v, "workerVersion|workerVersioningId", &m.WorkerVersion)
	ptrField(v, "sdkMetadata", &m.SDKMetadata)
	ptrField(v, "meteringMetadata", &m.MeteringMetadata)
	ptrField(v, "deployment", &m.Deployment)
	enumField(v, "versioningBehavior", &m.VersioningBehavior, versioningBehaviorEnum)
	v.str("workerDeploymentVersion", &m.WorkerDeploymentVersion)
	v.str("workerDeploymentName", &m.WorkerDeploymentName)
	ptrField(v, "deploymentVersion", &m.DeploymentVersion)
}

func (m *WorkflowTaskTimedOutEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	enumField(v, "timeoutType", &m.TimeoutType, timeoutTypeEnum)
}

func (m *WorkflowTaskFailedEventAttributes) fields(v visitor) {
	v.i64("scheduledEventId", &m.ScheduledEventID)
	v.i64("startedEventId", &m.StartedEventID)
	enumField(v, "cause", &m.Cause, workflowTaskFailedCauseEnum)
	failureField(v, "failure", &m.Failure)
	v.str("identity", &m.Identity)
	v.str("baseRunId", &m.BaseRunID)
	v.str("newRunId", &m.NewRunID)
	v.i64("forkEventVersion", &m.ForkEventVersion)
	v.str("binaryChecksum", &m.BinaryChecksum)
	ptrField(v, "workerVersion", &m.WorkerVersion)
}
