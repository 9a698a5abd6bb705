package replay

import (
	"strconv"

	"github.com/wfsim/wfsim"
)

// The enums that appear inside event attributes. Values are Temporal's;
// String returns the CamelCase name Temporal's Go SDK prints ("Normal",
// "Terminate"). In JSON they are written with the proto spelling
// ("TASK_QUEUE_KIND_NORMAL") and read in either spelling or as numbers.

// TaskQueueKind says whether a task queue is a normal queue or a worker's
// sticky queue (enums.v1.TaskQueueKind).
type TaskQueueKind int32

const (
	TaskQueueKindUnspecified    TaskQueueKind = 0
	TaskQueueKindNormal         TaskQueueKind = 1
	TaskQueueKindSticky         TaskQueueKind = 2
	TaskQueueKindWorkerCommands TaskQueueKind = 3
)

func (k TaskQueueKind) String() string { return taskQueueKindEnum.name(int32(k)) }

// ParentClosePolicy says what happens to a child workflow when its parent
// closes (enums.v1.ParentClosePolicy). It is the type ChildWorkflowOptions
// takes, as in Temporal one enum serves both, so code comparing a recorded
// policy with enums.PARENT_CLOSE_POLICY_REQUEST_CANCEL compiles.
type ParentClosePolicy = wfsim.ParentClosePolicy

const (
	ParentClosePolicyUnspecified   = wfsim.ParentClosePolicyUnspecified
	ParentClosePolicyTerminate     = wfsim.ParentClosePolicyTerminate
	ParentClosePolicyAbandon       = wfsim.ParentClosePolicyAbandon
	ParentClosePolicyRequestCancel = wfsim.ParentClosePolicyRequestCancel
)

// WorkflowIDReusePolicy says whether a workflow ID may be reused after a
// run with that ID closed (enums.v1.WorkflowIdReusePolicy).
type WorkflowIDReusePolicy int32

const (
	WorkflowIDReusePolicyUnspecified              WorkflowIDReusePolicy = 0
	WorkflowIDReusePolicyAllowDuplicate           WorkflowIDReusePolicy = 1
	WorkflowIDReusePolicyAllowDuplicateFailedOnly WorkflowIDReusePolicy = 2
	WorkflowIDReusePolicyRejectDuplicate          WorkflowIDReusePolicy = 3
	WorkflowIDReusePolicyTerminateIfRunning       WorkflowIDReusePolicy = 4
)

func (p WorkflowIDReusePolicy) String() string { return workflowIDReusePolicyEnum.name(int32(p)) }

// ContinueAsNewInitiator says what started a new run of a workflow: the
// workflow itself, a retry, or a cron schedule (enums.v1.ContinueAsNewInitiator).
type ContinueAsNewInitiator int32

const (
	ContinueAsNewInitiatorUnspecified  ContinueAsNewInitiator = 0
	ContinueAsNewInitiatorWorkflow     ContinueAsNewInitiator = 1
	ContinueAsNewInitiatorRetry        ContinueAsNewInitiator = 2
	ContinueAsNewInitiatorCronSchedule ContinueAsNewInitiator = 3
)

func (i ContinueAsNewInitiator) String() string { return continueAsNewInitiatorEnum.name(int32(i)) }

// WorkflowTaskFailedCause says why a workflow task failed
// (enums.v1.WorkflowTaskFailedCause).
type WorkflowTaskFailedCause int32

