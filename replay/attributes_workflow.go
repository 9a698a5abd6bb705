package replay

import (
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// WorkflowExecutionStartedEventAttributes is the first event of every run:
// what was started, with which input and options.
type WorkflowExecutionStartedEventAttributes struct {
	WorkflowType                    WorkflowType
	ParentWorkflowNamespace         string
	ParentWorkflowNamespaceID       string
	ParentWorkflowExecution         *WorkflowExecution
	ParentInitiatedEventID          int64
	TaskQueue                       TaskQueue
	Input                           *converter.Payloads
	WorkflowExecutionTimeout        time.Duration
	WorkflowRunTimeout              time.Duration
	WorkflowTaskTimeout             time.Duration
	ContinuedExecutionRunID         string
	Initiator                       ContinueAsNewInitiator
	ContinuedFailure                *wfsim.Failure
	LastCompletionResult            *converter.Payloads
	OriginalExecutionRunID          string
	Identity                        string
	FirstExecutionRunID             string
	RetryPolicy                     *RetryPolicy
	Attempt                         int32
	WorkflowExecutionExpirationTime time.Time
	CronSchedule                    string
	FirstWorkflowTaskBackoff        time.Duration
	Memo                            *Memo
	SearchAttributes                *SearchAttributes
	PrevAutoResetPoints             *ResetPoints
	Header                          *Header
	ParentInitiatedEventVersion     int64
	WorkflowID                      string
	SourceVersionStamp              *WorkerVersionStamp
	RootWorkflowExecution           *WorkflowExecution
	InheritedBuildID                string
	Priority                        *Priority
	EagerExecutionAccepted          bool
}

// WorkflowExecutionCompletedEventAttributes closes a run that returned a result.
type WorkflowExecutionCompletedEventAttributes struct {
	Result                       *converter.Payloads
	WorkflowTaskCompletedEventID int64
	// NewExecutionRunID is the run a cron schedule started next, if any.
	NewExecutionRunID string
}

// WorkflowExecutionFailedEventAttributes closes a run that returned an error.
type WorkflowExecutionFailedEventAttributes struct {
	Failure                      *wfsim.Failure
	RetryState                   wfsim.RetryState
	WorkflowTaskCompletedEventID int64
	NewExecutionRunID            string
}

// WorkflowExecutionTimedOutEventAttributes closes a run whose execution or
// run timeout expired.
type WorkflowExecutionTimedOutEventAttributes struct {
	RetryState        wfsim.RetryState
	NewExecutionRunID string
}

// WorkflowExecutionContinuedAsNewEventAttributes closes a run that continued
// as a new run.
type WorkflowExecutionContinuedAsNewEventAttributes struct {
	NewExecutionRunID            string
	WorkflowType                 WorkflowType
	TaskQueue                    TaskQueue
	Input                        *converter.Payloads
	WorkflowRunTimeout           time.Duration
	WorkflowTaskTimeout          time.Duration
	WorkflowTaskCompletedEventID int64
	BackoffStartInterval         time.Duration
	Initiator                    ContinueAsNewInitiator
	Failure                      *wfsim.Failure
	LastCompletionResult         *converter.Payloads
	Header                       *Header
	Memo                         *Memo
	SearchAttributes             *SearchAttributes
	// InheritBuildID is read from "useCompatibleVersion" too, its old name.
	InheritBuildID bool
	// InitialVersioningBehavior is what the continue-as-new command asked
	// for the new run's first workflow task.
	InitialVersioningBehavior ContinueAsNewVersioningBehavior
}

// WorkflowExecutionSignaledEventAttributes delivers a signal to the workflow.
type WorkflowExecutionSignaledEventAttributes struct {
	SignalName                string
	Input                     *converter.Payloads
	Identity                  string
	Header                    *Header
	SkipGenerateWorkflowTask  bool
	ExternalWorkflowExecution *WorkflowExecution
	RequestID                 string
}

// WorkflowExecutionTerminatedEventAttributes closes a run that was
// terminated from outside.
type WorkflowExecutionTerminatedEventAttributes struct {
	Reason   string
	Details  *converter.Payloads
	Identity string
}

// WorkflowExecutionCancelRequestedEventAttributes delivers a cancellation
// request to the workflow.
type WorkflowExecutionCancelRequestedEventAttributes struct {
	Cause                     string
	ExternalInitiatedEventID  int64
	ExternalWorkflowExecution *WorkflowExecution
	Identity                  string
}

// WorkflowExecutionCanceledEventAttributes closes a run that accepted a
// cancellation.
type WorkflowExecutionCanceledEventAttributes struct {
	WorkflowTaskCompletedEventID int64
	Details                      *converter.Payloads
}

// UpsertWorkflowSearchAttributesEventAttributes records search attributes
// set by workflow code.
type UpsertWorkflowSearchAttributesEventAttributes struct {
	WorkflowTaskCompletedEventID int64
	SearchAttributes             *SearchAttributes
}

// WorkflowPropertiesModifiedEventAttributes records a memo update made by
// workflow code.
type WorkflowPropertiesModifiedEventAttributes struct {
	WorkflowTaskCompletedEventID int64
	UpsertedMemo                 *Memo
}

// WorkflowPropertiesModifiedExternallyEventAttributes records workflow
// properties changed from outside.
type WorkflowPropertiesModifiedExternallyEventAttributes struct {
	NewTaskQueue                string
	NewWorkflowTaskTimeout      time.Duration
	NewWorkflowRunTimeout       time.Duration
	NewWorkflowExecutionTimeout time.Duration
	UpsertedMemo                *Memo
}

// WorkflowExecutionOptionsUpdatedEventAttributes records workflow options
// changed from outside. Only the simple fields are kept.
type WorkflowExecutionOptionsUpdatedEventAttributes struct {
	UnsetVersioningOverride bool
	AttachedRequestID       string
	Identity                string
	Priority                *Priority
}

// WorkflowExecutionPausedEventAttributes records a pause of the workflow.
type WorkflowExecutionPausedEventAttributes struct {
	Identity  string
	Reason    string
	RequestID string
}

// WorkflowExecutionUnpausedEventAttributes records the end of a pause.
type WorkflowExecutionUnpausedEventAttributes struct {
	Identity  string
	Reason    string
	RequestID string
}

// WorkflowExecutionTimeSkippingTransitionedEventAttributes records a jump of
// the server's time-skipping clock.
type WorkflowExecutionTimeSkippingTransitionedEventAttributes struct {
	TargetTime               time.Time
	DisabledAfterFastForward bool
	WallClockTime            time.Time
}
