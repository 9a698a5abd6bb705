package replay

// JSON forms of the shared messages, in Temporal's proto field order.

func (m *WorkflowType) fields(v visitor) { v.str("name", &m.Name) }
func (m *ActivityType) fields(v visitor) { v.str("name", &m.Name) }

func (m *WorkflowExecution) fields(v visitor) {
	v.str("workflowId", &m.WorkflowID)
	v.str("runId", &m.RunID)
}

func (m *TaskQueue) fields(v visitor) {
	v.str("name", &m.Name)
	enumField(v, "kind", &m.Kind, taskQueueKindEnum)
	v.str("normalName", &m.NormalName)
}

func (m *RetryPolicy) fields(v visitor) {
	v.dur("initialInterval", &m.InitialInterval)
	v.f64("backoffCoefficient", &m.BackoffCoefficient)
	v.dur("maximumInterval", &m.MaximumInterval)
	v.i32("maximumAttempts", &m.MaximumAttempts)
	v.strs("nonRetryableErrorTypes", &m.NonRetryableErrorTypes)
}

func (m *Header) fields(v visitor) { v.payloadMap("fields", &m.Fields) }

// Memo and SearchAttributes are package converter's types, which cannot
// have methods here: their JSON forms are those of local types of the same
// shape, and memoField and searchAttributesField visit them where a
// message holds one.
type (
	memoJSON             Memo
	searchAttributesJSON SearchAttributes
)

func (m *memoJSON) fields(v visitor)             { v.payloadMap("fields", &m.Fields) }
func (m *searchAttributesJSON) fields(v visitor) { v.payloadMap("indexedFields", &m.IndexedFields) }

// memoField visits an optional Memo, as ptrField does a message.
func memoField(v visitor, name string, p **Memo) {
	v.object(name, *p != nil,
		func() message { return (*memoJSON)(*p) },
		func() message { *p = new(Memo); return (*memoJSON)(*p) })
}

// searchAttributesField visits optional SearchAttributes, as ptrField does
// a message.
func searchAttributesField(v visitor, name string, p **SearchAttributes) {
	v.object(name, *p != nil,
		func() message { return (*searchAttributesJSON)(*p) },
		func() message { *p = new(SearchAttributes); return (*searchAttributesJSON)(*p) })
}

func (m *WorkerVersionStamp) fields(v visitor) {
	// "workerBuildId" is the field's name in the old VersionId message that
	// WorkflowTaskCompleted events carried as "workerVersioningId".
	v.str("buildId|workerBuildId", &m.BuildID)
	v.boolean("useVersioning", &m.UseVersioning)
}

func (m *WorkflowTaskCompletedMetadata) fields(v visitor) {
	v.u32s("coreUsedFlags", &m.CoreUsedFlags)
	v.u32s("langUsedFlags", &m.LangUsedFlags)
	v.str("sdkName", &m.SDKName)
	v.str("sdkVersion", &m.SDKVersion)
}

func (m *MeteringMetadata) fields(v visitor) {
	v.u32("nonfirstLocalActivityExecutionAttempts", &m.NonfirstLocalActivityExecutionAttempts)
}

func (m *Deployment) fields(v visitor) {
	v.str("seriesName", &m.SeriesName)
	v.str("buildId", &m.BuildID)
}

func (m *WorkerDeploymentVersion) fields(v visitor) {
	v.str("buildId", &m.BuildID)
	v.str("deploymentName", &m.DeploymentName)
}

func (m *Priority) fields(v visitor) {
	v.i32("priorityKey", &m.PriorityKey)
	v.str("fairnessKey", &m.FairnessKey)
	v.f32("fairnessWeight", &m.FairnessWeight)
}

func (m *UserMetadata) fields(v visitor) {
	v.payload("summary", &m.Summary)
	v.payload("details", &m.Details)
}

func (m *ResetPoints) fields(v visitor) { listField(v, "points", &m.Points) }

func (m *ResetPointInfo) fields(v visitor) {
	v.str("buildId", &m.BuildID)
	v.str("binaryChecksum", &m.BinaryChecksum)
	v.str("runId", &m.RunID)
	v.i64("firstWorkflowTaskCompletedId", &m.FirstWorkflowTaskCompletedID)
	v.ts("createTime", &m.CreateTime)
	v.ts("expireTime", &m.ExpireTime)
	v.boolean("resettable", &m.Resettable)
}

func (m *Link) fields(v visitor) {
	ptrField(v, "workflowEvent", &m.WorkflowEvent)
	ptrField(v, "batchJob", &m.BatchJob)
}

func (m *LinkWorkflowEvent) fields(v visitor) {
	v.str("namespace", &m.Namespace)
	v.str("workflowId", &m.WorkflowID)
	v.str("runId", &m.RunID)
	ptrField(v, "eventRef", &m.EventRef)
	ptrField(v, "requestIdRef", &m.RequestIDRef)
}

func (m *LinkEventReference) fields(v visitor) {
	v.i64("eventId", &m.EventID)
	v.eventType("eventType", &m.EventType)
}

func (m *LinkRequestIDReference) fields(v visitor) {
	v.str("requestId", &m.RequestID)
	v.eventType("eventType", &m.EventType)
}

func (m *LinkBatchJob) fields(v visitor) { v.str("jobId", &m.JobID) }

func (m *Principal) fields(v visitor) {
	v.str("type", &m.Type)
	v.str("name", &m.Name)
}