const (
	WorkflowTaskFailedCauseUnspecified                                         WorkflowTaskFailedCause = 0
	WorkflowTaskFailedCauseUnhandledCommand                                    WorkflowTaskFailedCause = 1
	WorkflowTaskFailedCauseBadScheduleActivityAttributes                       WorkflowTaskFailedCause = 2
	WorkflowTaskFailedCauseBadRequestCancelActivityAttributes                  WorkflowTaskFailedCause = 3
	WorkflowTaskFailedCauseBadStartTimerAttributes                             WorkflowTaskFailedCause = 4
	WorkflowTaskFailedCauseBadCancelTimerAttributes                            WorkflowTaskFailedCause = 5
	WorkflowTaskFailedCauseBadRecordMarkerAttributes                           WorkflowTaskFailedCause = 6
	WorkflowTaskFailedCauseBadCompleteWorkflowExecutionAttributes              WorkflowTaskFailedCause = 7
	WorkflowTaskFailedCauseBadFailWorkflowExecutionAttributes                  WorkflowTaskFailedCause = 8
	WorkflowTaskFailedCauseBadCancelWorkflowExecutionAttributes                WorkflowTaskFailedCause = 9
	WorkflowTaskFailedCauseBadRequestCancelExternalWorkflowExecutionAttributes WorkflowTaskFailedCause = 10
	WorkflowTaskFailedCauseBadContinueAsNewAttributes                          WorkflowTaskFailedCause = 11
	WorkflowTaskFailedCauseStartTimerDuplicateID                               WorkflowTaskFailedCause = 12
	WorkflowTaskFailedCauseResetStickyTaskQueue                                WorkflowTaskFailedCause = 13
	WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure                      WorkflowTaskFailedCause = 14
	WorkflowTaskFailedCauseBadSignalWorkflowExecutionAttributes                WorkflowTaskFailedCause = 15
	WorkflowTaskFailedCauseBadStartChildExecutionAttributes                    WorkflowTaskFailedCause = 16
	WorkflowTaskFailedCauseForceCloseCommand                                   WorkflowTaskFailedCause = 17
	WorkflowTaskFailedCauseFailoverCloseCommand                                WorkflowTaskFailedCause = 18
	WorkflowTaskFailedCauseBadSignalInputSize                                  WorkflowTaskFailedCause = 19
	WorkflowTaskFailedCauseResetWorkflow                                       WorkflowTaskFailedCause = 20
	WorkflowTaskFailedCauseBadBinary                                           WorkflowTaskFailedCause = 21
	WorkflowTaskFailedCauseScheduleActivityDuplicateID                         WorkflowTaskFailedCause = 22
	WorkflowTaskFailedCauseBadSearchAttributes                                 WorkflowTaskFailedCause = 23
	WorkflowTaskFailedCauseNonDeterministicError                               WorkflowTaskFailedCause = 24
	WorkflowTaskFailedCauseBadModifyWorkflowPropertiesAttributes               WorkflowTaskFailedCause = 25
	WorkflowTaskFailedCausePendingChildWorkflowsLimitExceeded                  WorkflowTaskFailedCause = 26
	WorkflowTaskFailedCausePendingActivitiesLimitExceeded                      WorkflowTaskFailedCause = 27
	WorkflowTaskFailedCausePendingSignalsLimitExceeded                         WorkflowTaskFailedCause = 28
	WorkflowTaskFailedCausePendingRequestCancelLimitExceeded                   WorkflowTaskFailedCause = 29
	WorkflowTaskFailedCauseBadUpdateWorkflowExecutionMessage                   WorkflowTaskFailedCause = 30
	WorkflowTaskFailedCauseUnhandledUpdate                                     WorkflowTaskFailedCause = 31
	WorkflowTaskFailedCauseBadScheduleNexusOperationAttributes                 WorkflowTaskFailedCause = 32
	WorkflowTaskFailedCausePendingNexusOperationsLimitExceeded                 WorkflowTaskFailedCause = 33
	WorkflowTaskFailedCauseBadRequestCancelNexusOperationAttributes            WorkflowTaskFailedCause = 34
	WorkflowTaskFailedCauseFeatureDisabled                                     WorkflowTaskFailedCause = 35
	WorkflowTaskFailedCauseGrpcMessageTooLarge                                 WorkflowTaskFailedCause = 36
	WorkflowTaskFailedCausePayloadsTooLarge                                    WorkflowTaskFailedCause = 37
	WorkflowTaskFailedCauseExternalStorageFailure                              WorkflowTaskFailedCause = 38
	WorkflowTaskFailedCauseWorkflowPauseRequestedBeforeTaskStarted             WorkflowTaskFailedCause = 39
)

