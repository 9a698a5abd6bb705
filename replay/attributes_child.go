package replay

import (
	"time"

	wfsim "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
)

// StartChildWorkflowExecutionInitiatedEventAttributes records a
// StartChildWorkflowExecution command.
type StartChildWorkflowExecutionInitiatedEventAttributes struct {
	Namespace                    string
	NamespaceID                  string
	WorkflowID                   string
	WorkflowType                 WorkflowType
	TaskQueue                    TaskQueue
	Input                        *converter.Payloads
	WorkflowExecutionTimeout     time.Duration
	WorkflowRunTimeout           time.Duration
	WorkflowTaskTimeout          time.Duration
	ParentClosePolicy            ParentClosePolicy
	Control                      string
	WorkflowTaskCompletedEventID int64
	WorkflowIDReusePolicy        WorkflowIDReusePolicy
	RetryPolicy                  *RetryPolicy
	CronSchedule                 string
	Header                       *Header
	Memo                         *Memo
	SearchAttributes             *SearchAttributes
	// InheritBuildID is read from "useCompatibleVersion" too, its old name.
	InheritBuildID bool
	Priority       *Priority
}

// StartChildWorkflowExecutionFailedEventAttributes records a child workflow
// that could not be started.
type StartChildWorkflowExecutionFailedEventAttributes struct {
	Namespace                    string
	NamespaceID                  string
	WorkflowID                   string
	WorkflowType                 WorkflowType
	Cause                        StartChildWorkflowExecutionFailedCause
	Control                      string
	InitiatedEventID             int64
	WorkflowTaskCompletedEventID int64
}

// ChildWorkflowExecutionStartedEventAttributes records that a child
// workflow started.
type ChildWorkflowExecutionStartedEventAttributes struct {
	Namespace         string
	NamespaceID       string
	InitiatedEventID  int64
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	Header            *Header
}

// ChildWorkflowExecutionCompletedEventAttributes records a child
// workflow's result.
type ChildWorkflowExecutionCompletedEventAttributes struct {
	Result            *converter.Payloads
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	InitiatedEventID  int64
	StartedEventID    int64
}

// ChildWorkflowExecutionFailedEventAttributes records a child workflow that
// failed.
type ChildWorkflowExecutionFailedEventAttributes struct {
	Failure           *wfsim.Failure
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	InitiatedEventID  int64
	StartedEventID    int64
	RetryState        wfsim.RetryState
}

// ChildWorkflowExecutionCanceledEventAttributes records a child workflow
// that was canceled.
type ChildWorkflowExecutionCanceledEventAttributes struct {
	Details           *converter.Payloads
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	InitiatedEventID  int64
	StartedEventID    int64
}

// ChildWorkflowExecutionTimedOutEventAttributes records a child workflow
// that timed out.
type ChildWorkflowExecutionTimedOutEventAttributes struct {
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	InitiatedEventID  int64
	StartedEventID    int64
	RetryState        wfsim.RetryState
}

// ChildWorkflowExecutionTerminatedEventAttributes records a child workflow
// that was terminated.
type ChildWorkflowExecutionTerminatedEventAttributes struct {
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	WorkflowType      WorkflowType
	InitiatedEventID  int64
	StartedEventID    int64
}

// SignalExternalWorkflowExecutionInitiatedEventAttributes records a
// SignalExternalWorkflowExecution command.
type SignalExternalWorkflowExecutionInitiatedEventAttributes struct {
	WorkflowTaskCompletedEventID int64
	Namespace                    string
	NamespaceID                  string
	WorkflowExecution            WorkflowExecution
	SignalName                   string
	Input                        *converter.Payloads
	// Control holds the Go SDK's sequence number for the signal.
	Control           string
	ChildWorkflowOnly bool
	Header            *Header
}

// SignalExternalWorkflowExecutionFailedEventAttributes records a signal
// that could not be delivered.
type SignalExternalWorkflowExecutionFailedEventAttributes struct {
	Cause                        SignalExternalWorkflowExecutionFailedCause
	WorkflowTaskCompletedEventID int64
	Namespace                    string
	NamespaceID                  string
	WorkflowExecution            WorkflowExecution
	InitiatedEventID             int64
	Control                      string
}

// ExternalWorkflowExecutionSignaledEventAttributes records a signal that
// was delivered.
type ExternalWorkflowExecutionSignaledEventAttributes struct {
	InitiatedEventID  int64
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
	Control           string
}

// RequestCancelExternalWorkflowExecutionInitiatedEventAttributes records a
// RequestCancelExternalWorkflowExecution command.
type RequestCancelExternalWorkflowExecutionInitiatedEventAttributes struct {
	WorkflowTaskCompletedEventID int64
	Namespace                    string
	NamespaceID                  string
	WorkflowExecution            WorkflowExecution
	Control                      string
	ChildWorkflowOnly            bool
	Reason                       string
}

// RequestCancelExternalWorkflowExecutionFailedEventAttributes records a
// cancellation request that could not be delivered.
type RequestCancelExternalWorkflowExecutionFailedEventAttributes struct {
	Cause                        CancelExternalWorkflowExecutionFailedCause
	WorkflowTaskCompletedEventID int64
	Namespace                    string
	NamespaceID                  string
	WorkflowExecution            WorkflowExecution
	InitiatedEventID             int64
	Control                      string
}

// ExternalWorkflowExecutionCancelRequestedEventAttributes records a
// cancellation request that was delivered.
type ExternalWorkflowExecutionCancelRequestedEventAttributes struct {
	InitiatedEventID  int64
	Namespace         string
	NamespaceID       string
	WorkflowExecution WorkflowExecution
}