func (c WorkflowTaskFailedCause) String() string { return workflowTaskFailedCauseEnum.name(int32(c)) }

// StartChildWorkflowExecutionFailedCause says why a child workflow could not
// be started (enums.v1.StartChildWorkflowExecutionFailedCause).
type StartChildWorkflowExecutionFailedCause int32

const (
	StartChildWorkflowExecutionFailedCauseUnspecified               StartChildWorkflowExecutionFailedCause = 0
	StartChildWorkflowExecutionFailedCauseWorkflowAlreadyExists     StartChildWorkflowExecutionFailedCause = 1
	StartChildWorkflowExecutionFailedCauseNamespaceNotFound         StartChildWorkflowExecutionFailedCause = 2
	StartChildWorkflowExecutionFailedCauseInvalidVersioningOverride StartChildWorkflowExecutionFailedCause = 3
)

func (c StartChildWorkflowExecutionFailedCause) String() string {
	return startChildFailedCauseEnum.name(int32(c))
}

// CancelExternalWorkflowExecutionFailedCause says why a cancellation request
// to another workflow failed (enums.v1.CancelExternalWorkflowExecutionFailedCause).
type CancelExternalWorkflowExecutionFailedCause int32

const (
	CancelExternalWorkflowExecutionFailedCauseUnspecified                       CancelExternalWorkflowExecutionFailedCause = 0
	CancelExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound CancelExternalWorkflowExecutionFailedCause = 1
	CancelExternalWorkflowExecutionFailedCauseNamespaceNotFound                 CancelExternalWorkflowExecutionFailedCause = 2
)

func (c CancelExternalWorkflowExecutionFailedCause) String() string {
	return cancelExternalFailedCauseEnum.name(int32(c))
}

// SignalExternalWorkflowExecutionFailedCause says why a signal to another
// workflow failed (enums.v1.SignalExternalWorkflowExecutionFailedCause).
type SignalExternalWorkflowExecutionFailedCause int32

const (
	SignalExternalWorkflowExecutionFailedCauseUnspecified                       SignalExternalWorkflowExecutionFailedCause = 0
	SignalExternalWorkflowExecutionFailedCauseExternalWorkflowExecutionNotFound SignalExternalWorkflowExecutionFailedCause = 1
	SignalExternalWorkflowExecutionFailedCauseNamespaceNotFound                 SignalExternalWorkflowExecutionFailedCause = 2
	SignalExternalWorkflowExecutionFailedCauseSignalCountLimitExceeded          SignalExternalWorkflowExecutionFailedCause = 3
)

func (c SignalExternalWorkflowExecutionFailedCause) String() string {
	return signalExternalFailedCauseEnum.name(int32(c))
}

// UpdateAdmittedEventOrigin says why an update was admitted
// (enums.v1.UpdateAdmittedEventOrigin).
type UpdateAdmittedEventOrigin int32

const (
	UpdateAdmittedEventOriginUnspecified UpdateAdmittedEventOrigin = 0
	UpdateAdmittedEventOriginReapply     UpdateAdmittedEventOrigin = 1
)

func (o UpdateAdmittedEventOrigin) String() string { return updateAdmittedOriginEnum.name(int32(o)) }

// VersioningBehavior says how a workflow moves between worker deployment
// versions (enums.v1.VersioningBehavior).
type VersioningBehavior int32

const (
	VersioningBehaviorUnspecified VersioningBehavior = 0
	VersioningBehaviorPinned      VersioningBehavior = 1
	VersioningBehaviorAutoUpgrade VersioningBehavior = 2
)

func (b VersioningBehavior) String() string { return versioningBehaviorEnum.name(int32(b)) }

// ContinueAsNewVersioningBehavior is the versioning behavior a
// continue-as-new asks for the new run's first workflow task
// (enums.v1.ContinueAsNewVersioningBehavior).
type ContinueAsNewVersioningBehavior int32

// The ContinueAsNewVersioningBehavior values.
const (
	ContinueAsNewVersioningBehaviorUnspecified       ContinueAsNewVersioningBehavior = 0
	ContinueAsNewVersioningBehaviorAutoUpgrade       ContinueAsNewVersioningBehavior = 1
	ContinueAsNewVersioningBehaviorUseRampingVersion ContinueAsNewVersioningBehavior = 2
)

func (b ContinueAsNewVersioningBehavior) String() string {
	return continueAsNewVersioningBehaviorEnum.name(int32(b))
}

// enumDesc describes one of Temporal's enums: the CamelCase name and the
// proto name of each value, indexed by value.
type enumDesc struct {
	typeName   string   // Go type name, for unknown values: "TaskQueueKind(7)"
	names      []string // "Normal"
	protoNames []string // "TASK_QUEUE_KIND_NORMAL"
	// renamed holds proto names of values from before the enum was
	// renamed, which servers of that time wrote.
	renamed map[string]int32
}

// newEnum describes an enum whose proto names are prefix + "_" + the
// SCREAMING_SNAKE form of each CamelCase name.
func newEnum(typeName, prefix string, names ...string) *enumDesc {
	d := &enumDesc{typeName: typeName, names: names, protoNames: make([]string, len(names))}
	for i, n := range names {
		d.protoNames[i] = prefix + "_" + screamingSnake(n)
	}
	return d
}

// withRenamed adds the proto names the values of d had under oldPrefix.
func withRenamed(d *enumDesc, oldPrefix string) *enumDesc {
	d.renamed = make(map[string]int32, len(d.names))
	for i, n := range d.names {
		d.renamed[oldPrefix+"_"+screamingSnake(n)] = int32(i)
	}
	return d
}

// screamingSnake turns "WorkflowExecutionStarted" into
// "WORKFLOW_EXECUTION_STARTED".
func screamingSnake(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 {
				b = append(b, '_')
			}
		} else if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// value returns the value named s in either spelling.
func (d *enumDesc) value(s string) (int32, bool) {
	for i := range d.names {
		if s == d.protoNames[i] || s == d.names[i] {
			return int32(i), true
		}
	}
	if n, ok := d.renamed[s]; ok {
		return n, true
	}
	return 0, false
}

// protoName returns the proto name of v, or "" when v has none.
func (d *enumDesc) protoName(v int32) string {
	if v >= 0 && int(v) < len(d.protoNames) {
		return d.protoNames[v]
	}
	return ""
}

func (d *enumDesc) name(v int32) string {
	if v >= 0 && int(v) < len(d.names) {
		return d.names[v]
	}
	return d.typeName + "(" + strconv.FormatInt(int64(v), 10) + ")"
}

var (
	taskQueueKindEnum = newEnum("TaskQueueKind", "TASK_QUEUE_KIND",
		"Unspecified", "Normal", "Sticky", "WorkerCommands")
	parentClosePolicyEnum = newEnum("ParentClosePolicy", "PARENT_CLOSE_POLICY",
		"Unspecified", "Terminate", "Abandon", "RequestCancel")
	workflowIDReusePolicyEnum = newEnum("WorkflowIDReusePolicy", "WORKFLOW_ID_REUSE_POLICY",
		"Unspecified", "AllowDuplicate", "AllowDuplicateFailedOnly", "RejectDuplicate", "TerminateIfRunning")
	continueAsNewInitiatorEnum = newEnum("ContinueAsNewInitiator", "CONTINUE_AS_NEW_INITIATOR",
		"Unspecified", "Workflow", "Retry", "CronSchedule")
	workflowTaskFailedCauseEnum = newEnum("WorkflowTaskFailedCause", "WORKFLOW_TASK_FAILED_CAUSE",
		"Unspecified", "UnhandledCommand", "BadScheduleActivityAttributes", "BadRequestCancelActivityAttributes",
		"BadStartTimerAttributes", "BadCancelTimerAttributes", "BadRecordMarkerAttributes",
		"BadCompleteWorkflowExecutionAttributes", "BadFailWorkflowExecutionAttributes",
		"BadCancelWorkflowExecutionAttributes", "BadRequestCancelExternalWorkflowExecutionAttributes",
		"BadContinueAsNewAttributes", "StartTimerDuplicateId", "ResetStickyTaskQueue",
		"WorkflowWorkerUnhandledFailure", "BadSignalWorkflowExecutionAttributes",
		"BadStartChildExecutionAttributes", "ForceCloseCommand", "FailoverCloseCommand",
		"BadSignalInputSize", "ResetWorkflow", "BadBinary", "ScheduleActivityDuplicateId",
		"BadSearchAttributes", "NonDeterministicError", "BadModifyWorkflowPropertiesAttributes",
		"PendingChildWorkflowsLimitExceeded", "PendingActivitiesLimitExceeded",
		"PendingSignalsLimitExceeded", "PendingRequestCancelLimitExceeded",
		"BadUpdateWorkflowExecutionMessage", "UnhandledUpdate", "BadScheduleNexusOperationAttributes",
		"PendingNexusOperationsLimitExceeded", "BadRequestCancelNexusOperationAttributes",
		"FeatureDisabled", "GrpcMessageTooLarge", "PayloadsTooLarge", "ExternalStorageFailure",
		"WorkflowPauseRequestedBeforeTaskStarted")
	startChildFailedCauseEnum = newEnum("StartChildWorkflowExecutionFailedCause", "START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE",
		"Unspecified", "WorkflowAlreadyExists", "NamespaceNotFound", "InvalidVersioningOverride")
	cancelExternalFailedCauseEnum = newEnum("CancelExternalWorkflowExecutionFailedCause", "CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE",
		"Unspecified", "ExternalWorkflowExecutionNotFound", "NamespaceNotFound")
	signalExternalFailedCauseEnum = newEnum("SignalExternalWorkflowExecutionFailedCause", "SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE",
		"Unspecified", "ExternalWorkflowExecutionNotFound", "NamespaceNotFound", "SignalCountLimitExceeded")
	updateAdmittedOriginEnum = withRenamed(newEnum("UpdateAdmittedEventOrigin", "UPDATE_ADMITTED_EVENT_ORIGIN",
		"Unspecified", "Reapply"),
		// Temporal's API called it UpdateRequestedEventOrigin until 2024;
		// sdk-go's update-reset-*.json histories carry the old name.
		"UPDATE_REQUESTED_EVENT_ORIGIN")
	versioningBehaviorEnum = newEnum("VersioningBehavior", "VERSIONING_BEHAVIOR",
		"Unspecified", "Pinned", "AutoUpgrade")
	continueAsNewVersioningBehaviorEnum = newEnum("ContinueAsNewVersioningBehavior", "CONTINUE_AS_NEW_VERSIONING_BEHAVIOR",
		"Unspecified", "AutoUpgrade", "UseRampingVersion")
	timeoutTypeEnum = newEnum("TimeoutType", "TIMEOUT_TYPE",
		"Unspecified", "StartToClose", "ScheduleToStart", "ScheduleToClose", "Heartbeat")
	applicationErrorCategoryEnum = newEnum("ApplicationErrorCategory", "APPLICATION_ERROR_CATEGORY",
		"Unspecified", "Benign")
	retryStateEnum = newEnum("RetryState", "RETRY_STATE",
		"Unspecified", "InProgress", "NonRetryableFailure", "Timeout", "MaximumAttemptsReached",
		"RetryPolicyNotSet", "InternalServerError", "CancelRequested")
)
